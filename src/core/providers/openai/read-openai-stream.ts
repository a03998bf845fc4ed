import { ProviderPart } from '../../model/provider-part';
import { SwitchboardError } from '../../model/switchboard-error';
import { Usage } from '../../model/usage';
import { CompatPreset } from '../presets';
import { OpenAIToolCallAccumulator } from './accumulate-openai-tool-calls';
import { mapOpenAIFinishReason } from './map-openai-finish-reason';
import { arrayAt, isRecord, recordAt, stringAt } from './read-json-fields';
import { readAnswerText, readReasoningText } from './read-openai-delta-text';
import { readOpenAIUsageField } from './read-openai-usage-field';

/** The first choice (index 0) of a chunk or response; `n > 1` is not requested. */
export function firstChoice(obj: unknown): Record<string, unknown> | undefined {
  const all = arrayAt(obj, 'choices');
  // Every chunk of a stream: one choice, index 0. Spare it the filtered copy.
  const only = all.length === 1 ? all[0] : undefined;
  if (isRecord(only) && (only['index'] === 0 || only['index'] === undefined)) return only;
  const choices = all.filter(isRecord);
  return choices.find((c) => c['index'] === 0 || c['index'] === undefined) ?? choices[0];
}

/** A stream the SDK opened: its parsed chunks and the preset they are read with. */
export interface OpenedStream {
  chunks: AsyncIterable<unknown>;
  preset: CompatPreset;
}

/**
 * Parsed Chat Completions chunks → canonical parts. Text and reasoning are
 * yielded as they arrive; tool calls, usage and the finish reason once the
 * stream has ended (usage usually comes in a chunk after the finish reason).
 * A stream that ends without a finish reason was cut: the parts received so far
 * have been yielded, partial usage is yielded, then a `network` error is thrown.
 * `opening` is awaited on the first `next` (its failure is final); every later
 * failure goes through `mapError`.
 * @see https://platform.openai.com/docs/api-reference/chat-streaming/streaming
 */
export async function* readOpenAIStream(opening: Promise<OpenedStream>, mapError: (error: unknown) => unknown = (error) => error): AsyncGenerator<ProviderPart> {
  const { chunks, preset } = await opening;
  const tools = new OpenAIToolCallAccumulator();
  let usage: Usage | undefined;
  let finishRaw: string | undefined;
  try {
    try {
      for await (const chunk of chunks) {
        if (!isRecord(chunk)) throw notAChunk(chunk);
        usage = readOpenAIUsageField(chunk, preset) ?? usage;
        const choice = firstChoice(chunk);
        if (!choice) continue;
        const delta = recordAt(choice, 'delta');
        const reasoning = readReasoningText(delta, preset.reasoningField);
        if (reasoning) yield { type: 'reasoning-delta', text: reasoning };
        const text = readAnswerText(delta);
        if (text) yield { type: 'text-delta', text };
        if (delta !== undefined && delta['tool_calls'] !== undefined) yield* tools.add(delta);
        finishRaw = stringAt(choice, 'finish_reason') ?? finishRaw;
      }
    } catch (error) {
      if (usage) yield { type: 'usage', usage };
      throw error;
    }
    if (finishRaw === undefined) {
      if (usage) yield { type: 'usage', usage };
      throw new SwitchboardError({ kind: 'network', message: 'The provider stream ended before completion (no finish reason); the text so far is incomplete.' });
    }
    const calls = tools.complete();
    // A plain loop: `yield*` over an array goes through an async-from-sync iterator, made even when it is empty.
    for (const call of calls) yield call;
    if (usage) yield { type: 'usage', usage };
    yield { type: 'finish', finishReason: mapOpenAIFinishReason(finishRaw, calls.length > 0) };
  } catch (error) {
    throw mapError(error);
  }
}

function notAChunk(chunk: unknown): SwitchboardError {
  return new SwitchboardError({ kind: 'invalid_response', message: `The provider sent a stream event that is not a chunk object: ${JSON.stringify(chunk).slice(0, 120)}` });
}
