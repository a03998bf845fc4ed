/** A small seeded PRNG (an LCG) in [0, 1): the same sequence on every run, so a random test is repeatable. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}
