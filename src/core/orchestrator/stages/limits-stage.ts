import { ConcurrencyGate } from '../../limits/concurrency-gate';
import { SwitchboardError } from '../../model/switchboard-error';
import { observe } from '../pipeline/runs';
import { RequestContext, RequestStage, StageRun } from '../pipeline/stage';

/** A request that must wait for a slot (or was aborted): says it is queued, then waits. */
async function* queued(ctx: RequestContext, next: (ctx: RequestContext) => StageRun, g: ConcurrencyGate): StageRun {
  const mustQueue = g.wouldQueue();
  const pending = g.acquire(ctx.signal);
  // Nobody awaits it while the generator is paused at the notice (or after a Stop there).
  pending.catch(() => undefined);
  let release: (() => void) | undefined;
  try {
    if (mustQueue) yield { type: 'attempt', notice: { kind: 'waiting', delayMs: 0, reason: 'queue' } };
    release = await pending;
  } catch (err) {
    const error = SwitchboardError.isInstance(err) ? err : new SwitchboardError({ kind: 'cancelled', message: 'The request was cancelled while queued.' });
    return ctx.record.routedTo({ attempts: [], end: { outcome: 'error', error, receivedOutput: false, latencyMs: 0 } }, ctx.request, '', '');
  } finally {
    // Returned before it got a slot: give the slot back as soon as it is granted.
    if (!release) pending.then((r) => r(), () => undefined);
  }
  try {
    return yield* next(ctx);
  } finally {
    release();
  }
}

/**
 * The global concurrency cap (R15): a request waits for a slot (reporting that
 * it is queued) and holds it until everything inside has ended. With a slot
 * free (the usual case) it adds no generator layer: the release is a hook.
 */
export function limitsStage(gate: () => ConcurrencyGate): RequestStage {
  return (ctx, next) => {
    const g = gate();
    // A request already stopped takes the waiting path, which refuses it with its reason.
    const release = ctx.stop.reason ? undefined : g.tryAcquire();
    if (!release) return queued(ctx, next, g);
    let inner: StageRun;
    try {
      inner = next(ctx);
    } catch (err) {
      release();
      throw err;
    }
    return observe(inner, { last: release });
  };
}
