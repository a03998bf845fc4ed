/**
 * Token usage in one normalised shape. `inputTokens` counts every prompt token,
 * cached or not (OpenAI's convention); `cacheReadTokens` and `cacheWriteTokens`
 * are the parts of it that were read from / written to the provider's prompt
 * cache. `reasoningTokens` is the part of `outputTokens` spent on reasoning.
 * `estimated` is true when any number was counted locally instead of reported.
 */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  estimated: boolean;
}

export const ZERO_USAGE: Readonly<Usage> = Object.freeze({
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  estimated: false,
});
