import { AttemptRecord } from '../model/call-record';
import { RouteContext, RouteEvent, RouteResult } from './router';
import { runAttempt } from './run-attempt';

/**
 * The simplest router: one attempt on the target deployment, or on the
 * alias's first deployment. The full router (fallback, retries, cooldowns,
 * strategies) replaces it without changing the orchestrator.
 */
export async function* routeFirstDeployment(ctx: RouteContext): AsyncGenerator<RouteEvent, RouteResult, undefined> {
  const { runtime, target } = ctx;
  const deployment = target.kind === 'deployment' ? target.deployment : target.deployments[0];
  if (!deployment) throw new Error('validated alias has no deployment');
  const startedAt = runtime.now();
  const attempt = runAttempt({
    deployment,
    adapter: runtime.adapterFor(deployment),
    request: ctx.request,
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
  const end = step.value;
  const record: AttemptRecord = { deploymentId: deployment.id, kind: 'first', outcome: end.outcome, startedAt, latencyMs: end.latencyMs };
  if (end.ttftMs !== undefined) record.ttftMs = end.ttftMs;
  if (end.outcome === 'error') {
    if (end.error.kind === 'cancelled') record.outcome = 'cancelled';
    record.errorKind = end.error.kind;
    if (end.error.status !== undefined) record.status = end.error.status;
  }
  return { attempts: [record], deployment, end };
}
