import * as assert from 'node:assert/strict';
import { ConcurrencyGate } from '../../../src/core/limits/concurrency-gate';
import { DeploymentLimits } from '../../../src/core/limits/deployment-limits';
import { RateWindow } from '../../../src/core/limits/rate-window';
import { SwitchboardError } from '../../../src/core/model/switchboard-error';
import { RequestContext, StageRun } from '../../../src/core/orchestrator/pipeline/stage';
import { limitsStage } from '../../../src/core/orchestrator/stages/limits-stage';

describe('Limits: RPM/TPM windows (R14)', () => {
  it('allows at most N in any 60 s window and says when the next slot frees', () => {
    const w = new RateWindow();
    for (let i = 0; i < 5; i += 1) {
      assert.equal(w.waitFor(1, 5, i * 1000), 0);
      w.add(1, i * 1000);
    }
    assert.equal(w.waitFor(1, 5, 10_000), 50_000);
    assert.equal(w.waitFor(1, 5, 59_999), 1);
    assert.equal(w.waitFor(1, 5, 60_000), 0);
  });

  it('TPM: estimated before sending, reconciled after', () => {
    const l = new DeploymentLimits();
    const r = l.reserve(900, 0);
    assert.equal(l.check({ tpm: 1000 }, 200, 1).limit, 'tpm');
    r.reconcile(300);
    assert.equal(l.tpmUsed(1), 300);
    assert.equal(l.check({ tpm: 1000 }, 200, 1).waitMs, 0);
  });

  it('a request larger than the whole TPM still goes through once the window is empty', () => {
    const l = new DeploymentLimits();
    assert.equal(l.check({ tpm: 100 }, 5000, 0).waitMs, 0);
    l.reserve(5000, 0);
    assert.ok(l.check({ tpm: 100 }, 5000, 1).waitMs > 0);
  });

  it('reports RPM before TPM when both are full, and no limit means no wait', () => {
    const l = new DeploymentLimits();
    l.reserve(10, 0);
    assert.deepEqual(l.check({}, 10, 1), { waitMs: 0 });
    assert.equal(l.check({ rpm: 1 }, 10, 1).limit, 'rpm');
  });
});

describe('Limits: concurrency gate', () => {
  it('caps running requests, queues in order, refuses beyond the queue', async () => {
    const gate = new ConcurrencyGate(2, 1);
    const signal = new AbortController().signal;
    const r1 = await gate.acquire(signal);
    await gate.acquire(signal);
    let third = false;
    const p3 = gate.acquire(signal).then((rel) => {
      third = true;
      return rel;
    });
    await assert.rejects(gate.acquire(signal), (e: unknown) => SwitchboardError.isInstance(e) && e.kind === 'overloaded');
    await Promise.resolve();
    assert.equal(third, false);
    r1();
    (await p3)();
    assert.equal(third, true);
    assert.equal(gate.inFlight, 1);
  });

  it('an aborted waiter leaves the queue', async () => {
    const gate = new ConcurrencyGate(1, 5);
    const release = await gate.acquire(new AbortController().signal);
    const ac = new AbortController();
    const waiting = gate.acquire(ac.signal);
    ac.abort(new Error('stop'));
    await assert.rejects(waiting, /stop/);
    assert.equal(gate.queued, 0);
    release();
    assert.equal(gate.inFlight, 0);
  });
});

describe('Limits: the limits stage stopped while queued', () => {
  // Not stopped when it reaches the stage: it queues (the gate is full), and the signal stops it there.
  const ctxFor = (signal: AbortSignal): RequestContext => ({ signal, stop: { reason: undefined, watch: () => () => undefined } }) as unknown as RequestContext;
  // eslint-disable-next-line require-yield
  const inner = async function* (): StageRun {
    throw new Error('unused: the request never gets a slot');
  };

  it('a Stop at the queue notice then an abort causes no unhandled rejection', async () => {
    const gate = new ConcurrencyGate(1, 5);
    const held = await gate.acquire(new AbortController().signal);
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => {
      unhandled.push(reason);
    };
    const mochaListeners = process.listeners('unhandledRejection');
    process.removeAllListeners('unhandledRejection');
    process.on('unhandledRejection', onUnhandled);
    try {
      const ac = new AbortController();
      const gen = limitsStage(() => gate)(ctxFor(ac.signal), inner);
      const first = await gen.next();
      assert.equal(first.done, false);
      await gen.return(undefined as never);
      ac.abort(new Error('stopped'));
      await new Promise((r) => setTimeout(r, 10));
      assert.deepEqual(unhandled, []);
      assert.equal(gate.queued, 0);
    } finally {
      process.removeListener('unhandledRejection', onUnhandled);
      for (const l of mochaListeners) process.on('unhandledRejection', l);
      held();
    }
  });

  it('a Stop at the queue notice gives the slot back once it is granted', async () => {
    const gate = new ConcurrencyGate(1, 5);
    const held = await gate.acquire(new AbortController().signal);
    const gen = limitsStage(() => gate)(ctxFor(new AbortController().signal), inner);
    await gen.next();
    await gen.return(undefined as never);
    held();
    await new Promise((r) => setTimeout(r, 0));
    assert.equal(gate.inFlight, 0, 'the slot granted to the stopped request was released');
    assert.equal(gate.queued, 0);
  });
});
