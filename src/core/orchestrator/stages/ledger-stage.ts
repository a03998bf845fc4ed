import { CallRecord } from '../../model/call-record';
import { cancelledError } from '../../model/switchboard-error';
import { internalError } from '../pipeline/internal-error';
import { madeNow, observe } from '../pipeline/runs';
import { Outcome, ScopeStage } from '../pipeline/stage';
import { redactError } from '../redact-error';

/**
 * Publishes every request's record exactly once (ledger, then listeners),
 * whatever happened inside: a finished outcome, an internal failure (recorded
 * as an error, upstream aborted) or a pipeline closed before it finished.
 * Not a generator: its catch and finally are hooks on the inner run (`observe`).
 */
export function ledgerStage(publish: (record: CallRecord) => void): ScopeStage {
  return (scope, next) =>
    // `madeNow`: an inner stage that throws while starting is caught below, as inside a generator; a run
    // that observes too is joined (one `.then` per event for the ledger and every observer inside it).
    observe(
      madeNow(() => next(scope)),
      {
        fail(err) {
          const error = internalError(err);
          // Thrown after the record was finished (storing the answer, say): the record stands.
          if (scope.record.finished) throw redactError(error);
          scope.abort(error);
          return scope.record.failed(error);
        },
        last() {
          // Closed before any stage finished it (a router that did not wind down): recorded as stopped.
          const outcome: Outcome = scope.record.finished ?? scope.record.failed(scope.stop.reason ?? cancelledError());
          publish(outcome.record);
        },
      },
    );
}
