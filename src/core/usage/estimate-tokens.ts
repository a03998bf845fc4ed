import { ChatMessage } from '../model/chat-request';
import { messageText } from '../model/message-text';

/**
 * Local token counts with a real BPE tokenizer (OpenAI's `o200k_base`, the
 * encoding of GPT-4o and later). Other vendors' tokenizers differ by a few
 * percent; the count is flagged `estimated` wherever it is used.
 * @see https://github.com/niieani/gpt-tokenizer
 */
const OPTIONS = { disallowedSpecial: new Set<string>() };

type CountTokens = typeof import('gpt-tokenizer').countTokens;
let countTokens: CountTokens | undefined;

/** The tokenizer's tables take ~140 ms to load: loaded on first use, not at activation (P5). */
function tokenizer(): CountTokens {
  countTokens ??= (require('gpt-tokenizer') as typeof import('gpt-tokenizer')).countTokens;
  return countTokens;
}

/** Tokens in `text`; special-token strings such as `<|endoftext|>` count as plain text. */
export function estimateTokens(text: string): number {
  if (text.length === 0) return 0;
  return tokenizer()(text, OPTIONS);
}

/**
 * Prompt tokens of a chat request: each message's content plus the chat
 * format's framing (3 tokens per message, 3 to prime the reply).
 * @see https://github.com/openai/openai-cookbook/blob/main/examples/How_to_count_tokens_with_tiktoken.ipynb
 */
export function estimateRequestTokens(messages: readonly ChatMessage[]): number {
  let total = 3;
  for (const m of messages) total += 3 + estimateTokens(m.role) + estimateTokens(messageText(m));
  return total;
}
