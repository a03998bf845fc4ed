import { StreamEvent } from '../../model/stream-event';
import { Outcome, StageRun } from './stage';

/**
 * Passes `run` through, showing each event to `see` first. Unlike `yield*` it
 * lets a stage look at events; like `yield*` it closes `run` when the caller
 * stops early, so the inner stages' `finally` blocks still run.
 */
export async function* tap(run: StageRun, see: (ev: StreamEvent) => void): StageRun {
  let ended = false;
  try {
    let step = await run.next();
    while (!step.done) {
      see(step.value);
      yield step.value;
      step = await run.next();
    }
    ended = true;
    return step.value;
  } finally {
    if (!ended) await run.return(undefined as unknown as Outcome).catch(() => undefined);
  }
}
