import { Usage } from '../../model/usage';
import { countAt, isRecord, recordAt } from './read-json-fields';

export interface UsageQuirks {
  /** xAI: `completion_tokens` excludes reasoning tokens, so they are added back. */
  reasoningOutsideCompletion?: boolean;
}

/**
 * A Chat Completions `usage` object in the normalised shape. `prompt_tokens`
 * already includes cached tokens and `completion_tokens` includes reasoning
 * tokens (OpenAI's convention, which `Usage` shares), so no arithmetic is needed
 * except for providers that leave reasoning out of `completion_tokens`.
 * DeepSeek reports cache hits as `prompt_cache_hit_tokens`.
 * @see https://platform.openai.com/docs/api-reference/chat/object#chat/object-usage
 * @see https://api-docs.deepseek.com/api/create-chat-completion (usage.prompt_cache_hit_tokens)
 * @see https://docs.x.ai/docs/guides/reasoning#usage
 */
export function convertOpenAIUsage(raw: unknown, quirks: UsageQuirks = {}): Usage | undefined {
  if (!isRecord(raw)) return undefined;
  const prompt = countAt(raw, 'prompt_tokens');
  const completion = countAt(raw, 'completion_tokens');
  if (prompt === undefined && completion === undefined) return undefined;
  const cached =
    countAt(recordAt(raw, 'prompt_tokens_details'), 'cached_tokens') ?? countAt(raw, 'prompt_cache_hit_tokens') ?? 0;
  const reasoning = countAt(recordAt(raw, 'completion_tokens_details'), 'reasoning_tokens') ?? countAt(raw, 'reasoning_tokens') ?? 0;
  const output = (completion ?? 0) + (quirks.reasoningOutsideCompletion ? reasoning : 0);
  return {
    inputTokens: prompt ?? 0,
    outputTokens: output,
    cacheReadTokens: cached,
    cacheWriteTokens: 0,
    reasoningTokens: reasoning,
    estimated: false,
  };
}
