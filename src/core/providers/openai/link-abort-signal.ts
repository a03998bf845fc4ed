/**
 * A signal of our own that follows the caller's. The SDK adds an `abort`
 * listener to the signal it is given and never removes it; giving it a
 * per-call signal keeps a long-lived caller signal from collecting listeners,
 * and lets the adapter close the socket when the consumer stops early.
 * `dispose(true)` after a fully read answer skips the abort: the socket is
 * already back in the pool, and aborting (listeners, a DOMException) was ~2%
 * of a cache miss's added time in the profile.
 */
export function linkAbortSignal(parent: AbortSignal): { signal: AbortSignal; dispose(completed?: boolean): void } {
  const controller = new AbortController();
  const forward = (): void => controller.abort(parent.reason);
  if (parent.aborted) forward();
  else parent.addEventListener('abort', forward, { once: true });
  return {
    signal: controller.signal,
    dispose: (completed = false) => {
      parent.removeEventListener('abort', forward);
      if (!completed) controller.abort();
    },
  };
}
