import { Usage } from '../model/usage';
import { PriceBreakdown, PriceRates, Rate } from './price-types';

/** USD per million tokens of `rate` for a request whose total prompt is `inputTokens`. */
function rateAt(rate: Rate, inputTokens: number): number {
  if (typeof rate === 'number') return rate;
  let price = rate.base;
  for (const tier of rate.tiers) if (inputTokens > tier.start) price = tier.price;
  return price;
}

/** Non-negative finite integer-ish count; anything else counts as 0. */
function count(n: number): number {
  return Number.isFinite(n) && n > 0 ? n : 0;
}

/**
 * Splits usage into its billable parts. `inputTokens` counts every prompt token
 * (see usage.ts), so the uncached part is what remains after the cache parts; a
 * provider reporting more cache tokens than input is clamped rather than billed negative.
 */
function billableParts(usage: Usage): { uncached: number; cacheRead: number; cacheWrite: number; output: number; input: number } {
  const input = count(usage.inputTokens);
  const cacheRead = Math.min(count(usage.cacheReadTokens), input);
  const cacheWrite = Math.min(count(usage.cacheWriteTokens), input - cacheRead);
  return { input, uncached: input - cacheRead - cacheWrite, cacheRead, cacheWrite, output: count(usage.outputTokens) };
}

/** USD for `tokens` of one usage part at `rate`, tiered by the request's whole prompt (`promptTokens`). */
function partUsd(rate: Rate, promptTokens: number, tokens: number): number {
  return tokens === 0 ? 0 : (rateAt(rate, promptTokens) * tokens) / 1e6;
}

/** Prices every part of `usage` at its own rate. */
export function computeCost(rates: PriceRates, usage: Usage): { costUsd: number; breakdown: PriceBreakdown } {
  const p = billableParts(usage);
  const at = (rate: Rate | undefined, tokens: number): number => partUsd(rate ?? rates.inputPerMTok, p.input, tokens);
  const breakdown: PriceBreakdown = {
    inputUsd: at(rates.inputPerMTok, p.uncached),
    cacheReadUsd: at(rates.cacheReadPerMTok, p.cacheRead),
    cacheWriteUsd: at(rates.cacheWritePerMTok, p.cacheWrite),
    outputUsd: at(rates.outputPerMTok, p.output),
  };
  const costUsd = breakdown.inputUsd + breakdown.cacheReadUsd + breakdown.cacheWriteUsd + breakdown.outputUsd;
  return { costUsd, breakdown };
}

/**
 * The most `inputTokens` in and `outputTokens` out can cost at `rates`: the input
 * billed fresh or all as a cache write, whichever is dearer. The same number as
 * the larger `computeCost` of those two usages, with no objects made: the budget
 * check prices every candidate deployment of every request.
 */
export function worstCaseUsd(rates: PriceRates, inputTokens: number, outputTokens: number): number {
  const input = count(inputTokens);
  const output = count(outputTokens);
  const fresh = partUsd(rates.inputPerMTok, input, input);
  const write = partUsd(rates.cacheWritePerMTok ?? rates.inputPerMTok, input, input);
  return Math.max(fresh, write) + partUsd(rates.outputPerMTok, input, output);
}
