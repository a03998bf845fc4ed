/**
 * Cache latency figures (no pass/fail): exact hit on a 4 KB request including
 * hashing (P3), a store into a full cache (every store evicts the least recent; issue 15),
 * and semantic lookup at 1k and 5k entries of dimension 1536 (P4).
 * Run: node --require tsx/cjs bench/cache.bench.ts
 */
import { computeCacheKey } from '../src/core/cache/cache-key';
import { CachedAnswer } from '../src/core/cache/cache-entry';
import { createExactCache } from '../src/core/cache/exact-cache';
import { createSemanticCache, SemanticMiss } from '../src/core/cache/semantic-cache';
import { VectorIndex, toUnitVector } from '../src/core/cache/vector-index';
import { ChatRequest } from '../src/core/model/chat-request';

function percentiles(samples: number[]): { p50: number; p99: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.floor(q * s.length))] as number;
  return { p50: at(0.5), p99: at(0.99) };
}

function time(fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1000; // µs
}

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const entry: CachedAnswer = {
  content: 'cached answer '.repeat(40),
  usage: { inputTokens: 1000, outputTokens: 120, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, estimated: false },
  finishReason: { unified: 'stop' },
  deploymentId: 'mini',
  model: 'gpt-4o-mini-2024-07-18',
  costUsd: 0.0003,
  createdAt: 0,
  request: { messageCount: 3, promptChars: 4096, preview: '' },
  tags: { workspace: 'w', alias: 'fast', fingerprint: 'fp1:x' },
};

function benchExact(): void {
  const words = 'lorem ipsum dolor sit amet consectetur adipiscing elit '.repeat(80);
  const request: ChatRequest = {
    model: 'fast',
    messages: [
      { role: 'system', content: words.slice(0, 1024) },
      { role: 'user', content: words.slice(0, 2048) },
      { role: 'user', content: words.slice(0, 1024) },
    ],
    temperature: 0,
    max_tokens: 512,
    stop: ['\n\n'],
  };
  const input = { request, resolvedTarget: 'fast', deployments: [{ provider: 'oa', model: 'gpt-4o-mini-2024-07-18' }], accountFingerprint: 'fp1:x', workspace: 'w', configHash: 'c' };
  const bytes = Buffer.byteLength(JSON.stringify(request));
  const cache = createExactCache({ maxEntries: 10_000, maxBytes: 256 << 20, ttlMs: 3_600_000, now: Date.now });
  for (let i = 0; i < 5000; i++) cache.set(computeCacheKey({ ...input, workspace: `w${i}` }), entry);
  cache.set(computeCacheKey(input), entry);
  const hashOnly: number[] = [];
  const hit: number[] = [];
  for (let i = 0; i < 20_000; i++) {
    hashOnly.push(time(() => computeCacheKey(input)));
    hit.push(
      time(() => {
        if (cache.get(computeCacheKey(input)) === undefined) throw new Error('expected a hit');
      }),
    );
  }
  const h = percentiles(hashOnly.slice(2000));
  const e = percentiles(hit.slice(2000));
  console.log(`exact cache, ${bytes}-byte request, 5001 entries:`);
  console.log(`  key hashing only        p50 ${h.p50.toFixed(1)} µs   p99 ${h.p99.toFixed(1)} µs`);
  console.log(`  hit incl. hashing       p50 ${e.p50.toFixed(1)} µs   p99 ${e.p99.toFixed(1)} µs`);
}

/** A cache of misses evicts on every store once full: what one store costs at 1k and 10k entries. */
function benchStoreWhenFull(): void {
  for (const maxEntries of [1000, 10_000]) {
    const cache = createExactCache({ maxEntries, maxBytes: 1 << 30, ttlMs: 3_600_000, now: Date.now });
    const key = (i: number): string => i.toString(16).padStart(64, '0');
    let i = 0;
    for (; i < maxEntries * 3; i++) cache.set(key(i), entry);
    const samples: number[] = [];
    for (let n = 0; n < 50_000; n++, i++) {
      const k = key(i);
      samples.push(time(() => cache.set(k, entry)));
    }
    const measured = samples.slice(5000);
    const p = percentiles(measured);
    console.log(`exact cache store when full (${maxEntries} entries, evicting):   p50 ${p.p50.toFixed(2)} µs   p99 ${p.p99.toFixed(2)} µs   mean ${(measured.reduce((a, b) => a + b, 0) / measured.length).toFixed(2)} µs`);
  }
}

async function benchSemantic(n: number, dim: number): Promise<void> {
  const rand = rng(n);
  const vec = (): number[] => Array.from({ length: dim }, () => rand() * 2 - 1);
  const stored: number[][] = [];
  let next: number[] = [];
  const cache = createSemanticCache({ embed: async () => next, maxEntries: n + 10, now: Date.now });
  const req = (i: number): ChatRequest => ({ model: 'fast', messages: [{ role: 'user', content: `question ${i}` }], temperature: 0 });
  const q = (i: number) => ({ request: req(i), resolvedTarget: 'fast', deployments: [], accountFingerprint: 'fp1:x', workspace: 'w' });
  for (let i = 0; i < n; i++) {
    next = vec();
    stored.push(next);
    const miss = (await cache.lookup(q(i))) as SemanticMiss;
    cache.store(miss, entry);
  }
  const typical: number[] = [];
  const near: number[] = [];
  for (let i = 0; i < 300; i++) {
    next = vec();
    let t0 = process.hrtime.bigint();
    await cache.lookup(q(i));
    typical.push(Number(process.hrtime.bigint() - t0) / 1e6);
    next = (stored[i % n] as number[]).map((x) => x + (rand() - 0.5) * 0.01);
    t0 = process.hrtime.bigint();
    const r = await cache.lookup(q(i));
    near.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (r.kind !== 'hit') throw new Error('expected a semantic hit');
  }
  // Worst case for pruning: every row passes the bound (threshold -1 = full scan).
  const index = new VectorIndex(dim);
  for (const v of stored) index.add(toUnitVector(v) as Float32Array);
  const full: number[] = [];
  for (let i = 0; i < 300; i++) {
    const v = toUnitVector(vec()) as Float32Array;
    full.push(time(() => index.best(v, -1)) / 1000);
  }
  const fmt = (s: number[]): string => {
    const p = percentiles(s.slice(30));
    return `p50 ${p.p50.toFixed(2)} ms   p99 ${p.p99.toFixed(2)} ms`;
  };
  console.log(`semantic cache, ${n} entries in one partition, dim ${dim} (embedding call excluded):`);
  console.log(`  lookup, unrelated query (miss)   ${fmt(typical)}`);
  console.log(`  lookup, near-duplicate (hit)     ${fmt(near)}`);
  console.log(`  full scan, no pruning (worst)    ${fmt(full)}`);
}

async function main(): Promise<void> {
  console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
  benchExact();
  benchStoreWhenFull();
  await benchSemantic(1000, 1536);
  await benchSemantic(5000, 1536);
}

void main();
