import { SwitchboardError, cancelledError } from '../model/switchboard-error';

/**
 * One signal for a whole request: aborted by the caller (reason: cancelled) or
 * by the overall deadline (reason: timeout, phase `deadline`).
 */
export function requestSignal(caller: AbortSignal | undefined, overallMs: number): { signal: AbortSignal; release(): void; abort(reason: SwitchboardError): void } {
  const controller = new AbortController();
  const onCallerAbort = (): void => controller.abort(cancelledError());
  if (caller?.aborted) onCallerAbort();
  else caller?.addEventListener('abort', onCallerAbort, { once: true });
  const timer = setTimeout(() => {
    controller.abort(
      new SwitchboardError({ kind: 'timeout', timeoutPhase: 'deadline', retryable: false, message: `The request did not finish within ${overallMs} ms (timeouts.overallMs).` }),
    );
  }, overallMs);
  timer.unref?.();
  return {
    signal: controller.signal,
    abort(reason) {
      if (!controller.signal.aborted) controller.abort(reason);
    },
    release() {
      clearTimeout(timer);
      caller?.removeEventListener('abort', onCallerAbort);
    },
  };
}
