import * as nodeFs from 'node:fs/promises';
import * as path from 'node:path';
import { isRecord } from '../config/config-issues';
import { AtomicWriteFs, writeFileAtomic } from '../ledger/write-file-atomic';
import { YieldToEventLoop, yieldToEventLoop } from '../scheduling/yield-to-event-loop';
import { CachedAnswer } from './cache-entry';
import { KEY_VERSION } from './cache-key';
import { ExactCache, StoredEntry } from './exact-cache';

/** The file operations persistence needs (node's `fs/promises` by default). */
export interface CacheFs extends AtomicWriteFs {
  /** Bytes, not text: decoding a 10 MB file in one go would block the event loop. */
  readFile(file: string): Promise<Uint8Array>;
  mkdir(dir: string, options: { recursive: true }): Promise<unknown>;
}

export const CACHE_FILE_NAME = 'switchboard-exact-cache.json';

/**
 * The file format. Holds cache keys (SHA-256 digests) and answers; account
 * identity only as fingerprints. API keys never reach the cache at all.
 */
export interface PersistedCache {
  format: 'switchboard-exact-cache';
  keyVersion: string;
  savedAt: number;
  entries: Array<{ key: string; expiresAt: number; entry: CachedAnswer }>;
}

export function serializeExactCache(cache: ExactCache, now: number): PersistedCache {
  // Least recently used first, so restoring in order rebuilds the same recency.
  const entries = cache.entries().reverse().map(([key, s]) => ({ key, expiresAt: s.expiresAt, entry: s.entry }));
  return { format: 'switchboard-exact-cache', keyVersion: KEY_VERSION, savedAt: now, entries };
}

const isLengthList = (v: unknown): boolean => Array.isArray(v) && v.every((n) => Number.isInteger(n) && (n as number) > 0);

function isStoredEntry(v: unknown): v is { key: string } & StoredEntry {
  if (!isRecord(v) || typeof v.key !== 'string' || !/^[0-9a-f]{64}$/.test(v.key) || typeof v.expiresAt !== 'number') return false;
  const e = v.entry;
  return (
    isRecord(e) &&
    typeof e.content === 'string' &&
    (e.reasoning === undefined || typeof e.reasoning === 'string') &&
    (e.textChunks === undefined || isLengthList(e.textChunks)) &&
    (e.reasoningChunks === undefined || isLengthList(e.reasoningChunks)) &&
    isRecord(e.usage) &&
    isRecord(e.finishReason) &&
    typeof e.deploymentId === 'string' &&
    typeof e.model === 'string' &&
    (typeof e.costUsd === 'number' || e.costUsd === null) &&
    typeof e.createdAt === 'number' &&
    isRecord(e.request) &&
    isRecord(e.tags) &&
    typeof e.tags.workspace === 'string' &&
    typeof e.tags.alias === 'string' &&
    typeof e.tags.fingerprint === 'string'
  );
}

/**
 * Restores untrusted persisted data: a file from another key version is
 * ignored, malformed and expired entries are dropped. Returns how many loaded.
 */
export function loadExactCache(cache: ExactCache, data: unknown): number {
  if (!isRecord(data) || data.format !== 'switchboard-exact-cache' || data.keyVersion !== KEY_VERSION || !Array.isArray(data.entries)) return 0;
  let loaded = 0;
  for (const item of data.entries) {
    if (isStoredEntry(item) && cache.restore(item.key, { entry: item.entry, expiresAt: item.expiresAt })) loaded++;
  }
  return loaded;
}

/**
 * Work between two yields while saving or loading: about 1-3 ms of
 * JSON.stringify/parse, so a 5k-entry cache never blocks the extension host.
 */
export const SLICE_BYTES = 256 * 1024;
/** Entries restored into the LRU between two yields. */
const RESTORE_SLICE = 500;

export interface PersistenceOptions {
  fs?: CacheFs;
  /** Awaited between slices of work (tests count the turns). */
  yieldToLoop?: YieldToEventLoop;
}

/**
 * The same JSON document as `serializeExactCache`, one entry per line so a
 * loader can parse it a slice at a time:
 * `{"format":…,"keyVersion":…,"savedAt":…,"entries":[` / entry, / … / entry / `]}`.
 * (JSON.stringify escapes newlines inside strings, so a line is one entry.)
 * Encoded slice by slice: one 10 MB string would be joined and encoded in one block.
 */
export async function serializeExactCacheBytes(cache: ExactCache, now: number, yieldToLoop: YieldToEventLoop = yieldToEventLoop): Promise<Buffer> {
  const { entries, ...header } = serializeExactCache(cache, now);
  const slices: Buffer[] = [];
  let slice: string[] = [`${JSON.stringify(header).slice(0, -1)},"entries":[\n`];
  let sliceChars = 0;
  for (let i = 0; i < entries.length; i++) {
    const line = `${JSON.stringify(entries[i])}${i < entries.length - 1 ? ',' : ''}\n`;
    slice.push(line);
    sliceChars += line.length;
    if (sliceChars >= SLICE_BYTES) {
      slices.push(Buffer.from(slice.join('')));
      slice = [];
      sliceChars = 0;
      await yieldToLoop();
    }
  }
  slice.push(']}');
  slices.push(Buffer.from(slice.join('')));
  return Buffer.concat(slices);
}

export async function serializeExactCacheText(cache: ExactCache, now: number, yieldToLoop: YieldToEventLoop = yieldToEventLoop): Promise<string> {
  return (await serializeExactCacheBytes(cache, now, yieldToLoop)).toString('utf8');
}

/** Writes atomically (the ledger's writer: temp file, fsync, rename), readable by the user only. */
export async function saveExactCacheFile(dir: string, cache: ExactCache, opts: PersistenceOptions & { now: number }): Promise<string> {
  const fs = opts.fs ?? (nodeFs as unknown as CacheFs);
  await fs.mkdir(dir, { recursive: true });
  const file = path.join(dir, CACHE_FILE_NAME);
  await writeFileAtomic(file, await serializeExactCacheBytes(cache, opts.now, opts.yieldToLoop), { mode: 0o600, fs });
  return file;
}

const NEWLINE = 0x0a;
const COMMA = 0x2c;
const TAIL = Buffer.from('\n]}');

/**
 * Parses the one-entry-per-line layout in slices, decoding line by line.
 * Undefined when the bytes are not in that layout (an older compact file);
 * throws on a torn or corrupt file.
 */
async function parseEntryLines(bytes: Buffer, yieldToLoop: YieldToEventLoop): Promise<{ header: unknown; entries: unknown[] } | undefined> {
  const firstEnd = bytes.indexOf(NEWLINE);
  if (firstEnd < 0 || bytes[0] !== 0x7b /* { */) return undefined;
  if (!bytes.subarray(bytes.length - TAIL.length).equals(TAIL)) throw new Error('torn cache file: no closing "]}" line');
  const header = JSON.parse(`${bytes.toString('utf8', 0, firstEnd)}]}`) as unknown;
  if (!isRecord(header) || header.format !== 'switchboard-exact-cache' || header.keyVersion !== KEY_VERSION) return { header, entries: [] };
  const entries: unknown[] = [];
  const end = bytes.length - TAIL.length;
  let sliceStart = firstEnd + 1;
  for (let pos = firstEnd + 1; pos < end; ) {
    let next = bytes.indexOf(NEWLINE, pos);
    if (next < 0 || next > end) next = end;
    entries.push(JSON.parse(bytes.toString('utf8', pos, bytes[next - 1] === COMMA ? next - 1 : next)) as unknown);
    pos = next + 1;
    if (pos - sliceStart >= SLICE_BYTES) {
      sliceStart = pos;
      await yieldToLoop();
    }
  }
  return { header, entries };
}

/** Loads the file if there is one; a missing, torn or corrupt file loads nothing. */
export async function loadExactCacheFile(dir: string, cache: ExactCache, opts: PersistenceOptions = {}): Promise<number> {
  const fs = opts.fs ?? (nodeFs as unknown as CacheFs);
  const yieldToLoop = opts.yieldToLoop ?? yieldToEventLoop;
  let bytes: Buffer;
  try {
    const read = await fs.readFile(path.join(dir, CACHE_FILE_NAME));
    bytes = Buffer.isBuffer(read) ? read : Buffer.from(read.buffer, read.byteOffset, read.byteLength);
  } catch {
    return 0;
  }
  let data: unknown;
  try {
    const lines = await parseEntryLines(bytes, yieldToLoop);
    // An older compact file: parsed in one go, once; the next save writes lines.
    data = lines ? { ...(lines.header as object), entries: lines.entries } : (JSON.parse(bytes.toString('utf8')) as unknown);
  } catch {
    return 0;
  }
  if (!isRecord(data) || data.format !== 'switchboard-exact-cache' || data.keyVersion !== KEY_VERSION || !Array.isArray(data.entries)) return 0;
  let loaded = 0;
  const entries = data.entries as unknown[];
  for (let i = 0; i < entries.length; i += RESTORE_SLICE) {
    loaded += loadExactCache(cache, { ...data, entries: entries.slice(i, i + RESTORE_SLICE) });
    if (i + RESTORE_SLICE < entries.length) await yieldToLoop();
  }
  return loaded;
}
