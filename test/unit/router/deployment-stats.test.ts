import assert from 'node:assert/strict';
import { DeploymentStats } from '../../../src/core/router/deployment-stats';

describe('router/DeploymentStats: the window of recent attempts', () => {
  it('holds exactly the last 100 attempts, however many came before', () => {
    const stats = new DeploymentStats(0.3);
    const now = 1_000_000;
    for (let i = 1; i <= 250; i++) stats.observe({ at: now, ok: true, latencyMs: i });
    assert.equal(stats.latencyPercentile(1), 151);
    assert.equal(stats.latencyPercentile(100), 250);
    assert.equal(stats.latencyPercentile(50), 200);
  });

  it('failures pushed out of the window no longer count towards the error rate', () => {
    const stats = new DeploymentStats(0.3);
    const now = 1_000_000;
    for (let i = 0; i < 100; i++) stats.observe({ at: now, ok: false, latencyMs: 5, errorKind: 'server' });
    assert.equal(stats.errorRate(now), 1);
    for (let i = 0; i < 60; i++) stats.observe({ at: now, ok: true, latencyMs: 5 });
    assert.equal(stats.errorRate(now), 0.4);
    assert.equal(stats.recentFailures(now), 40);
    for (let i = 0; i < 40; i++) stats.observe({ at: now, ok: true, latencyMs: 5 });
    assert.equal(stats.errorRate(now), 0);
  });
});
