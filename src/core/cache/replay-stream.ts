import { StreamEvent } from '../model/stream-event';
import { CachedAnswer } from './cache-entry';

export interface ReplayOptions {
  /** Characters per event; live providers send a few words per chunk. */
  chunkChars?: number;
}

const DEFAULT_CHUNK_CHARS = 32;

/** Splits text into pieces of about `size` chars, never inside a surrogate pair. */
export function chunkText(text: string, size: number): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    let end = Math.min(text.length, i + size);
    const code = text.charCodeAt(end - 1);
    if (end < text.length && code >= 0xd800 && code <= 0xdbff) end += 1;
    out.push(text.slice(i, end));
    i = end;
  }
  return out;
}

/** `text` cut at the recorded event lengths, if they describe it exactly; else undefined. */
function splitAt(text: string, lengths: readonly number[] | undefined): string[] | undefined {
  if (lengths === undefined || lengths.length === 0) return undefined;
  const out: string[] = [];
  let i = 0;
  for (const n of lengths) {
    if (!Number.isInteger(n) || n <= 0 || i + n > text.length) return undefined;
    out.push(text.slice(i, i + n));
    i += n;
  }
  return i === text.length ? out : undefined;
}

/**
 * A cached answer as the events a live answer produces: reasoning parts, then
 * text parts, cut where the original stream cut them (when recorded). The orchestrator appends the terminal `done` event with a record
 * built from `cacheHitRecordFields`.
 */
export async function* replayAsStream(entry: CachedAnswer, options: ReplayOptions = {}): AsyncGenerator<StreamEvent, void, undefined> {
  const size = Math.max(1, options.chunkChars ?? DEFAULT_CHUNK_CHARS);
  if (entry.reasoning !== undefined) {
    for (const text of splitAt(entry.reasoning, entry.reasoningChunks) ?? chunkText(entry.reasoning, size)) yield { type: 'reasoning', text };
  }
  for (const text of splitAt(entry.content, entry.textChunks) ?? chunkText(entry.content, size)) yield { type: 'text', text };
}
