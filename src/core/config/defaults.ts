import { CooldownPolicy, RetryPolicy, TimeoutPolicy } from './switchboard-config';

/** Documented defaults (README, "Configuration"). */
export const DEFAULT_RETRY: Readonly<RetryPolicy> = Object.freeze({
  maxRetries: 2,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxFallbacks: 5,
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
});
