import { APIError } from '@anthropic-ai/sdk';
import { Stream } from '@anthropic-ai/sdk/core/streaming';
import { isRecord } from './anthropic-wire';

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * The SSE body of a streamed Messages answer as event payloads. Framing is the
 * SDK's own parser (`Stream.rawEvents`); this replaces only the SDK's event
 * filter, which silently DROPS every event without an `event:` line (so a
 * data-only stream from an Anthropic-compatible proxy, or a malformed
 * data-only chunk, would vanish instead of failing). Here a data-only event is
 * typed by its payload's `type`; `ping` and empty events are skipped; broken
 * JSON throws SyntaxError (mapped to `invalid_response`); an `error` event
 * throws the SDK's APIError (no status), as the SDK itself would.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/streaming#event-types
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 */
export async function* parseAnthropicSse(response: Response): AsyncGenerator<unknown> {
  for await (const sse of Stream.rawEvents(response)) {
    if (sse.event === 'ping') continue;
    if (sse.event === 'error') {
      // APIError reads `error.type` / `error.message` from the body itself.
      const body = safeJson(sse.data);
      throw new APIError(undefined, isRecord(body) ? body : { error: { message: sse.data } }, undefined, response.headers);
    }
    if (sse.data.trim() === '') continue;
    const payload: unknown = JSON.parse(sse.data);
    if (isRecord(payload) && typeof payload.type !== 'string' && sse.event !== null) yield { ...payload, type: sse.event };
    else yield payload;
  }
}
