import * as nodeFs from 'node:fs/promises';
import * as path from 'node:path';
import { isRecord } from '../config/config-issues';
import { AtomicWriteFs, writeFileAtomic } from '../ledger/write-file-atomic';
import { CachedAnswer } from './cache-entry';
import { KEY_VERSION } from './cache-key';
import { ExactCache, StoredEntry } from './exact-cache';

/** The file operations persistence needs (node's `fs/promises` by default). */
export interface CacheFs extends AtomicWriteFs {
  readFile(file: string, encoding: 'utf8'): Promise<string>;
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

/** Writes atomically (the ledger's writer: temp file, fsync, rename), readable by the user only. */
export async function saveExactCacheFile(dir: string, cache: ExactCache, opts: { now: number; fs?: CacheFs }): Promise<string> {
  const fs = opts.fs ?? (nodeFs as unknown as CacheFs);
  await fs.mkdir(dir, { recursive: true });
  const file = path.join(dir, CACHE_FILE_NAME);
  await writeFileAtomic(file, JSON.stringify(serializeExactCache(cache, opts.now)), { mode: 0o600, fs });
  return file;
}

/** Loads the file if there is one; a missing or corrupt file loads nothing. */
export async function loadExactCacheFile(dir: string, cache: ExactCache, opts: { fs?: CacheFs } = {}): Promise<number> {
  const fs = opts.fs ?? (nodeFs as unknown as CacheFs);
  let text: string;
  try {
    text = await fs.readFile(path.join(dir, CACHE_FILE_NAME), 'utf8');
  } catch {
    return 0;
  }
  try {
    return loadExactCache(cache, JSON.parse(text) as unknown);
  } catch {
    return 0;
  }
}
