import * as assert from 'node:assert/strict';
import { DEFAULT_COOLDOWN } from '../../../src/core/config/defaults';
import { SwitchboardError } from '../../../src/core/model/switchboard-error';
import { backoffDelay } from '../../../src/core/router/backoff';
import { CooldownTracker } from '../../../src/core/router/cooldown-tracker';
import { errorAction } from '../../../src/core/router/error-policy';
import { seeded, std } from './helpers';

const policy = { baseDelayMs: 500, maxDelayMs: 8000 };
const err = (kind: SwitchboardError['kind'], extra: Partial<{ retryAfterMs: number; status: number; timeoutPhase: 'deadline' | 'first_token' }> = {}): SwitchboardError => new SwitchboardError({ kind, message: kind, ...extra });

describe('Router backoff', () => {
  it('full jitter: uniform in [0, min(max, base·2^(n-1))]', () => {
    const random = seeded(5);
    for (const [retry, ceiling] of [[1, 500], [2, 1000], [3, 2000], [6, 8000], [20, 8000]] as const) {
      const values = Array.from({ length: 500 }, () => backoffDelay(retry, policy, random));
      assert.ok(Math.max(...values) <= ceiling && Math.min(...values) >= 0, `retry ${retry}`);
      assert.ok(Math.max(...values) > ceiling * 0.9, 'reaches the ceiling');
      assert.ok(Math.min(...values) < ceiling * 0.1, 'reaches zero');
    }
  });

  it('never earlier than Retry-After, and spread so callers do not return together (R7)', () => {
    const random = seeded(11);
    const values = Array.from({ length: 50 }, () => backoffDelay(1, policy, random, 7000));
    assert.ok(Math.min(...values) >= 7000);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    assert.ok(std(values) >= 0.1 * mean, `std ${std(values)} mean ${mean}`);
  });
});

describe('Router cooldowns', () => {
  const p = { ...DEFAULT_COOLDOWN, allowedFails: 3, windowMs: 60_000, cooldownMs: 30_000, minCooldownMs: 1000, rateLimitMs: 5000 };

  it('a 429 with Retry-After cools at once for the hint', () => {
    const t = new CooldownTracker();
    t.recordFailure(err('rate_limited', { retryAfterMs: 7000, status: 429 }), 0, p);
    assert.equal(t.active(6999)?.until, 7000);
    assert.equal(t.active(7000), undefined);
  });

  it('a tiny Retry-After is raised to the floor; a 429 without one uses rateLimitMs', () => {
    const t = new CooldownTracker();
    t.recordFailure(err('rate_limited', { retryAfterMs: 10 }), 0, p);
    assert.equal(t.active(0)?.until, 1000);
    const u = new CooldownTracker();
    u.recordFailure(err('rate_limited', { status: 429 }), 0, p);
    assert.equal(u.active(0)?.until, 5000);
  });

  it('other transient failures cool only after allowedFails within the window', () => {
    const t = new CooldownTracker();
    assert.equal(t.recordFailure(err('server'), 0, p), undefined);
    assert.equal(t.recordFailure(err('server'), 70_000, p), undefined); // first one left the window
    assert.equal(t.recordFailure(err('network'), 71_000, p), undefined);
    assert.equal(t.recordFailure(err('timeout'), 72_000, p)?.until, 102_000);
  });

  it('a success resets the failure count; non-transient kinds never cool', () => {
    const t = new CooldownTracker();
    t.recordFailure(err('server'), 0, p);
    t.recordFailure(err('server'), 1, p);
    t.recordSuccess();
    assert.equal(t.recordFailure(err('server'), 2, p), undefined);
    for (const k of ['auth', 'bad_request', 'context_overflow', 'cancelled', 'no_deployment_available'] as const) {
      assert.equal(new CooldownTracker().recordFailure(err(k), 0, p), undefined, k);
    }
  });

  it('a cooldown is never shortened by a later, shorter one', () => {
    const t = new CooldownTracker();
    t.coolFor(10_000, 'rate_limited', 'retry-after', 0);
    t.coolFor(1_000, 'rate_limited', 'retry-after', 100);
    assert.equal(t.active(5000)?.until, 10_000);
  });
});

describe('Router error policy', () => {
  it('maps kinds to actions', () => {
    assert.equal(errorAction(err('cancelled')), 'stop');
    assert.equal(errorAction(err('timeout', { timeoutPhase: 'deadline' })), 'stop');
    assert.equal(errorAction(err('timeout', { timeoutPhase: 'first_token' })), 'retry');
    for (const k of ['rate_limited', 'overloaded', 'server', 'network'] as const) assert.equal(errorAction(err(k)), 'retry');
    assert.equal(errorAction(err('auth')), 'other-account');
    assert.equal(errorAction(err('quota_exhausted')), 'other-account');
    assert.equal(errorAction(err('context_overflow')), 'larger-window');
    assert.equal(errorAction(err('content_filter')), 'content-policy');
    assert.equal(errorAction(err('bad_request')), 'stop');
    assert.equal(errorAction(err('not_found')), 'other-deployment');
  });
});
