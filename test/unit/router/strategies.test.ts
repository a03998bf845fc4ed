import * as assert from 'node:assert/strict';
import { DeploymentConfig } from '../../../src/core/config/switchboard-config';
import { RouterState } from '../../../src/core/router/router-state';
import { pickCheapest } from '../../../src/core/router/strategies/cost';
import { pickLowestLatency } from '../../../src/core/router/strategies/latency';
import { pickLeastBusy } from '../../../src/core/router/strategies/least-busy';
import { pickOrdered } from '../../../src/core/router/strategies/ordered';
import { pickRoundRobin } from '../../../src/core/router/strategies/round-robin';
import { PickDeployment, StrategyInput } from '../../../src/core/router/strategies/strategy';
import { pickWeighted } from '../../../src/core/router/strategies/weighted';
import { FakeClock, dep, seeded } from './helpers';

function input(candidates: DeploymentConfig[], state: RouterState, clock: FakeClock, random = seeded(1)): StrategyInput {
  const costOf = (d: DeploymentConfig, e: { inputTokens: number; outputTokens: number }): number | null =>
    d.price ? (e.inputTokens * d.price.inputPerMTok + e.outputTokens * d.price.outputPerMTok) / 1_000_000 : null;
  return { candidates, state, rotation: 'alias', now: clock.now(), random, estimate: { inputTokens: 1000, outputTokens: 500 }, costOf };
}

function shares(pick: PickDeployment, candidates: DeploymentConfig[], n: number, random = seeded(42)): Map<string, number> {
  const state = new RouterState(candidates);
  const clock = new FakeClock();
  const counts = new Map<string, number>();
  for (let i = 0; i < n; i += 1) {
    const d = pick(input(candidates, state, clock, random));
    counts.set(d.id, (counts.get(d.id) ?? 0) + 1);
  }
  return counts;
}

describe('Router strategies (R15)', () => {
  const abc = [dep('a'), dep('b'), dep('c')];

  it('ordered always takes the first healthy deployment', () => {
    assert.deepEqual([...shares(pickOrdered, abc, 50)], [['a', 50]]);
  });

  it('round-robin shares are within ±5% over 1,000 picks', () => {
    const counts = shares(pickRoundRobin, abc, 1000);
    for (const d of abc) assert.ok(Math.abs((counts.get(d.id) ?? 0) / 1000 - 1 / 3) <= 0.05, `${d.id}: ${counts.get(d.id)}`);
  });

  it('weighted shares follow the weights within ±5% over 1,000 picks (seeded random)', () => {
    const weighted = [dep('a', { weight: 1 }), dep('b', { weight: 3 }), dep('c', { weight: 6 })];
    for (const seed of [1, 7, 99]) {
      const counts = shares(pickWeighted, weighted, 1000, seeded(seed));
      assert.ok(Math.abs((counts.get('a') ?? 0) / 1000 - 0.1) <= 0.05, `a ${counts.get('a')}`);
      assert.ok(Math.abs((counts.get('b') ?? 0) / 1000 - 0.3) <= 0.05, `b ${counts.get('b')}`);
      assert.ok(Math.abs((counts.get('c') ?? 0) / 1000 - 0.6) <= 0.05, `c ${counts.get('c')}`);
    }
  });

  it('weighted defaults a missing weight to 1', () => {
    const counts = shares(pickWeighted, [dep('a'), dep('b', { weight: 1 })], 1000);
    assert.ok(Math.abs((counts.get('a') ?? 0) / 1000 - 0.5) <= 0.05);
  });

  it('least-busy picks the deployment with the fewest requests in flight', () => {
    const state = new RouterState(abc);
    const clock = new FakeClock();
    state.of('a').inFlight = 3;
    state.of('b').inFlight = 1;
    state.of('c').inFlight = 2;
    assert.equal(pickLeastBusy(input(abc, state, clock)).id, 'b');
    state.of('b').inFlight = 5;
    assert.equal(pickLeastBusy(input(abc, state, clock)).id, 'c');
  });

  it('least-busy rotates among equally idle deployments', () => {
    const counts = shares(pickLeastBusy, abc, 300);
    for (const d of abc) assert.equal(counts.get(d.id), 100);
  });

  describe('latency', () => {
    const observe = (state: RouterState, id: string, at: number, latencyMs: number, ok = true): void =>
      state.of(id).stats.observe({ at, ok, latencyMs, ttftMs: latencyMs / 2, ...(ok ? {} : { errorKind: 'server' as const }) });

    it('with no samples at all it round-robins (empty data)', () => {
      const counts = shares(pickLowestLatency, abc, 300);
      for (const d of abc) assert.equal(counts.get(d.id), 100);
    });

    it('handles zero-latency samples and prefers the fastest', () => {
      const state = new RouterState(abc);
      const clock = new FakeClock();
      observe(state, 'a', clock.now(), 400);
      observe(state, 'b', clock.now(), 0);
      observe(state, 'c', clock.now(), 200);
      const counts = new Map<string, number>();
      const random = seeded(3);
      for (let i = 0; i < 1000; i += 1) {
        const d = pickLowestLatency(input(abc, state, clock, random));
        counts.set(d.id, (counts.get(d.id) ?? 0) + 1);
      }
      assert.ok((counts.get('b') ?? 0) > 850, `fastest picked ${counts.get('b')}`);
      // ε-greedy: the slower ones are still explored now and then.
      assert.ok((counts.get('a') ?? 0) > 0 && (counts.get('c') ?? 0) > 0, JSON.stringify([...counts]));
    });

    it('probes a deployment it has never measured before exploiting', () => {
      const state = new RouterState(abc);
      const clock = new FakeClock();
      observe(state, 'a', clock.now(), 100);
      observe(state, 'b', clock.now(), 50);
      assert.equal(pickLowestLatency(input(abc, state, clock)).id, 'c');
    });

    it('penalises failures: a fast but failing deployment loses to a slower healthy one', () => {
      const state = new RouterState(abc.slice(0, 2));
      const clock = new FakeClock();
      observe(state, 'a', clock.now(), 50);
      observe(state, 'b', clock.now(), 300);
      observe(state, 'a', clock.now(), 10, false);
      const random = () => 0.99; // never explore
      assert.equal(pickLowestLatency(input(abc.slice(0, 2), state, clock, random)).id, 'b');
    });

    it('decays stale data: after 60 s without samples it round-robins again', () => {
      const state = new RouterState(abc);
      const clock = new FakeClock();
      for (const [id, ms] of [['a', 900], ['b', 10], ['c', 900]] as const) observe(state, id, clock.now(), ms);
      clock.advance(60_001);
      const counts = new Map<string, number>();
      for (let i = 0; i < 300; i += 1) {
        const d = pickLowestLatency(input(abc, state, clock, () => 0.99));
        counts.set(d.id, (counts.get(d.id) ?? 0) + 1);
      }
      for (const d of abc) assert.equal(counts.get(d.id), 100);
    });
  });

  it('cost picks the cheapest for the request; unknown prices go last', () => {
    const state = new RouterState([]);
    const clock = new FakeClock();
    const cands = [dep('unknown'), dep('pricey', { price: { inputPerMTok: 3, outputPerMTok: 15 } }), dep('cheap', { price: { inputPerMTok: 0.15, outputPerMTok: 0.6 } })];
    assert.equal(pickCheapest(input(cands, state, clock)).id, 'cheap');
    assert.equal(pickCheapest(input([dep('unknown'), dep('pricey', { price: { inputPerMTok: 3, outputPerMTok: 15 } })], state, clock)).id, 'pricey');
    // Output-heavy vs input-heavy pricing depends on the request estimate.
    const inHeavy = dep('in', { price: { inputPerMTok: 5, outputPerMTok: 1 } });
    const outHeavy = dep('out', { price: { inputPerMTok: 1, outputPerMTok: 5 } });
    const big = { ...input([inHeavy, outHeavy], state, clock), estimate: { inputTokens: 100_000, outputTokens: 100 } };
    assert.equal(pickCheapest(big).id, 'out');
  });
});
