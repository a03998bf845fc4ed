import { Clock } from '../ports';
import { CacheTags, CachedAnswer, entrySize } from './cache-entry';
import { LruMap } from './lru-map';

export interface ExactCacheOptions {
  maxEntries: number;
  /** Approximate bytes over every stored answer (see `entrySize`). */
  maxBytes: number;
  /** Default time to live of an entry. */
  ttlMs: number;
  now: Clock;
}

/** Which entries `clear` drops; every given field must match. No filter: everything. */
export interface CacheFilter {
  workspace?: string;
  alias?: string;
  fingerprint?: string;
}

/** An entry with its expiry, as held in memory and persisted. */
export interface StoredEntry {
  entry: CachedAnswer;
  expiresAt: number;
}

export interface ExactCache {
  /** The entry, unless absent, expired, or older than `maxAgeMs` (the request's own `ttlMs`). */
  get(key: string, options?: { maxAgeMs?: number }): CachedAnswer | undefined;
  /**
   * Stores; false when the entry alone exceeds `maxBytes`. Call only after `shouldStore` said yes.
   * `at`: when the answer arrived (its time to live counts from then; by default now).
   */
  set(key: string, entry: CachedAnswer, options?: { ttlMs?: number; at?: number }): boolean;
  delete(key: string): boolean;
  /** Drops matching entries; returns how many. */
  clear(filter?: CacheFilter): number;
  /** Keeps only entries `keep` accepts (e.g. the current config hash and fingerprints). */
  retain(keep: (tags: CacheTags) => boolean): number;
  /** Drops expired entries. */
  prune(): number;
  /** Live entries, most recently used first (for persistence). */
  entries(): Array<[string, StoredEntry]>;
  /** Restores an entry with its original expiry; skipped if already expired. */
  restore(key: string, stored: StoredEntry): boolean;
  readonly size: number;
  readonly bytes: number;
}

export function matchesFilter(tags: CacheTags, filter: CacheFilter): boolean {
  return (
    (filter.workspace === undefined || tags.workspace === filter.workspace) &&
    (filter.alias === undefined || tags.alias === filter.alias) &&
    (filter.fingerprint === undefined || tags.fingerprint === filter.fingerprint)
  );
}

/**
 * The exact response cache: LRU bounded by entries and bytes. Expiry is checked
 * against the injected clock on read (no timers), so tests need no sleeping.
 */
export function createExactCache(options: ExactCacheOptions): ExactCache {
  const { now } = options;
  const lru = new LruMap<string, StoredEntry>(Math.max(1, Math.floor(options.maxEntries)), Math.max(1, Math.floor(options.maxBytes)));

  const removeWhere = (drop: (tags: CacheTags, stored: StoredEntry) => boolean): number => {
    const doomed: string[] = [];
    for (const [k, v] of lru.entries()) if (drop(v.entry.tags, v)) doomed.push(k);
    for (const k of doomed) lru.delete(k);
    return doomed.length;
  };

  return {
    get(key, opts) {
      const stored = lru.get(key);
      if (stored === undefined) return undefined;
      const t = now();
      if (t >= stored.expiresAt) {
        lru.delete(key);
        return undefined;
      }
      if (opts?.maxAgeMs !== undefined && t - stored.entry.createdAt > opts.maxAgeMs) return undefined;
      return stored.entry;
    },
    set(key, entry, opts) {
      const ttl = opts?.ttlMs ?? options.ttlMs;
      if (!(ttl > 0)) return false;
      return lru.set(key, { entry, expiresAt: (opts?.at ?? now()) + ttl }, entrySize(entry));
    },
    delete: (key) => lru.delete(key),
    clear(filter) {
      if (filter === undefined) {
        const n = lru.size;
        lru.clear();
        return n;
      }
      return removeWhere((tags) => matchesFilter(tags, filter));
    },
    retain: (keep) => removeWhere((tags) => !keep(tags)),
    prune() {
      const t = now();
      return removeWhere((_tags, stored) => t >= stored.expiresAt);
    },
    entries() {
      const t = now();
      return lru.entries().filter(([, v]) => t < v.expiresAt);
    },
    restore(key, stored) {
      if (now() >= stored.expiresAt) return false;
      return lru.set(key, stored, entrySize(stored.entry));
    },
    get size() {
      return lru.size;
    },
    get bytes() {
      return lru.totalSize;
    },
  };
}
