/**
 * The deterministic answer and usage the server sends for a request body. Pure:
 * tests call it with the same body to know the exact text and token numbers.
 *
 * Token rules (documented contract):
 * - prompt tokens P = sum over messages (Anthropic `system` counts as one message)
 *   of (3 + number of whitespace-separated words in the message's text);
 * - completion tokens = number of answer chunks + reasoning tokens + tool-argument chunks;
 * - reasoning tokens = `reasoningTokens`, else the number of reasoning chunks;
 * - OpenAI `prompt_tokens` = P (includes `cached_tokens`);
 *   Anthropic `input_tokens` = P - cachedTokens - cacheWriteTokens (never below 0).
 */
import { isRecord } from './is-record';
import type { AnswerBehaviour, FinishReason, WireFormat } from './types';

export interface AnswerDefaults {
  answerText?: string;
  wordsPerChunk?: number;
}

export interface ExpectedUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  cachedTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
}

export interface ExpectedToolCall {
  id: string;
  name: string;
  arguments: string;
  argumentChunks: string[];
}

/** Arguments streamed in pieces of 8 characters (at least one piece, possibly empty). */
function argumentChunks(args: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i += 8) out.push(args.slice(i, i + 8));
  return out.length > 0 ? out : [''];
}

export interface ExpectedAnswer {
  text: string;
  chunks: string[];
  reasoning: string;
  reasoningChunks: string[];
  /** Tool calls, each with the pieces its arguments stream in. */
  toolCalls: ExpectedToolCall[];
  /** Native finish reason for the format (`stop` / `end_turn` ...). */
  finishReason: string;
  usage: ExpectedUsage;
  /** The exact usage object sent (OpenAI `usage` or Anthropic final `usage`). */
  nativeUsage: Record<string, unknown>;
}


/** Text of a message content: a string, or the `text` of each text part. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  const parts: string[] = [];
  for (const part of content) {
    if (typeof part === 'string') parts.push(part);
    else if (isRecord(part) && typeof part.text === 'string') parts.push(part.text);
  }
  return parts.join(' ');
}

export function countWords(text: string): number {
  const words = text.trim().split(/\s+/);
  return words[0] === '' ? 0 : words.length;
}

function messagesOf(body: unknown): unknown[] {
  return isRecord(body) && Array.isArray(body.messages) ? body.messages : [];
}

/** P as defined above. */
export function promptTokenCount(body: unknown): number {
  let total = 0;
  if (isRecord(body) && body.system !== undefined) total += 3 + countWords(contentText(body.system));
  for (const m of messagesOf(body)) total += 3 + countWords(isRecord(m) ? contentText(m.content) : '');
  return total;
}

export function lastUserText(body: unknown): string {
  const msgs = messagesOf(body);
  for (let i = msgs.length - 1; i >= 0; i--) {
    const m = msgs[i];
    if (isRecord(m) && m.role === 'user') return contentText(m.content);
  }
  return '';
}

/** Splits text into chunks of N words; whitespace stays attached so chunks join back exactly. */
export function splitIntoChunks(text: string, wordsPerChunk: number): string[] {
  const pieces = text.match(/\s*\S+\s*/g);
  if (pieces === null) return text === '' ? [] : [text];
  const n = Math.max(1, Math.floor(wordsPerChunk));
  const out: string[] = [];
  for (let i = 0; i < pieces.length; i += n) out.push(pieces.slice(i, i + n).join(''));
  return out;
}

const ANTHROPIC_STOP: Record<string, string> = {
  stop: 'end_turn',
  length: 'max_tokens',
  content_filter: 'refusal',
  tool_calls: 'tool_use',
};

export function nativeFinishReason(reason: FinishReason | undefined, format: WireFormat): string {
  const r = reason ?? 'stop';
  return format === 'anthropic' ? (ANTHROPIC_STOP[r] ?? r) : r;
}

function openaiUsage(u: ExpectedUsage): Record<string, unknown> {
  return {
    prompt_tokens: u.promptTokens,
    completion_tokens: u.completionTokens,
    total_tokens: u.totalTokens,
    prompt_tokens_details: { cached_tokens: u.cachedTokens, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: u.reasoningTokens,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

function anthropicUsage(u: ExpectedUsage): Record<string, unknown> {
  return {
    input_tokens: Math.max(0, u.promptTokens - u.cachedTokens - u.cacheWriteTokens),
    cache_creation_input_tokens: u.cacheWriteTokens,
    cache_read_input_tokens: u.cachedTokens,
    output_tokens: u.completionTokens,
  };
}

/** The answer the server sends for `body` on a route of `format` with `behaviour`. */
export function expectedAnswer(
  body: unknown,
  format: WireFormat,
  behaviour: Partial<AnswerBehaviour> = {},
  defaults: AnswerDefaults = {},
): ExpectedAnswer {
  const wordsPerChunk = behaviour.wordsPerChunk ?? defaults.wordsPerChunk ?? 1;
  const calls = behaviour.toolCalls ?? [];
  const toolCalls: ExpectedToolCall[] = calls.map((c, i) => ({ id: c.id ?? `${format === 'anthropic' ? 'toolu' : 'call'}_fake${i}`, name: c.name, arguments: c.arguments, argumentChunks: argumentChunks(c.arguments) }));
  const text = behaviour.chunks?.join('') ?? behaviour.text ?? (calls.length > 0 ? '' : undefined) ?? defaults.answerText ?? `Echo: ${lastUserText(body)}`;
  const chunks = behaviour.chunks ?? splitIntoChunks(text, wordsPerChunk);
  const reasoning = behaviour.reasoning ?? '';
  const reasoningChunks = splitIntoChunks(reasoning, wordsPerChunk);
  const reasoningTokens = behaviour.reasoningTokens ?? reasoningChunks.length;
  const promptTokens = promptTokenCount(body);
  const completionTokens = chunks.length + reasoningTokens + toolCalls.reduce((n, c) => n + c.argumentChunks.length, 0);
  const usage: ExpectedUsage = {
    promptTokens,
    completionTokens,
    totalTokens: promptTokens + completionTokens,
    cachedTokens: behaviour.cachedTokens ?? 0,
    cacheWriteTokens: behaviour.cacheWriteTokens ?? 0,
    reasoningTokens,
  };
  const base = format === 'anthropic' ? anthropicUsage(usage) : openaiUsage(usage);
  return {
    text,
    chunks,
    reasoning,
    reasoningChunks,
    toolCalls,
    finishReason: nativeFinishReason(behaviour.finishReason ?? (toolCalls.length > 0 ? 'tool_calls' : undefined), format),
    usage,
    nativeUsage: { ...base, ...(behaviour.usage ?? {}) },
  };
}
