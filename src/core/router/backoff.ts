import { RetryPolicy } from '../config/switchboard-config';
import { RandomSource } from '../ports';

/** Share of a known wait added as random extra delay. */
const HINT_JITTER = 0.75;

/**
 * Delay before retry number `retry` (1 for the first retry) on the same deployment.
 *
 * Without a hint: exponential backoff with full jitter, `random * min(max, base * 2^(retry-1))`.
 * With a Retry-After: never earlier than the hint, plus up to 75% of it of jitter
 * (std-dev ≈ 16% of the delay), so callers told the same hint do not return in lockstep (R7).
 * @see https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/
 */
export function backoffDelay(retry: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>, random: RandomSource, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined && retryAfterMs > 0) return retryAfterMs + hintJitter(retryAfterMs, random);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.round(random() * ceiling);
}

/** Extra delay added after a known wait (Retry-After, a cooldown's end). */
export function hintJitter(waitMs: number, random: RandomSource): number {
  return Math.round(random() * waitMs * HINT_JITTER);
}

