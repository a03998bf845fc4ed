import assert from 'node:assert/strict';
import { computeCost, worstCaseUsd } from '../../../src/core/pricing/compute-cost';
import { PriceRates, Rate } from '../../../src/core/pricing/price-types';

/** The worst case as it was computed before `worstCaseUsd`: the dearer of two whole `computeCost` runs. */
function viaComputeCost(rates: PriceRates, inputTokens: number, outputTokens: number): number {
  const input = Math.max(0, inputTokens);
  const output = Math.max(0, outputTokens);
  const fresh = computeCost(rates, { inputTokens: input, outputTokens: output, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, estimated: true });
  const write = computeCost(rates, { inputTokens: input, outputTokens: output, cacheReadTokens: 0, cacheWriteTokens: input, reasoningTokens: 0, estimated: true });
  return Math.max(fresh.costUsd, write.costUsd);
}

describe('worstCaseUsd', () => {
  it('is exactly the dearer of the fresh and the cache-write computeCost, for flat and tiered rates and odd token counts', () => {
    let seed = 11;
    const random = (): number => {
      seed = (seed * 1664525 + 1013904223) >>> 0;
      return seed / 2 ** 32;
    };
    const rate = (): Rate => (random() < 0.5 ? Math.round(random() * 3000) / 100 : { base: random() * 5, tiers: [{ start: 1000, price: random() * 9 }, { start: 200_000, price: random() * 20 }] });
    const tokens = (): number => [0, -5, Number.NaN, Number.POSITIVE_INFINITY, 0.5, 1, 999, 1001, 250_000, Math.floor(random() * 1e6)][Math.floor(random() * 10)] as number;
    for (let i = 0; i < 2000; i++) {
      const rates: PriceRates = { inputPerMTok: rate(), outputPerMTok: rate() };
      if (random() < 0.5) rates.cacheWritePerMTok = rate();
      if (random() < 0.5) rates.cacheReadPerMTok = rate();
      const input = tokens();
      const output = tokens();
      assert.equal(worstCaseUsd(rates, input, output), viaComputeCost(rates, input, output), `case ${i}: ${JSON.stringify({ rates, input, output })}`);
    }
  });

  it('prices a cache write dearer than fresh input at the write rate', () => {
    assert.equal(worstCaseUsd({ inputPerMTok: 3, outputPerMTok: 15, cacheWritePerMTok: 3.75 }, 1_000_000, 0), 3.75);
    assert.equal(worstCaseUsd({ inputPerMTok: 3, outputPerMTok: 15, cacheWritePerMTok: 1 }, 1_000_000, 1_000_000), 18);
  });
});
