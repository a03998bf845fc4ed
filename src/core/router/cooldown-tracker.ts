import { CooldownPolicy } from '../config/switchboard-config';
import { ErrorKind } from '../model/error-kind';
import { SwitchboardError } from '../model/switchboard-error';

/** Kinds that count towards `allowedFails` (the deployment itself looks unwell). */
const COUNTED: ReadonlySet<ErrorKind> = new Set<ErrorKind>(['rate_limited', 'overloaded', 'timeout', 'server', 'network', 'invalid_response']);

export interface Cooldown {
  until: number;
  reason: ErrorKind;
  /** Where the length came from: the provider's hint or the policy. */
  source: 'retry-after' | 'failures' | 'policy';
  /** Set when the provider asked for longer than `maxCooldownMs`: what it asked for, in ms. */
  cappedFromMs?: number;
}

/**
 * Cooldown state of one deployment: recent failures in a sliding window, and
 * the time it may be used again. Pure: the caller passes the clock reading.
 */
export class CooldownTracker {
  private failures: number[] = [];
  private current: Cooldown | undefined;

  /** The active cooldown at `now`, if any. */
  active(now: number): Cooldown | undefined {
    if (this.current && this.current.until > now) return this.current;
    return undefined;
  }

  /**
   * Notes a failed attempt. A rate limit or overload with a retry hint cools at
   * once for the hint (never below the floor); a 429 without a hint cools for
   * `rateLimitMs`; other transient failures cool after `allowedFails` in `windowMs`.
   */
  recordFailure(error: SwitchboardError, now: number, policy: CooldownPolicy): Cooldown | undefined {
    const kind = error.kind;
    if (!COUNTED.has(kind)) return undefined;
    const hinted = (kind === 'rate_limited' || kind === 'overloaded') && error.retryAfterMs !== undefined;
    if (hinted) {
      const asked = Math.max(error.retryAfterMs ?? 0, policy.minCooldownMs);
      const cap = Math.max(policy.maxCooldownMs, policy.minCooldownMs);
      const cooldown = this.coolFor(Math.min(asked, cap), kind, 'retry-after', now);
      return asked > cap ? { ...cooldown, cappedFromMs: asked } : cooldown;
    }
    if (kind === 'rate_limited') return this.coolFor(Math.max(policy.rateLimitMs, policy.minCooldownMs), kind, 'policy', now);
    this.failures = this.failures.filter((t) => now - t < policy.windowMs);
    this.failures.push(now);
    if (this.failures.length >= policy.allowedFails) {
      this.failures = [];
      return this.coolFor(policy.cooldownMs, kind, 'failures', now);
    }
    return undefined;
  }

  /** Cools for `ms` from `now`; an existing longer cooldown is kept (never shortened). */
  coolFor(ms: number, reason: ErrorKind, source: Cooldown['source'], now: number): Cooldown {
    const until = now + (Number.isFinite(ms) ? Math.max(0, ms) : 0);
    if (!this.current || this.current.until <= now || this.current.until < until) this.current = { until, reason, source };
    return this.current;
  }

  recordSuccess(): void {
    this.failures = [];
  }

  /** The user's "reset cooldown": usable at once, failure count forgotten. */
  reset(): void {
    this.failures = [];
    this.current = undefined;
  }
}
