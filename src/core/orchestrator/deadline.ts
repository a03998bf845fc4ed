import { SwitchboardError, cancelledError } from '../model/switchboard-error';

/**
 * What stops a request, read and watched without its `AbortSignal`: every Node 20
 * `AbortSignal` has its own hidden class (so each first read of one of its
 * properties misses V8's inline caches) and an `abort` listener costs ~2 µs to add
 * and remove. The signal is still what `fetch` and the SDKs are given.
 */
export interface RequestStop {
  /** Why the request stopped, once it has. */
  readonly reason: SwitchboardError | undefined;
  /** `listener` runs once when the request stops (at once if it has), before the signal's own listeners; the function returned forgets it. */
  watch(listener: (reason: SwitchboardError) => void): () => void;
}

/**
 * One signal for a whole request: aborted by the caller (reason: cancelled), by
 * the overall deadline (reason: timeout, phase `deadline`) or by a stage (`abort`);
 * `stop` says so to the request's own code first.
 */
export function requestSignal(caller: AbortSignal | undefined, overallMs: number): { signal: AbortSignal; stop: RequestStop; release(): void; abort(reason: SwitchboardError): void } {
  const controller = new AbortController();
  let stopped: SwitchboardError | undefined;
  const watchers: ((reason: SwitchboardError) => void)[] = [];
  const stopWith = (reason: SwitchboardError): void => {
    if (stopped) return;
    stopped = reason;
    for (const watcher of watchers.splice(0)) watcher(reason);
    controller.abort(reason);
  };
  const onCallerAbort = (): void => stopWith(cancelledError());
  if (caller?.aborted) onCallerAbort();
  else caller?.addEventListener('abort', onCallerAbort, { once: true });
  const timer = setTimeout(() => {
    stopWith(new SwitchboardError({ kind: 'timeout', timeoutPhase: 'deadline', retryable: false, message: `The request did not finish within ${overallMs} ms (timeouts.overallMs).` }));
  }, overallMs);
  timer.unref?.();
  return {
    signal: controller.signal,
    stop: {
      get reason() {
        return stopped;
      },
      watch(listener) {
        if (stopped) {
          listener(stopped);
          return () => undefined;
        }
        watchers.push(listener);
        return () => {
          const at = watchers.indexOf(listener);
          if (at >= 0) watchers.splice(at, 1);
        };
      },
    },
    abort: stopWith,
    release() {
      clearTimeout(timer);
      caller?.removeEventListener('abort', onCallerAbort);
    },
  };
}
