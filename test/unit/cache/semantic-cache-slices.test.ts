import { strict as assert } from 'node:assert';
import { createSemanticCache, SemanticMiss } from '../../../src/core/cache/semantic-cache';
import { SemanticQuery, semanticScope } from '../../../src/core/cache/semantic-scope';
import { MACS_PER_SLICE, VectorIndex, toUnitVector } from '../../../src/core/cache/vector-index';
import { baseRequest, fakeClock, keyInput, makeEntry } from './helpers';

function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DIM = 1536;
const ENTRIES = 5000;

function query(i: number): SemanticQuery {
  return { ...keyInput(), request: baseRequest({ messages: [{ role: 'user', content: `question number ${i}` }] }) };
}

/** The miss a lookup of `query(i)` with vector `v` would return: stores without a scan each (keeps setup O(n)). */
function missFor(i: number, v: number[]): SemanticMiss {
  const scope = semanticScope(query(i));
  const vector = toUnitVector(v);
  if (!scope || !vector) throw new Error('no scope or vector');
  return { kind: 'miss', scope, vector };
}

describe('semantic lookup scans in slices (never blocks the extension host for the whole index)', () => {
  it('bestSliced finds exactly what best finds, yielding between slices', async () => {
    const rand = seeded(3);
    const index = new VectorIndex(64);
    const rows = Array.from({ length: 3000 }, () => toUnitVector(Array.from({ length: 64 }, () => rand() * 2 - 1)) as Float32Array);
    for (const r of rows) index.add(r);
    let yields = 0;
    for (let k = 0; k < 20; k++) {
      const q = k % 2 ? (rows[k * 97] as Float32Array) : (toUnitVector(Array.from({ length: 64 }, () => rand() * 2 - 1)) as Float32Array);
      for (const min of [-1, 0.2, 0.95]) {
        assert.deepEqual(
          await index.bestSliced(q, min, async () => void yields++),
          index.best(q, min),
        );
      }
    }
    // 3000 rows of 64 dims is 192k multiply-adds: under one slice, so no yield at all.
    assert.equal(yields, 0);
    assert.ok(MACS_PER_SLICE / 64 > 3000);
  });

  it('a 5k-entry lookup lets the event loop turn while it scans, and still hits', async () => {
    const rand = seeded(11);
    const vectors = Array.from({ length: ENTRIES }, () => Array.from({ length: DIM }, () => rand() * 2 - 1));
    let next: number[] = [];
    const cache = createSemanticCache({ embed: async () => next, maxEntries: ENTRIES + 1, now: fakeClock().now });
    for (let i = 0; i < ENTRIES; i++) cache.store(missFor(i, vectors[i] as number[]), makeEntry({ content: `answer ${i}` }));
    let turns = 0;
    let scanning = true;
    const tick = (): void => {
      if (!scanning) return;
      turns++;
      setImmediate(tick);
    };
    next = (vectors[4321] as number[]).map((x) => x * 2);
    setImmediate(tick);
    const r = await cache.lookup(query(-1));
    scanning = false;
    assert.equal(r.kind, 'hit');
    assert.equal(r.kind === 'hit' && r.entry.content, 'answer 4321');
    const slices = Math.ceil(ENTRIES / Math.floor(MACS_PER_SLICE / DIM));
    // A one-pass scan gives 0 turns; sliced, the loop turns between every two slices.
    assert.ok(turns >= slices - 1, `expected at least ${slices - 1} event-loop turns during the scan, saw ${turns}`);
  });

  it('an eviction that moves rows during a sliced scan restarts it: the answer still matches its prompt', async () => {
    const rand = seeded(5);
    const dim = 1000;
    const rows = 2 * Math.floor(MACS_PER_SLICE / dim) + 10; // three slices
    const vec = (): number[] => Array.from({ length: dim }, () => rand() * 2 - 1);
    let next: number[] = [];
    let interfere: (() => void) | undefined;
    let yields = 0;
    const yieldToLoop = async (): Promise<void> => {
      yields++;
      const f = interfere;
      interfere = undefined;
      f?.();
    };
    const cache = createSemanticCache({ embed: async () => next, maxEntries: rows, now: fakeClock().now, yieldToLoop });
    const stored = Array.from({ length: rows }, vec);
    stored.forEach((v, i) => cache.store(missFor(i, v), makeEntry({ content: `answer ${i}` })));
    // After the first slice, one more store evicts the oldest entry (row 0): the last row moves into row 0,
    // already scanned. A scan that carried on would never see it and miss.
    interfere = () => cache.store(missFor(rows, vec()), makeEntry({ content: 'newcomer' }));
    next = stored[rows - 1] as number[];
    const r = await cache.lookup(query(-1));
    assert.equal(r.kind === 'hit' && r.entry.content, `answer ${rows - 1}`);
    assert.ok(yields >= 3, `restarted scan yields again (saw ${yields})`);
  });
});
