import { DeploymentConfig } from '../config/switchboard-config';
import { AttemptKind, AttemptRecord } from '../model/call-record';
import { toCanonicalCall } from '../model/to-canonical-call';
import { RouteContext, RouteEvent } from './router';
import { RouterState } from './router-state';
import { AttemptEnd, runAttempt } from './run-attempt';

/**
 * One attempt plus its bookkeeping: in-flight count, RPM/TPM reservation
 * (estimated before, reconciled after), latency stats, cooldown reset on
 * success, and the attempt's record.
 */
export async function* trackedAttempt(
  ctx: RouteContext,
  state: RouterState,
  deployment: DeploymentConfig,
  kind: AttemptKind,
  estimatedTokens: number,
  records: AttemptRecord[],
): AsyncGenerator<RouteEvent, AttemptEnd, undefined> {
  const { runtime } = ctx;
  const st = state.of(deployment.id);
  const startedAt = runtime.now();
  const reservation = st.limits.reserve(estimatedTokens, startedAt);
  st.inFlight += 1;
  let end: AttemptEnd | undefined;
  try {
    const attempt = runAttempt({
      deployment,
      adapter: runtime.adapterFor(deployment),
      // The adapter sees the canonical call only (no alias, no cache options).
      canonical: toCanonicalCall(ctx.request),
      stream: ctx.stream,
      timeouts: runtime.timeoutsFor(deployment),
      signal: ctx.signal,
      now: runtime.now,
    });
    let step = await attempt.next();
    while (!step.done) {
      yield { type: 'output', part: step.value };
      step = await attempt.next();
    }
    end = step.value;
    return end;
  } finally {
    st.inFlight -= 1;
    const record: AttemptRecord = { deploymentId: deployment.id, kind, outcome: end?.outcome ?? 'cancelled', startedAt, latencyMs: end?.latencyMs ?? runtime.now() - startedAt };
    if (end?.ttftMs !== undefined) record.ttftMs = end.ttftMs;
    if (end?.outcome === 'error') {
      if (end.error.kind === 'cancelled') record.outcome = 'cancelled';
      record.errorKind = end.error.kind;
      if (end.error.status !== undefined) record.status = end.error.status;
    } else if (!end) record.errorKind = 'cancelled';
    records.push(record);
    if (end?.usage) reservation.reconcile(end.usage.inputTokens + end.usage.outputTokens);
    const sample = { at: runtime.now(), ok: record.outcome === 'ok', latencyMs: record.latencyMs, ...(record.ttftMs !== undefined ? { ttftMs: record.ttftMs } : {}), ...(record.errorKind ? { errorKind: record.errorKind } : {}) };
    st.stats.observe(sample);
    if (record.outcome === 'ok') st.cooldown.recordSuccess();
  }
}
