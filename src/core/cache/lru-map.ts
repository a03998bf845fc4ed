import { OldestKey } from './oldest-key';

/**
 * A least-recently-used map bounded by entry count and by a total size, on one
 * `Map` (whose iteration order is insertion order: re-inserting a key makes it
 * the most recent, the first key is the least recent). It replaces the
 * `lru-cache` package on the request path (issue 15): storing an answer there
 * cost several microseconds per cache miss (its typed-array bookkeeping, a size
 * calculation per set), here a delete and a set.
 */
export class LruMap<K, V> {
  private readonly map = new Map<K, { value: V; size: number }>();
  private total = 0;
  /** The least recently used key, from where the last eviction stopped (see OldestKey). */
  private readonly oldest = new OldestKey<K>(this.map);

  constructor(
    private readonly maxEntries: number,
    private readonly maxSize: number,
  ) {}

  get size(): number {
    return this.map.size;
  }

  /** The sum of the sizes given to `set` of the entries held. */
  get totalSize(): number {
    return this.total;
  }

  /** The value, made the most recently used. */
  get(key: K): V | undefined {
    const slot = this.map.get(key);
    if (slot === undefined) return undefined;
    this.map.delete(key);
    this.map.set(key, slot);
    return slot.value;
  }

  /**
   * Stores `value` as the most recently used, then drops the least recently
   * used entries until both bounds hold. A value larger than `maxSize` alone is
   * not stored (an older value under its key stays): false.
   */
  set(key: K, value: V, size: number): boolean {
    if (size > this.maxSize) return false;
    this.remove(key);
    this.map.set(key, { value, size });
    this.total += size;
    while (this.map.size > this.maxEntries || this.total > this.maxSize) {
      const evicted = this.oldest.take();
      if (evicted === undefined) break;
      this.remove(evicted);
    }
    return true;
  }

  /** Removes `key` (an expiry, a prune, a clear by tag): the eviction cursor is forgotten (see OldestKey). */
  delete(key: K): boolean {
    if (!this.remove(key)) return false;
    this.oldest.forget();
    return true;
  }

  /** Removes `key` as a replacement or an eviction does: the cursor stays where it is. */
  private remove(key: K): boolean {
    const slot = this.map.get(key);
    if (slot === undefined) return false;
    this.map.delete(key);
    this.total -= slot.size;
    return true;
  }

  clear(): void {
    this.map.clear();
    this.total = 0;
    this.oldest.forget();
  }

  /** Every entry, most recently used first. */
  entries(): Array<[K, V]> {
    const out: Array<[K, V]> = [];
    for (const [k, slot] of this.map) out.push([k, slot.value]);
    return out.reverse();
  }
}
