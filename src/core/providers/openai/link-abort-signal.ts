/**
 * A signal of our own that follows the caller's. The SDK adds an `abort`
 * listener to the signal it is given and never removes it; giving it a
 * per-call signal keeps a long-lived caller signal from collecting listeners,
 * and lets the adapter close the socket when the consumer stops early.
 */
export function linkAbortSignal(parent: AbortSignal): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const forward = (): void => controller.abort(parent.reason);
  if (parent.aborted) forward();
  else parent.addEventListener('abort', forward, { once: true });
  return {
    signal: controller.signal,
    dispose: () => {
      parent.removeEventListener('abort', forward);
      controller.abort();
    },
  };
}
