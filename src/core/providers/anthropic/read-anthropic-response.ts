import { ProviderPart } from '../../model/provider-part';
import { AnthropicReadOptions } from './anthropic-read-options';
import { AnthropicErrorContext, mapAnthropicError } from './map-anthropic-error';
import { parseAnthropicSse } from './parse-anthropic-sse';
import { readAnthropicStream } from './read-anthropic-stream';
import { replayAnthropicMessage } from './replay-anthropic-message';

/**
 * The HTTP 200 answer to a streamed request. Some Anthropic-compatible servers
 * ignore `stream: true` and answer with one JSON message; that is replayed as
 * parts instead of being misread as an empty event stream.
 * @see https://docs.anthropic.com/en/api/messages-streaming
 */
export async function* readAnthropicResponse(response: Response, ctx: AnthropicErrorContext, read: AnthropicReadOptions = {}): AsyncGenerator<ProviderPart> {
  const type = response.headers.get('content-type') ?? '';
  if (/^application\/(.+\+)?json/i.test(type.trim())) {
    let message: unknown;
    try {
      message = await response.json();
    } catch (err) {
      throw mapAnthropicError(err, ctx);
    }
    yield* replayAnthropicMessage(message, read);
    return;
  }
  yield* readAnthropicStream(parseAnthropicSse(response), ctx, read);
}
