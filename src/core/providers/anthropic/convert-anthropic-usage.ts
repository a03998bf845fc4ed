import { Usage } from '../../model/usage';
import { JsonRecord, isRecord, numberField, recordField } from './anthropic-wire';

const COUNTERS = ['input_tokens', 'cache_creation_input_tokens', 'cache_read_input_tokens', 'output_tokens'] as const;

/**
 * Overlays a later usage report on an earlier one, field by field. Stream
 * usage is cumulative: `message_delta` carries the final `output_tokens` and,
 * on the current API and some proxies, the input counters again (sometimes
 * different from `message_start`'s); a field that is absent or null keeps the
 * earlier value.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/streaming#event-types
 */
export function mergeAnthropicUsage(earlier: JsonRecord, later: unknown): JsonRecord {
  if (!isRecord(later)) return earlier;
  const merged: JsonRecord = { ...earlier };
  for (const [key, value] of Object.entries(later)) if (value !== null && value !== undefined) merged[key] = value;
  return merged;
}

function counters(record: JsonRecord): { input: number; write: number; read: number; output: number } {
  const [input, write, read, output] = COUNTERS.map((k) => numberField(record, k) ?? 0) as [number, number, number, number];
  return { input, write, read, output };
}

/**
 * Anthropic usage to the normalised shape. Anthropic's `input_tokens` EXCLUDES
 * cache reads and writes; our `inputTokens` counts every prompt token, so the
 * three are added. With server-side compaction the top-level numbers leave out
 * the compaction pass, which is billed on the same model: `iterations` entries
 * of type `compaction` are added so cost is not under-reported. Other
 * iterations (e.g. `advisor_message`, run on another model) are not counted.
 * @see https://docs.anthropic.com/en/api/messages#response-usage
 * @see https://docs.anthropic.com/en/docs/build-with-claude/compaction
 */
export function convertAnthropicUsage(raw: JsonRecord): Usage {
  const top = counters(raw);
  const iterations = Array.isArray(raw.iterations) ? raw.iterations : [];
  for (const it of iterations) {
    if (!isRecord(it) || it.type !== 'compaction') continue;
    const c = counters(it);
    top.input += c.input;
    top.write += c.write;
    top.read += c.read;
    top.output += c.output;
  }
  const details = recordField(raw, 'output_tokens_details');
  const reasoning = details ? (numberField(details, 'thinking_tokens') ?? 0) : 0;
  return {
    inputTokens: top.input + top.write + top.read,
    outputTokens: top.output,
    cacheReadTokens: top.read,
    cacheWriteTokens: top.write,
    reasoningTokens: reasoning,
    estimated: false,
  };
}
