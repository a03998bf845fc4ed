import { SwitchboardError } from '../../model/switchboard-error';

/** A throw from inside the core, as the error the caller gets: its own kind if it has one. */
export function internalError(err: unknown): SwitchboardError {
  if (SwitchboardError.isInstance(err)) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new SwitchboardError({ kind: 'invalid_response', retryable: false, message: `Switchboard failed internally: ${message}`, cause: err });
}
