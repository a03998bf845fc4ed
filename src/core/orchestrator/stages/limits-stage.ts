import { ConcurrencyGate } from '../../limits/concurrency-gate';
import { SwitchboardError } from '../../model/switchboard-error';
import { RequestStage } from '../pipeline/stage';

/**
 * The global concurrency cap (R15): a request waits for a slot (reporting that
 * it is queued) and holds it until everything inside has ended.
 */
export function limitsStage(gate: () => ConcurrencyGate): RequestStage {
  return async function* (ctx, next) {
    const g = gate();
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
  };
}
