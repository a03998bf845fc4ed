/**
 * Flat, exact nearest-neighbour search over unit vectors in Float32Array
 * matrices. Rows are scored in three steps; after the first eighth and the
 * first half of the dimensions, a row whose best possible score (partial dot
 * + |q_tail|·|m_tail|, Cauchy–Schwarz) is below the cut-off is abandoned.
 * The bound is exact, so pruning never misses a match. The first eighth of
 * every row is also kept in its own contiguous matrix, so the first step (the
 * only one most rows see) reads memory sequentially.
 */
export interface VectorMatch {
  row: number;
  score: number;
}

/** Normalises to unit length; undefined for an empty or zero vector. */
export function toUnitVector(v: Float32Array | readonly number[]): Float32Array | undefined {
  const out = Float32Array.from(v);
  let sum = 0;
  for (let i = 0; i < out.length; i++) sum += (out[i] as number) * (out[i] as number);
  if (out.length === 0 || !(sum > 0) || !Number.isFinite(sum)) return undefined;
  const inv = 1 / Math.sqrt(sum);
  for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) * inv;
  return out;
}

function dot(m: Float32Array, off: number, q: Float32Array, from: number, to: number): number {
  let a = 0;
  let b = 0;
  let c = 0;
  let d = 0;
  let j = from;
  for (; j + 3 < to; j += 4) {
    const p = off + j;
    a += (m[p] as number) * (q[j] as number);
    b += (m[p + 1] as number) * (q[j + 1] as number);
    c += (m[p + 2] as number) * (q[j + 2] as number);
    d += (m[p + 3] as number) * (q[j + 3] as number);
  }
  for (; j < to; j++) a += (m[off + j] as number) * (q[j] as number);
  return a + b + c + d;
}

/** Euclidean norm of v[from, to). */
function tailNorm(v: Float32Array, from: number, to: number): number {
  let s = 0;
  for (let i = from; i < to; i++) s += (v[i] as number) * (v[i] as number);
  return Math.sqrt(s);
}

/** Float rounding slack so pruning stays conservative. */
const EPS = 1e-5;

/**
 * Multiply-adds scanned between two yields by `bestSliced`: a few milliseconds,
 * so a 5k × 3072 index never holds the extension host for the whole scan.
 */
export const MACS_PER_SLICE = 2_000_000;

interface Scan {
  cutoff: number;
  bestRow: number;
  bestScore: number;
}

export class VectorIndex {
  private data: Float32Array;
  private prefix: Float32Array;
  private tails: Float32Array;
  private count = 0;
  /** Bumped by every change, so a sliced scan notices rows moved under it. */
  private version = 0;
  private readonly c1: number;
  private readonly c2: number;

  constructor(readonly dim: number, initialCapacity = 16) {
    this.c1 = Math.floor(dim / 8);
    this.data = new Float32Array(dim * initialCapacity);
    this.prefix = new Float32Array(this.c1 * initialCapacity);
    this.tails = new Float32Array(2 * initialCapacity);
    this.c2 = Math.floor(dim / 2);
  }

  get size(): number {
    return this.count;
  }

  /** Appends a unit vector of this index's dimension; returns its row. */
  add(v: Float32Array): number {
    if (v.length !== this.dim) throw new RangeError(`vector has ${v.length} dimensions, index has ${this.dim}`);
    if ((this.count + 1) * this.dim > this.data.length) this.grow();
    const row = this.count++;
    this.version++;
    this.data.set(v, row * this.dim);
    this.prefix.set(v.subarray(0, this.c1), row * this.c1);
    this.tails[2 * row] = tailNorm(v, this.c1, this.dim);
    this.tails[2 * row + 1] = tailNorm(v, this.c2, this.dim);
    return row;
  }

  /** Removes a row by moving the last row into it; returns the old index of the moved row, if any. */
  removeRow(row: number): number | undefined {
    const last = this.count - 1;
    if (row < 0 || row > last) return undefined;
    this.count = last;
    this.version++;
    if (row === last) return undefined;
    this.data.copyWithin(row * this.dim, last * this.dim, (last + 1) * this.dim);
    this.prefix.copyWithin(row * this.c1, last * this.c1, (last + 1) * this.c1);
    this.tails[2 * row] = this.tails[2 * last] as number;
    this.tails[2 * row + 1] = this.tails[2 * last + 1] as number;
    return last;
  }

  /** The best row scoring at least `minScore`, if any. `q` must be a unit vector. */
  best(q: Float32Array, minScore: number): VectorMatch | undefined {
    if (q.length !== this.dim) return undefined;
    const scan = this.startScan(minScore);
    this.scanRows(q, scan, 0, this.count);
    return this.result(scan, minScore);
  }

  /**
   * `best`, awaiting `yieldToLoop` every MACS_PER_SLICE multiply-adds. If rows
   * are added or removed during a yield the scan starts over, so the row it
   * returns is valid when it resolves.
   */
  async bestSliced(q: Float32Array, minScore: number, yieldToLoop: () => Promise<void>): Promise<VectorMatch | undefined> {
    if (q.length !== this.dim) return undefined;
    const rowsPerSlice = Math.max(1, Math.floor(MACS_PER_SLICE / this.dim));
    for (let attempt = 0; attempt < 3; attempt++) {
      const scan = this.startScan(minScore);
      const version = this.version;
      let from = 0;
      while (from < this.count && version === this.version) {
        const to = Math.min(this.count, from + rowsPerSlice);
        this.scanRows(q, scan, from, to);
        from = to;
        if (from < this.count) await yieldToLoop();
      }
      if (version === this.version) return this.result(scan, minScore);
    }
    // Changing faster than it can be scanned in slices: one pass without yielding.
    return this.best(q, minScore);
  }

  private startScan(minScore: number): Scan {
    return { cutoff: minScore - EPS, bestRow: -1, bestScore: -Infinity };
  }

  private result(scan: Scan, minScore: number): VectorMatch | undefined {
    return scan.bestRow >= 0 && scan.bestScore >= minScore - EPS ? { row: scan.bestRow, score: Math.min(1, scan.bestScore) } : undefined;
  }

  /** Scores rows [from, to) into `scan`, pruning with the Cauchy–Schwarz bound. */
  private scanRows(q: Float32Array, scan: Scan, from: number, to: number): void {
    const { data, prefix, tails, dim, c1, c2 } = this;
    const q1 = tailNorm(q, c1, dim);
    const q2 = tailNorm(q, c2, dim);
    let { cutoff, bestRow, bestScore } = scan;
    for (let r = from; r < to; r++) {
      const off = r * dim;
      let s = dot(prefix, r * c1, q, 0, c1);
      if (s + q1 * (tails[2 * r] as number) < cutoff) continue;
      s += dot(data, off, q, c1, c2);
      if (s + q2 * (tails[2 * r + 1] as number) < cutoff) continue;
      s += dot(data, off, q, c2, dim);
      if (s > bestScore) {
        bestScore = s;
        bestRow = r;
        if (s - EPS > cutoff) cutoff = s - EPS;
      }
    }
    Object.assign(scan, { cutoff, bestRow, bestScore });
  }

  private grow(): void {
    const rows = Math.max(16, (this.data.length / this.dim) * 2);
    const data = new Float32Array(rows * this.dim);
    data.set(this.data.subarray(0, this.count * this.dim));
    const prefix = new Float32Array(rows * this.c1);
    prefix.set(this.prefix.subarray(0, this.count * this.c1));
    this.prefix = prefix;
    const tails = new Float32Array(rows * 2);
    tails.set(this.tails.subarray(0, this.count * 2));
    this.data = data;
    this.tails = tails;
  }
}
