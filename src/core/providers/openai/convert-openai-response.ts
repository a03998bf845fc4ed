import { ProviderPart } from '../../model/provider-part';
import { SwitchboardError } from '../../model/switchboard-error';
import { CompatPreset } from '../presets';
import { OpenAIToolCallAccumulator } from './accumulate-openai-tool-calls';
import { mapOpenAIFinishReason } from './map-openai-finish-reason';
import { arrayAt, recordAt, stringAt } from './read-json-fields';
import { readAnswerText, readReasoningText } from './read-openai-delta-text';
import { firstChoice } from './read-openai-stream';
import { readOpenAIUsageField } from './read-openai-usage-field';

/** The message's complete tool calls, read as a stream's fragments are. */
function toolCallsOf(message: unknown): Extract<ProviderPart, { type: 'tool-call' }>[] {
  const tools = new OpenAIToolCallAccumulator();
  tools.add(message);
  return tools.complete();
}

/**
 * A JSON (non-streamed) completion replayed as the parts a stream of the same
 * answer gives, in the same order: reasoning, text, tool calls, usage, finish.
 * @see https://platform.openai.com/docs/api-reference/chat/object
 */
export function convertOpenAIResponse(body: unknown, preset: CompatPreset): ProviderPart[] {
  const choice = firstChoice(body);
  if (!choice) {
    throw new SwitchboardError({ kind: 'invalid_response', message: 'The provider answered without any choice in the response body.' });
  }
  const message = recordAt(choice, 'message');
  const parts: ProviderPart[] = [];
  const reasoning = readReasoningText(message, preset.reasoningField);
  if (reasoning) parts.push({ type: 'reasoning-delta', text: reasoning });
  const text = readAnswerText(message);
  if (text) parts.push({ type: 'text-delta', text });
  const calls = arrayAt(message, 'tool_calls').length > 0 ? toolCallsOf(message) : [];
  for (const call of calls) parts.push(call);
  const usage = readOpenAIUsageField(body, preset);
  if (usage) parts.push({ type: 'usage', usage });
  parts.push({ type: 'finish', finishReason: mapOpenAIFinishReason(stringAt(choice, 'finish_reason'), calls.length > 0) });
  return parts;
}
