import { Router } from '../router/router';
import { SwitchboardError } from '../model/switchboard-error';
import { ConcurrencyGate } from './concurrency-gate';

/**
 * Wraps a router with the global concurrency cap: a request waits for a slot
 * (reporting that it is queued) and holds it until routing ends.
 */
export function gatedRouter(inner: Router, gate: () => ConcurrencyGate): Router {
  return async function* (ctx) {
    const g = gate();
    const mustQueue = g.wouldQueue();
    const pending = g.acquire(ctx.signal);
    // Nobody awaits it while the generator is paused at the notice (or after a Stop there).
    pending.catch(() => undefined);
    let release: (() => void) | undefined;
    try {
      if (mustQueue) yield { type: 'notice', notice: { kind: 'waiting', delayMs: 0, reason: 'queue' } };
      release = await pending;
    } catch (err) {
      const error = SwitchboardError.isInstance(err) ? err : new SwitchboardError({ kind: 'cancelled', message: 'The request was cancelled while queued.' });
      return { attempts: [], end: { outcome: 'error', error, receivedOutput: false, latencyMs: 0 } };
    } finally {
      // Returned before it got a slot: give the slot back as soon as it is granted.
      if (!release) pending.then((r) => r(), () => undefined);
    }
    try {
      return yield* inner(ctx);
    } finally {
      release();
    }
  };
}
