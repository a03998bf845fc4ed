import { countTokens } from 'gpt-tokenizer';
import { ChatMessage } from '../model/chat-request';

/**
 * Local token counts with a real BPE tokenizer (OpenAI's `o200k_base`, the
 * encoding of GPT-4o and later). Other vendors' tokenizers differ by a few
 * percent; the count is flagged `estimated` wherever it is used.
 * @see https://github.com/niieani/gpt-tokenizer
 */
const OPTIONS = { disallowedSpecial: new Set<string>() };

/** Tokens in `text`; special-token strings such as `<|endoftext|>` count as plain text. */
export function estimateTokens(text: string): number {
  if (text.length === 0) return 0;
  return countTokens(text, OPTIONS);
}

/**
 * Prompt tokens of a chat request: each message's content plus the chat
 * format's framing (3 tokens per message, 3 to prime the reply).
 * @see https://github.com/openai/openai-cookbook/blob/main/examples/How_to_count_tokens_with_tiktoken.ipynb
 */
export function estimateRequestTokens(messages: readonly ChatMessage[]): number {
  let total = 3;
  for (const m of messages) total += 3 + estimateTokens(m.role) + estimateTokens(m.content);
  return total;
}
