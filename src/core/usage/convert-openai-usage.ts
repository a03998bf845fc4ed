import { Usage } from '../model/usage';

/** The `usage` object of an OpenAI (or OpenAI-compatible) chat completion or final stream chunk. */
export interface OpenAIUsageLike {
  prompt_tokens?: number | null;
  completion_tokens?: number | null;
  prompt_tokens_details?: { cached_tokens?: number | null } | null;
  completion_tokens_details?: { reasoning_tokens?: number | null } | null;
}

const n = (v: number | null | undefined): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : 0);

/**
 * OpenAI's `prompt_tokens` already includes the cached tokens, and
 * `completion_tokens` already includes the reasoning tokens, so both map
 * directly. OpenAI has no separately billed cache writes.
 * @see https://platform.openai.com/docs/api-reference/chat/object#chat/object-usage
 * @see https://platform.openai.com/docs/guides/prompt-caching
 */
export function convertOpenAIUsage(u: OpenAIUsageLike): Usage {
  return {
    inputTokens: n(u.prompt_tokens),
    outputTokens: n(u.completion_tokens),
    cacheReadTokens: n(u.prompt_tokens_details?.cached_tokens),
    cacheWriteTokens: 0,
    reasoningTokens: n(u.completion_tokens_details?.reasoning_tokens),
    estimated: false,
  };
}
