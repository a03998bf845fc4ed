import { Usage } from '../model/usage';

/** Anthropic's `usage` (message response, or `message_start` + final `message_delta` merged). */
export interface AnthropicUsageLike {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
}

const n = (v: number | null | undefined): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : 0);

/**
 * Anthropic's `input_tokens` EXCLUDES cache reads and cache writes, so the
 * total prompt is the sum of the three. Thinking tokens are billed inside
 * `output_tokens` and not reported apart.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching#tracking-cache-performance
 * @see https://docs.anthropic.com/en/api/messages#response-usage
 */
export function convertAnthropicUsage(u: AnthropicUsageLike): Usage {
  const cacheRead = n(u.cache_read_input_tokens);
  const cacheWrite = n(u.cache_creation_input_tokens);
  return {
    inputTokens: n(u.input_tokens) + cacheRead + cacheWrite,
    outputTokens: n(u.output_tokens),
    cacheReadTokens: cacheRead,
    cacheWriteTokens: cacheWrite,
    reasoningTokens: 0,
    estimated: false,
  };
}
