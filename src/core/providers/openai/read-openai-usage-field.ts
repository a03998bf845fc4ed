import { Usage } from '../../model/usage';
import { CompatPreset } from '../presets';
import { convertOpenAIUsage } from './convert-openai-usage';
import { recordAt } from './read-json-fields';

/**
 * The usage a chunk or response carries: `usage`, or for Groq's older streams
 * `x_groq.usage` on the last chunk.
 * @see https://console.groq.com/docs/api-reference#chat-create
 */
export function readOpenAIUsageField(obj: unknown, preset: CompatPreset): Usage | undefined {
  const quirks = { reasoningOutsideCompletion: preset.reasoningOutsideCompletion === true };
  const direct = convertOpenAIUsage(recordAt(obj, 'usage'), quirks);
  if (direct || !preset.usageInXGroq) return direct;
  return convertOpenAIUsage(recordAt(recordAt(obj, 'x_groq'), 'usage'), quirks);
}
