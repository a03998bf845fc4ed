import * as assert from 'node:assert/strict';
import { BudgetGuard, Reservation } from '../../../src/core/budget/budget-guard';
import { validateConfig } from '../../../src/core/config/validate-config';
import { RecordBuilder } from '../../../src/core/orchestrator/pipeline/record-builder';
import { RequestContext, StageRun } from '../../../src/core/orchestrator/pipeline/stage';
import { buildRuntime } from '../../../src/core/orchestrator/runtime';
import { budgetStage } from '../../../src/core/orchestrator/stages/budget-stage';
import { createPriceBook } from '../../../src/core/pricing/price-book';
import { resolveTarget } from '../../../src/core/router/resolve-target';
import { ask, offlineConfig } from './helpers';
import { requestSignal } from '../../../src/core/orchestrator/deadline';

const book = createPriceBook();

/** A guard that admits everything and remembers every settle. */
function countingGuard(): { guard: BudgetGuard; settled: (number | null)[] } {
  const settled: (number | null)[] = [];
  const reservation = { buckets: [], worstCaseUsd: 1 } as unknown as Reservation;
  const guard = {
    reserve: () => Promise.resolve({ ok: true, reservation, warnings: [] }),
    settle: (_r: Reservation, usd: number | null) => void settled.push(usd),
    snapshot: () => [],
  } as unknown as BudgetGuard;
  return { guard, settled };
}

function context(): RequestContext {
  const v = validateConfig(offlineConfig());
  assert.ok(v.ok);
  const runtime = buildRuntime(v.config, { keys: () => undefined, now: Date.now, random: Math.random, prices: book });
  const request = ask();
  const { signal, stop, abort } = requestSignal(undefined, 60_000);
  const record = new RecordBuilder({ runtime, book, id: 'r1', workspace: 'w', raw: request, options: {}, startedAt: Date.now() });
  return { runtime, raw: request, options: {}, stream: true, signal, stop, abort, record, request, target: resolveTarget('x', runtime, request) };
}

async function drive(run: StageRun, stopAfter?: number): Promise<void> {
  let n = 0;
  try {
    for (let step = await run.next(); !step.done; step = await run.next()) if (stopAfter !== undefined && ++n >= stopAfter) break;
  } finally {
    await run.return(undefined as never);
  }
}

describe('The budget stage settles exactly once, however the request ends', () => {
  it('answered: the real cost', async () => {
    const { guard, settled } = countingGuard();
    const stage = budgetStage({ guard: () => guard, book, workspace: 'w' });
    const ctx = context();
    // eslint-disable-next-line require-yield
    await drive(stage(ctx, async function* (c) {
      c.record.routed = true;
      return c.record.routedTo({ attempts: [{ deploymentId: 'a', kind: 'first', outcome: 'ok', startedAt: 0, latencyMs: 1 }], deployment: c.runtime.deployments.get('a'), end: { outcome: 'ok', latencyMs: 1, usage: { inputTokens: 1_000_000, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, estimated: false } } }, c.request, 'ok', '');
    }));
    assert.equal(settled.length, 1);
    assert.ok(settled[0] !== null && settled[0] !== undefined && Math.abs(settled[0] - 1) < 0.001, String(settled[0]));
  });

  it('an inner throw before anything was sent: nothing spent', async () => {
    const { guard, settled } = countingGuard();
    // eslint-disable-next-line require-yield
    await assert.rejects(drive(budgetStage({ guard: () => guard, book, workspace: 'w' })(context(), async function* () {
      throw new Error('cache broke');
    })));
    assert.deepEqual(settled, [0]);
  });

  it('an inner stage that throws while being made (before any run exists): nothing spent, settled once', async () => {
    const { guard, settled } = countingGuard();
    const throwing = (): StageRun => {
      throw new Error('made badly');
    };
    await assert.rejects(drive(budgetStage({ guard: () => guard, book, workspace: 'w' })(context(), throwing)), /made badly/);
    assert.deepEqual(settled, [0]);
  });

  it('closed before its first next: the reservation already under way is settled (nothing spent)', async () => {
    const { guard, settled } = countingGuard();
    let made = 0;
    // eslint-disable-next-line require-yield
    const run = budgetStage({ guard: () => guard, book, workspace: 'w' })(context(), async function* () {
      made += 1;
      throw new Error('never started, so never here');
    });
    await run.return(undefined as never);
    assert.deepEqual(settled, [0]);
    assert.equal(made, 0, 'the inner run was made but never started');
  });

  it('closed mid-stream after routing began (the answer never finished): the worst case stays counted', async () => {
    const { guard, settled } = countingGuard();
    await drive(budgetStage({ guard: () => guard, book, workspace: 'w' })(context(), async function* (c) {
      c.record.routed = true;
      yield { type: 'text', text: 'partial' };
      yield { type: 'text', text: 'never read' };
      throw new Error('unreachable');
    }), 1);
    assert.deepEqual(settled, [null]);
  });
});
