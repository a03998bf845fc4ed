import { ProviderPart } from '../../model/provider-part';
import { SwitchboardError } from '../../model/switchboard-error';
import { AnthropicReadOptions } from './anthropic-read-options';
import { isRecord, stringField } from './anthropic-wire';
import { convertAnthropicContentBlock } from './convert-anthropic-content';
import { convertAnthropicUsage } from './convert-anthropic-usage';
import { mapAnthropicStopReason } from './map-anthropic-stop-reason';

/**
 * A non-streamed Messages answer replayed as the parts a stream would give
 * (same usage conversion, same finish mapping), so both paths cost the same.
 * @see https://docs.anthropic.com/en/api/messages#response
 */
export function replayAnthropicMessage(message: unknown, read: AnthropicReadOptions = {}): ProviderPart[] {
  if (!isRecord(message) || !Array.isArray(message.content)) {
    const shown = typeof message === 'string' ? message.slice(0, 200) : typeof message;
    throw new SwitchboardError({ kind: 'invalid_response', message: `Anthropic answered with something that is not a message: ${shown}` });
  }
  const parts: ProviderPart[] = message.content.flatMap((b) => convertAnthropicContentBlock(b, read));
  if (isRecord(message.usage)) parts.push({ type: 'usage', usage: convertAnthropicUsage(message.usage) });
  parts.push({ type: 'finish', finishReason: mapAnthropicStopReason(stringField(message, 'stop_reason'), read) });
  return parts;
}
