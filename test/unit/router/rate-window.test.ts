import assert from 'node:assert/strict';
import { RateWindow, WindowEntry } from '../../../src/core/limits/rate-window';

/** A tiny seeded generator (mulberry32), so a failure replays. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('limits/RateWindow running total', () => {
  it('equals the sum of the last 60 s through adds, corrections (also of expired entries) and compactions', () => {
    const random = seeded(15);
    const w = new RateWindow();
    const reference: { at: number; amount: number; entry: WindowEntry }[] = [];
    let now = 0;
    for (let i = 0; i < 20_000; i++) {
      now += Math.floor(random() * 20); // ~6000 entries live in a window: compaction runs many times
      const r = random();
      if (r < 0.6) {
        const amount = Math.floor(random() * 1000);
        reference.push({ at: now, amount, entry: w.add(amount, now) });
      } else if (r < 0.8 && reference.length > 0) {
        const ref = reference[Math.floor(random() * reference.length)]!;
        ref.amount = Math.floor(random() * 1000);
        w.correct(ref.entry, ref.amount);
      } else {
        const expected = reference.filter((e) => now - e.at < 60_000).reduce((n, e) => n + e.amount, 0);
        assert.equal(w.used(now), expected, `step ${i}`);
      }
    }
  });

  it('a NaN or negative amount counts as 0 instead of poisoning the window', () => {
    const w = new RateWindow();
    const e = w.add(10, 0);
    w.add(Number.NaN, 1);
    w.correct(e, -5);
    w.add(7, 2);
    assert.equal(w.used(3), 7);
    assert.equal(w.waitFor(5, 10, 3), 60_000 - 1, 'waits for the 7 to expire');
  });
});
