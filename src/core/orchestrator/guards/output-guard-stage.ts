import { DEFAULT_GUARDS } from '../../config/defaults';
import { SwitchboardError } from '../../model/switchboard-error';
import { RequestStage } from '../pipeline/stage';
import { tap } from '../pipeline/tap';
import { RepeatDetector } from './repeat-detector';

function stopped(message: string): SwitchboardError {
  return new SwitchboardError({ kind: 'invalid_response', retryable: false, message });
}

/**
 * Stream guards (S9): an answer that repeats itself past `guards.loop.maxRepeats`,
 * or grows past `guards.maxOutputChars` / `maxOutputTokens`, is stopped: the
 * request is aborted (the upstream socket closes) and the answer ends
 * `incomplete` with the reason, keeping (and billing) what arrived.
 */
export function outputGuardStage(): RequestStage {
  return async function* (ctx, next) {
    const cfg = ctx.runtime.config.guards;
    const maxChars = cfg?.maxOutputChars ?? DEFAULT_GUARDS.maxOutputChars;
    const maxTokens = cfg?.maxOutputTokens ?? DEFAULT_GUARDS.maxOutputTokens;
    const loopOn = cfg?.loop?.enabled ?? DEFAULT_GUARDS.loop.enabled;
    const maxRepeats = cfg?.loop?.maxRepeats ?? DEFAULT_GUARDS.loop.maxRepeats;
    let chars = 0;
    let deltas = 0;
    let loop = loopOn ? new RepeatDetector(maxRepeats) : undefined;
    let tripped = false;
    const trip = (error: SwitchboardError): void => {
      tripped = true;
      ctx.abort(error);
    };
    return yield* tap(next(ctx), (ev) => {
      if (tripped) return;
      if (ev.type === 'attempt' && ev.notice.kind === 'restart') {
        // A labelled restart replaces the answer: the guards start over with it.
        chars = deltas = 0;
        loop = loopOn ? new RepeatDetector(maxRepeats) : undefined;
        return;
      }
      if (ev.type !== 'text' && ev.type !== 'reasoning') return;
      chars += ev.text.length;
      deltas += 1;
      if (chars > maxChars) return trip(stopped(`The answer was stopped at ${chars} characters, past the output ceiling (guards.maxOutputChars = ${maxChars}).`));
      // Streams send about one token per delta; large deltas are bounded by the character ceiling.
      if (deltas > maxTokens) return trip(stopped(`The answer was stopped at about ${deltas} tokens, past the output ceiling (guards.maxOutputTokens = ${maxTokens}).`));
      const repeated = ev.type === 'text' ? loop?.push(ev.text) : undefined;
      if (repeated) trip(stopped(`The answer was stopped: it repeated ${repeated} (guards.loop.maxRepeats = ${maxRepeats}).`));
    });
  };
}
