import { PriceSource } from '../model/call-record';

/**
 * A rate in USD per million tokens: flat, or tiered. In a tiered rate the price
 * of the highest tier whose `start` the request's total input tokens exceed
 * applies to every token of that part (the way Anthropic's and Google's long-
 * context prices work, and the way `@pydantic/genai-prices` computes them).
 * @see https://github.com/pydantic/genai-prices/blob/main/packages/js/src/engine.ts
 */
export type Rate = number | { base: number; tiers: ReadonlyArray<{ start: number; price: number }> };

/** Per-million-token rates for each usage part. Cache rates default to the input rate when absent. */
export interface PriceRates {
  inputPerMTok: Rate;
  outputPerMTok: Rate;
  cacheReadPerMTok?: Rate;
  cacheWritePerMTok?: Rate;
}

/** What each usage part cost, in USD. */
export interface PriceBreakdown {
  /** Uncached input: inputTokens − cacheReadTokens − cacheWriteTokens. */
  inputUsd: number;
  cacheReadUsd: number;
  cacheWriteUsd: number;
  /** Output, reasoning included (providers bill reasoning as output). */
  outputUsd: number;
}

export interface PriceResult {
  /** Null when the price is unknown; never 0 for an unknown model. */
  costUsd: number | null;
  source: PriceSource;
  breakdown?: PriceBreakdown;
  /** The library's model id the deployment matched (`gpt-4o-mini` for `gpt-4o-mini-2024-07-18`). */
  matchedModel?: string;
}
