import { ChatMessage } from '../model/chat-request';

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

/**
 * The BPE merge is quadratic in the length of one pre-tokenized word, and a run
 * without breaks (`=====`, minified code, base64) is one word: 200 KB of `=`
 * took a minute. Text is counted in pieces of at most this many characters
 * (cut at whitespace where there is some), which bounds each merge to well
 * under a millisecond and changes a text's count by at most one token per piece.
 */
const PIECE_CHARS = 512;

/**
 * Past this many characters only a sample is tokenized and the rest is
 * counted at the sample's characters-per-token ratio: tokenizing costs up to
 * ~1 ms per KB (random base64 is the worst case), so the worst case stays
 * around 10-20 ms whatever the size of the text.
 */
const EXACT_LIMIT_CHARS = 16 * 1024;
const SAMPLE_CHARS = 12 * 1024;

function countPieces(text: string): number {
  const count = tokenizer();
  let total = 0;
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + PIECE_CHARS);
    if (end < text.length) {
      const cut = text.lastIndexOf(' ', end);
      if (cut > start + PIECE_CHARS / 2) end = cut;
      // Never split a surrogate pair: half a character would count as garbage bytes.
      else if (/[\uD800-\uDBFF]/.test(text.charAt(end - 1))) end -= 1;
    }
    total += count(text.slice(start, end), OPTIONS);
    start = end;
  }
  return total;
}

/** Tokens in `text`; special-token strings such as `<|endoftext|>` count as plain text. Bounded in time for any input. */
export function estimateTokens(text: string): number {
  if (text.length === 0) return 0;
  if (text.length <= EXACT_LIMIT_CHARS) return countPieces(text);
  // Head, middle and tail, so a long text that changes character (prose then a blob) is not judged by its start alone.
  const third = SAMPLE_CHARS / 4;
  const mid = Math.floor(text.length / 2);
  const sample = text.slice(0, third * 2) + text.slice(mid, mid + third) + text.slice(text.length - third);
  const perChar = countPieces(sample) / sample.length;
  return Math.max(1, Math.round(perChar * text.length));
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
