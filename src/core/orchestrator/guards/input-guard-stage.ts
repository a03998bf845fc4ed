import { DEFAULT_GUARDS } from '../../config/defaults';
import { ChatRequest } from '../../model/chat-request';
import { extend } from '../../model/extend';
import { SwitchboardError } from '../../model/switchboard-error';
import { RequestStage, ended } from '../pipeline/stage';
import { reservedMaxTokens } from '../stages/budget-stage';

/** Characters of prompt text in a message's content (a string, or text parts). */
function contentChars(content: unknown): number {
  if (typeof content === 'string') return content.length;
  if (!Array.isArray(content)) return 0;
  let n = 0;
  for (const part of content as unknown[]) {
    const text = (part as { text?: unknown } | null)?.text;
    if (typeof text === 'string') n += text.length;
  }
  return n;
}

export function inputChars(request: ChatRequest): number {
  let n = 0;
  for (const m of request.messages) n += contentChars(m.content);
  return n;
}

/**
 * Input guards (S9), before anything else reads the prompt: a prompt over
 * `guards.maxInputChars` is refused with what to change, and a request without
 * `max_tokens` is sent with the default cap (`guards.defaultMaxTokens`, or a
 * candidate deployment's smaller `maxOutputTokens`).
 */
export function inputGuardStage(): RequestStage {
  // Not a generator: it only checks and rewrites the request, so it hands back the rest of the pipeline's run.
  return (ctx, next) => {
    const cfg = ctx.runtime.config.guards;
    const maxInput = cfg?.maxInputChars ?? DEFAULT_GUARDS.maxInputChars;
    const size = inputChars(ctx.request);
    if (size > maxInput) {
      return ended(
        ctx.record.refuse(
          new SwitchboardError({ kind: 'bad_request', retryable: false, message: `The prompt is ${size} characters, more than the ${maxInput} allowed (guards.maxInputChars). Send less context, or raise the limit in the Switchboard settings.` }),
        ),
      );
    }
    if (ctx.request.max_tokens !== undefined) return next(ctx);
    const max_tokens = reservedMaxTokens(ctx.target, cfg?.defaultMaxTokens ?? DEFAULT_GUARDS.defaultMaxTokens);
    return next({ ...ctx, request: extend(ctx.request, { max_tokens }) });
  };
}
