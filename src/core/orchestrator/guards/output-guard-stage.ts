import { DEFAULT_GUARDS } from '../../config/defaults';
import { ChatRequest } from '../../model/chat-request';
import { SwitchboardError } from '../../model/switchboard-error';
import { RequestStage } from '../pipeline/stage';
import { tap } from '../pipeline/tap';
import { RepeatDetector } from './repeat-detector';

/** Repeats in the prompt that make the same repeats in the answer expected (echo, "repeat this 100 times"). */
const PROMPT_REPEATS = 8;

function promptText(request: ChatRequest): string {
  return request.messages
    .map((m) => (typeof m.content === 'string' ? m.content : Array.isArray(m.content) ? (m.content as unknown[]).map((p) => String((p as { text?: unknown } | null)?.text ?? '')).join('') : ''))
    .join('\n');
}

/** Whether the prompt itself repeats `unit` (computed only when the guard would trip). */
function requestedIn(request: ChatRequest): (unit: string, kind: 'chunk' | 'line' | 'pattern') => boolean {
  let text: string | undefined;
  let lines: Map<string, number> | undefined;
  return (unit, kind) => {
    text ??= promptText(request);
    if (kind !== 'line') return text.includes(unit.repeat(PROMPT_REPEATS));
    if (!lines) {
      // Longest run of each repeated non-blank line in the prompt.
      lines = new Map();
      let prev = '';
      let run = 0;
      for (const raw of text.split('\n')) {
        const line = raw.trim();
        if (line === '') continue;
        run = line === prev ? run + 1 : 1;
        prev = line;
        if (run > (lines.get(line) ?? 0)) lines.set(line, run);
      }
    }
    return (lines.get(unit) ?? 0) >= PROMPT_REPEATS;
  };
}

function stopped(message: string): SwitchboardError {
  return new SwitchboardError({ kind: 'invalid_response', retryable: false, message });
}

/**
 * Stream guards (S9): an answer that repeats itself past `guards.loop.maxRepeats`
 * (unless the prompt repeats the same thing: an echo is not a loop),
 * or grows past `guards.maxOutputChars` / `maxOutputTokens`, is stopped: the
 * request is aborted (the upstream socket closes) and the answer ends
 * `incomplete` with the reason, keeping (and billing) what arrived.
 */
export function outputGuardStage(): RequestStage {
  // Not a generator: it only watches events, so it hands back the inner run with its check on it.
  return (ctx, next) => {
    const cfg = ctx.runtime.config.guards;
    const maxChars = cfg?.maxOutputChars ?? DEFAULT_GUARDS.maxOutputChars;
    const maxTokens = cfg?.maxOutputTokens ?? DEFAULT_GUARDS.maxOutputTokens;
    const loopOn = cfg?.loop?.enabled ?? DEFAULT_GUARDS.loop.enabled;
    const maxRepeats = cfg?.loop?.maxRepeats ?? DEFAULT_GUARDS.loop.maxRepeats;
    let chars = 0;
    let deltas = 0;
    const requested = requestedIn(ctx.request);
    let loop = loopOn ? new RepeatDetector(maxRepeats, requested) : undefined;
    let tripped = false;
    const trip = (error: SwitchboardError): void => {
      tripped = true;
      ctx.abort(error);
    };
    return tap(next(ctx), (ev) => {
      if (tripped) return;
      if (ev.type === 'attempt' && ev.notice.kind === 'restart') {
        // A labelled restart replaces the answer: the guards start over with it.
        chars = deltas = 0;
        loop = loopOn ? new RepeatDetector(maxRepeats, requested) : undefined;
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
