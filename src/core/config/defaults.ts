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

/** Consumption guards (S9). */
export const DEFAULT_GUARDS = Object.freeze({
  defaultMaxTokens: 4096,
  /** About 1 M tokens of English: beyond any model's context window. */
  maxInputChars: 4_000_000,
  /** 1 MiB of text: several times the largest model output. */
  maxOutputChars: 1_048_576,
  maxOutputTokens: 131_072,
  loop: Object.freeze({ enabled: true, maxRepeats: 50 }),
});

/** Upper bounds validation enforces: beyond these a setting is a mistake (or a timer overflow). */
export const CONFIG_BOUNDS = Object.freeze({
  /** Connect, first-token and idle timeouts. */
  attemptTimeoutMs: 600_000,
  overallTimeoutMs: 3_600_000,
  maxRetries: 10,
  maxFallbacks: 20,
  retryDelayMs: 300_000,
  /** Aliases listed in one fallback list. */
  fallbackListLength: 20,
});
