import { Clock } from '../ports';
import { DEFAULT_SEMANTIC_THRESHOLD } from './cache-config';
import { OldestKey } from './oldest-key';
import { CachedAnswer } from './cache-entry';
import { CacheFilter, matchesFilter } from './exact-cache';
import { SemanticQuery, SemanticScope, SemanticSkipReason, semanticScope, semanticSkipReason } from './semantic-scope';
import { YieldToEventLoop, yieldToEventLoop } from '../scheduling/yield-to-event-loop';
import { VectorIndex, toUnitVector } from './vector-index';

/** Text to vector; `createOpenAIEmbedder` makes one. */
export type Embedder = (text: string, signal?: AbortSignal) => Promise<Float32Array | readonly number[]>;

export interface SemanticCacheOptions {
  embed: Embedder;
  /** Cosine similarity needed for a hit (default 0.95). */
  threshold?: number;
  maxEntries: number;
  /** Default time to live (default: no expiry beyond eviction). */
  ttlMs?: number;
  now: Clock;
  /** Awaited between slices of a large scan (default: one event-loop turn). */
  yieldToLoop?: YieldToEventLoop;
}

export type SemanticMiss = { kind: 'miss'; scope: SemanticScope; vector: Float32Array };

export type SemanticLookup =
  | { kind: 'skip'; reason: SemanticSkipReason; error?: unknown }
  | SemanticMiss
  /** `matchedPrompt` and `similarity` are for audit: show them, offer to regenerate. */
  | { kind: 'hit'; entry: CachedAnswer; similarity: number; prompt: string; matchedPrompt: string };

export interface SemanticCache {
  /** Never throws: an embedding failure is a skip with the error attached. */
  lookup(query: SemanticQuery, options?: { threshold?: number; signal?: AbortSignal }): Promise<SemanticLookup>;
  /** Stores an answer under the miss it answers (same partition, no second embedding call). */
  /** `at`: when the answer arrived (its time to live counts from then; by default now). */
  store(miss: SemanticMiss, entry: CachedAnswer, options?: { ttlMs?: number; at?: number }): boolean;
  clear(filter?: CacheFilter): number;
  prune(): number;
  readonly size: number;
}

interface Item {
  id: number;
  partition: string;
  row: number;
  prompt: string;
  entry: CachedAnswer;
  expiresAt: number;
}

interface Partition {
  index: VectorIndex;
  items: Item[];
}

export function createSemanticCache(options: SemanticCacheOptions): SemanticCache {
  const { embed, now } = options;
  const yieldToLoop = options.yieldToLoop ?? yieldToEventLoop;
  const defaultThreshold = options.threshold ?? DEFAULT_SEMANTIC_THRESHOLD;
  const maxEntries = Math.max(1, Math.floor(options.maxEntries));
  const partitions = new Map<string, Partition>();
  /** Least recently used first. */
  const order = new Map<number, Item>();
  /** Eviction reads `order` from where it last stopped (see OldestKey). */
  const oldestId = new OldestKey(order);
  let nextId = 1;

  const remove = (item: Item): void => {
    order.delete(item.id);
    const p = partitions.get(item.partition);
    if (p === undefined) return;
    const moved = p.index.removeRow(item.row);
    const last = p.items.pop();
    if (moved !== undefined && last !== undefined) {
      p.items[item.row] = last;
      last.row = item.row;
    }
    if (p.index.size === 0) partitions.delete(item.partition);
  };

  const removeWhere = (drop: (item: Item) => boolean): number => {
    const doomed = [...order.values()].filter(drop);
    for (const item of doomed) remove(item);
    if (doomed.length > 0) oldestId.forget();
    return doomed.length;
  };

  return {
    async lookup(query, opts) {
      const skip = semanticSkipReason(query.request);
      if (skip !== undefined) return { kind: 'skip', reason: skip };
      const scope = semanticScope(query);
      if (scope === undefined) return { kind: 'skip', reason: 'no-prompt' };
      let vector: Float32Array | undefined;
      try {
        vector = toUnitVector(await embed(scope.prompt, opts?.signal));
      } catch (error) {
        return { kind: 'skip', reason: 'embedding-failed', error };
      }
      if (vector === undefined) return { kind: 'skip', reason: 'embedding-failed' };
      // Sliced: at 5k entries of 1536+ dimensions one scan would hold the extension host for tens of ms.
      const match = await partitions.get(scope.partition)?.index.bestSliced(vector, opts?.threshold ?? defaultThreshold, yieldToLoop);
      // Read the partition after the scan: stores or evictions during its yields may have replaced it.
      const p = partitions.get(scope.partition);
      const item = match === undefined ? undefined : p?.items[match.row];
      if (match === undefined || item === undefined) return { kind: 'miss', scope, vector };
      if (now() >= item.expiresAt) {
        remove(item);
        oldestId.forget();
        return { kind: 'miss', scope, vector };
      }
      order.delete(item.id);
      order.set(item.id, item);
      return { kind: 'hit', entry: item.entry, similarity: match.score, prompt: scope.prompt, matchedPrompt: item.prompt };
    },

    store(miss, entry, opts) {
      const ttl = opts?.ttlMs ?? options.ttlMs ?? Infinity;
      if (!(ttl > 0)) return false;
      let p = partitions.get(miss.scope.partition);
      if (p !== undefined && p.index.dim !== miss.vector.length) {
        removeWhere((i) => i.partition === miss.scope.partition);
        p = undefined;
      }
      if (p === undefined) {
        p = { index: new VectorIndex(miss.vector.length), items: [] };
        partitions.set(miss.scope.partition, p);
      }
      const item: Item = { id: nextId++, partition: miss.scope.partition, row: 0, prompt: miss.scope.prompt, entry, expiresAt: (opts?.at ?? now()) + ttl };
      item.row = p.index.add(miss.vector);
      p.items[item.row] = item;
      order.set(item.id, item);
      while (order.size > maxEntries) {
        const id = oldestId.take();
        const oldest = id === undefined ? undefined : order.get(id);
        if (oldest === undefined) break;
        remove(oldest);
      }
      return order.has(item.id);
    },

    clear(filter) {
      return removeWhere((item) => filter === undefined || matchesFilter(item.entry.tags, filter));
    },

    prune() {
      const t = now();
      return removeWhere((item) => t >= item.expiresAt);
    },

    get size() {
      return order.size;
    },
  };
}
