import { DeploymentConfig } from '../config/switchboard-config';
import { AttemptKind, AttemptRecord } from '../model/call-record';
import { toCanonicalCall } from '../model/to-canonical-call';
import { RouteContext, RouteEvent } from './router';
import { AttemptSample } from './deployment-stats';
import { RouterState } from './router-state';
import { AttemptEnd, runAttempt } from './run-attempt';

/**
 * One attempt plus its bookkeeping: in-flight count, RPM/TPM reservation
 * (estimated before, reconciled after), latency stats, cooldown reset on
 * success, and the attempt's record. Not a generator of its own: the
 * bookkeeping runs before the attempt and in its `settle` hook, so every part
 * of every answer passes one async layer fewer.
 */
export function trackedAttempt(
  ctx: RouteContext,
  state: RouterState,
  deployment: DeploymentConfig,
  kind: AttemptKind,
  estimatedTokens: number,
  records: AttemptRecord[],
): AsyncGenerator<RouteEvent, AttemptEnd, undefined> {
  const { runtime } = ctx;
  const st = state.of(deployment.id);
  const timeouts = runtime.timeoutsFor(deployment);
  let startedAt = 0;
  let reservation: ReturnType<typeof st.limits.reserve> | undefined;
  return runAttempt({
    deployment,
    adapter: runtime.adapterFor(deployment),
    // The adapter sees the canonical call only (no alias, no cache options).
    canonical: toCanonicalCall(ctx.request),
    stream: ctx.stream,
    timeouts,
    // The request's own deadline already bounds a whole answer when the deployment's is no shorter.
    deadlineCovers: timeouts.overallMs >= runtime.timeouts.overallMs,
    first: kind === 'first',
    signal: ctx.signal,
    stop: ctx.stop,
    now: runtime.now,
    // Run when the attempt's body starts, as a generator's own body would: one never started holds nothing.
    begin() {
      startedAt = runtime.now();
      reservation = st.limits.reserve(estimatedTokens, startedAt);
      st.inFlight += 1;
    },
    settle(end) {
      st.inFlight -= 1;
      const record: AttemptRecord = { deploymentId: deployment.id, kind, outcome: end?.outcome ?? 'cancelled', startedAt, latencyMs: end?.latencyMs ?? runtime.now() - startedAt };
      if (end?.ttftMs !== undefined) record.ttftMs = end.ttftMs;
      if (end?.outcome === 'error') {
        if (end.error.kind === 'cancelled') record.outcome = 'cancelled';
        record.errorKind = end.error.kind;
        if (end.error.status !== undefined) record.status = end.error.status;
      } else if (!end) record.errorKind = 'cancelled';
      records.push(record);
      if (end?.usage) reservation?.reconcile(end.usage.inputTokens + end.usage.outputTokens);
      const sample: AttemptSample = { at: runtime.now(), ok: record.outcome === 'ok', latencyMs: record.latencyMs };
      if (record.ttftMs !== undefined) sample.ttftMs = record.ttftMs;
      if (record.errorKind) sample.errorKind = record.errorKind;
      st.stats.observe(sample);
      if (record.outcome === 'ok') st.cooldown.recordSuccess();
    },
  });
}
