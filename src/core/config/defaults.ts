import { CooldownPolicy, LimitsConfig, RetryPolicy, TimeoutPolicy } from './switchboard-config';

/** Documented defaults (README, "Configuration"). */
export const DEFAULT_RETRY: Readonly<RetryPolicy> = Object.freeze({
  maxRetries: 2,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxFallbacks: 5,
  maxRetryAfterMs: 20_000,
});

export const DEFAULT_TIMEOUTS: Readonly<TimeoutPolicy> = Object.freeze({
  connectMs: 15_000,
  firstTokenMs: 45_000,
  idleMs: 30_000,
  overallMs: 180_000,
});

export const DEFAULT_COOLDOWN: Readonly<CooldownPolicy> = Object.freeze({
  allowedFails: 3,
  windowMs: 60_000,
  cooldownMs: 30_000,
  minCooldownMs: 1_000,
  rateLimitMs: 5_000,
  maxCooldownMs: 300_000,
});

export const DEFAULT_LIMITS: Readonly<Required<LimitsConfig>> = Object.freeze({
  maxConcurrent: 32,
  maxQueue: 256,
});

/** Per-alias defaults for `whenAllCooling` / `maxWaitMs`. */
export const DEFAULT_ALIAS_WAIT: Readonly<{ whenAllCooling: 'wait' | 'fail'; maxWaitMs: number }> = Object.freeze({
  whenAllCooling: 'fail',
  maxWaitMs: 10_000,
});

/** Latency strategy tuning (not configurable). */
export const LATENCY_TUNING = Object.freeze({
  /** Weight of the newest sample in the moving average. */
  alpha: 0.3,
  /** Share of picks that explore a random deployment. */
  epsilon: 0.1,
  /** Samples older than this are stale: the strategy falls back to round-robin. */
  staleMs: 60_000,
  /** Each recent failure counts as this many milliseconds of extra latency. */
  failurePenaltyMs: 5_000,
});
