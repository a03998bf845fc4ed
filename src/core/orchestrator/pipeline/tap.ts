import { StreamEvent } from '../../model/stream-event';
import { observe } from './runs';
import { StageRun } from './stage';

/**
 * Passes `run` through, showing each event to `see` first. Unlike `yield*` it
 * lets a stage look at events; like `yield*` it closes `run` when the caller
 * stops early, so the inner stages' cleanup still runs. Not a generator: one
 * promise turn per event (see `observe`).
 */
export function tap(run: StageRun, see: (ev: StreamEvent) => void): StageRun {
  return observe(run, { see });
}
