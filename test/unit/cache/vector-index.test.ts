import { strict as assert } from 'node:assert';
import { VectorIndex, toUnitVector } from '../../../src/core/cache/vector-index';

function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomUnit(rand: () => number, dim: number): Float32Array {
  return toUnitVector(Array.from({ length: dim }, () => rand() * 2 - 1)) as Float32Array;
}

function bruteBest(rows: Float32Array[], q: Float32Array, min: number): { row: number; score: number } | undefined {
  let best: { row: number; score: number } | undefined;
  rows.forEach((r, i) => {
    let s = 0;
    for (let j = 0; j < q.length; j++) s += (r[j] as number) * (q[j] as number);
    if (s >= min && (best === undefined || s > best.score)) best = { row: i, score: s };
  });
  return best;
}

describe('vector index', () => {
  it('normalises vectors and rejects zero or empty ones', () => {
    const v = toUnitVector([3, 4]);
    assert.ok(v && Math.abs((v[0] as number) - 0.6) < 1e-6 && Math.abs((v[1] as number) - 0.8) < 1e-6);
    assert.equal(toUnitVector([0, 0]), undefined);
    assert.equal(toUnitVector([]), undefined);
    assert.equal(toUnitVector([Number.NaN, 1]), undefined);
  });

  it('pruned search finds exactly what a brute-force scan finds', () => {
    const rand = seeded(42);
    for (const dim of [7, 64, 257]) {
      const index = new VectorIndex(dim, 2);
      const rows: Float32Array[] = [];
      for (let i = 0; i < 300; i++) {
        const v = randomUnit(rand, dim);
        rows.push(v);
        index.add(v);
      }
      for (let k = 0; k < 50; k++) {
        // Queries near a stored row (noise) and random ones; thresholds low and high.
        const base = rows[Math.floor(rand() * rows.length)] as Float32Array;
        const noisy = toUnitVector(Array.from(base, (x) => x + (rand() - 0.5) * (k % 5) * 0.05)) as Float32Array;
        const q = k % 3 === 0 ? randomUnit(rand, dim) : noisy;
        for (const min of [-1, 0.5, 0.95]) {
          const expected = bruteBest(rows, q, min);
          const got = index.best(q, min);
          assert.equal(got?.row, expected?.row, `dim ${dim} query ${k} min ${min}`);
          if (got && expected) assert.ok(Math.abs(got.score - expected.score) < 1e-4);
        }
      }
    }
  });

  it('removes rows by moving the last one into the hole', () => {
    const index = new VectorIndex(2);
    index.add(toUnitVector([1, 0]) as Float32Array);
    index.add(toUnitVector([0, 1]) as Float32Array);
    index.add(toUnitVector([-1, 0]) as Float32Array);
    assert.equal(index.removeRow(0), 2);
    assert.equal(index.size, 2);
    assert.equal(index.best(toUnitVector([-1, 0]) as Float32Array, 0.99)?.row, 0);
    assert.equal(index.best(toUnitVector([1, 0]) as Float32Array, 0.99), undefined);
    assert.equal(index.removeRow(1), undefined);
    assert.equal(index.size, 1);
    assert.throws(() => index.add(new Float32Array(3)), RangeError);
  });
});
