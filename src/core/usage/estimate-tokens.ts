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

/** The text cut into pieces of at most PIECE_CHARS (at whitespace where there is some, never inside a surrogate pair). */
function splitPieces(text: string): string[] {
  const pieces: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + PIECE_CHARS);
    if (end < text.length) {
      const cut = text.lastIndexOf(' ', end);
      if (cut > start + PIECE_CHARS / 2) end = cut;
      // Never split a surrogate pair: half a character would count as garbage bytes.
      else if (/[\uD800-\uDBFF]/.test(text.charAt(end - 1))) end -= 1;
    }
    pieces.push(text.slice(start, end));
    start = end;
  }
  return pieces;
}

/** What to tokenize for `text`: all of it in pieces, or a sample whose count is scaled to the whole length. */
interface CountPlan {
  pieces: string[];
  /** Characters of `text` per character counted (1 when exact). */
  scale: number;
}

function plan(text: string): CountPlan {
  if (text.length <= EXACT_LIMIT_CHARS) return { pieces: splitPieces(text), scale: 1 };
  // Head, middle and tail, so a long text that changes character (prose then a blob) is not judged by its start alone.
  const third = SAMPLE_CHARS / 4;
  const mid = Math.floor(text.length / 2);
  const sample = text.slice(0, third * 2) + text.slice(mid, mid + third) + text.slice(text.length - third);
  return { pieces: splitPieces(sample), scale: text.length / sample.length };
}

function total(p: CountPlan, counts: readonly number[]): number {
  const sum = counts.reduce((a, b) => a + b, 0);
  return p.scale === 1 ? sum : Math.max(1, Math.round(sum * p.scale));
}

/**
 * Tokens in `text`, counted on this thread; special-token strings such as
 * `<|endoftext|>` count as plain text. Bounded in time for any input, but the
 * first call loads the tokenizer synchronously: the request path uses
 * {@link estimateTokensOffThread} instead.
 */
export function estimateTokens(text: string): number {
  if (text.length === 0) return 0;
  const p = plan(text);
  const count = tokenizer();
  return total(p, p.pieces.map((piece) => count(piece, OPTIONS)));
}

/** Counts pieces somewhere (the tokenizer worker in production). */
export type CountPieces = (pieces: readonly string[]) => Promise<number[]>;

/** ≈ 4 characters a token: the answer when the tokenizer cannot be reached (still flagged `estimated`). */
const roughTokens = (text: string): number => Math.ceil(text.length / 4);

/**
 * The same counts as {@link estimateTokens} for each text, computed by
 * `count` (off the extension host's thread), in one round trip. Falls back to
 * ≈ 4 characters a token if the counter fails: an estimate is never lost.
 */
export async function estimateTokensOffThread(texts: readonly string[], count: CountPieces): Promise<number[]> {
  const plans = texts.map(plan);
  const flat = plans.flatMap((p) => p.pieces);
  let counts: number[];
  try {
    counts = await count(flat);
  } catch {
    return texts.map(roughTokens);
  }
  let at = 0;
  return plans.map((p) => {
    const mine = counts.slice(at, at + p.pieces.length);
    at += p.pieces.length;
    return p.pieces.length === 0 ? 0 : total(p, mine);
  });
}

/** The texts of a chat request that {@link requestTokensFromCounts} frames: role and content of each message. */
export function requestTexts(messages: readonly ChatMessage[]): string[] {
  return messages.flatMap((m) => [m.role, messageText(m)]);
}

/** Prompt tokens from the counts of {@link requestTexts}: the chat format adds 3 per message and 3 to prime the reply. */
export function requestTokensFromCounts(counts: readonly number[]): number {
  return 3 + counts.length / 2 * 3 + counts.reduce((a, b) => a + b, 0);
}

/**
 * An upper bound on a request's prompt tokens without a tokenizer: every BPE
 * token covers at least one UTF-8 byte, plus the chat framing. For budgets'
 * worst case (R13), which every request pays, so no BPE here (and the bound
 * errs on the side of the user's money).
 */
export function requestTokensUpperBound(messages: readonly ChatMessage[]): number {
  let total = 3;
  for (const m of messages) total += 3 + Buffer.byteLength(m.role) + Buffer.byteLength(messageText(m));
  return total;
}

/**
 * Prompt tokens of a chat request: each message's content plus the chat
 * format's framing (3 tokens per message, 3 to prime the reply).
 * @see https://github.com/openai/openai-cookbook/blob/main/examples/How_to_count_tokens_with_tiktoken.ipynb
 */
export function estimateRequestTokens(messages: readonly ChatMessage[]): number {
  return requestTokensFromCounts(requestTexts(messages).map(estimateTokens));
}
