import { CallRecord } from '../../model/call-record';
import { SwitchboardError, cancelledError } from '../../model/switchboard-error';
import { internalError } from '../pipeline/internal-error';
import { Outcome, ScopeStage } from '../pipeline/stage';
import { redactError } from '../redact-error';

/**
 * Publishes every request's record exactly once (ledger, then listeners),
 * whatever happened inside: a finished outcome, an internal failure (recorded
 * as an error, upstream aborted) or a pipeline closed before it finished.
 */
export function ledgerStage(publish: (record: CallRecord) => Promise<void>): ScopeStage {
  return async function* (scope, next) {
    try {
      return yield* next(scope);
    } catch (err) {
      const error = internalError(err);
      // Thrown after the record was finished (storing the answer, say): the record stands.
      if (scope.record.finished) throw redactError(error);
      scope.abort(error);
      return scope.record.failed(error);
    } finally {
      // Closed before any stage finished it (a router that did not wind down): recorded as stopped.
      const reason: unknown = scope.signal.reason;
      const outcome: Outcome = scope.record.finished ?? scope.record.failed(SwitchboardError.isInstance(reason) ? reason : cancelledError());
      await publish(outcome.record);
    }
  };
}
