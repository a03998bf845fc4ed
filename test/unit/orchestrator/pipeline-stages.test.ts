import * as assert from 'node:assert/strict';
import { StreamEvent } from '../../../src/core/model/stream-event';
import { createOrchestrator } from '../../../src/core/orchestrator/create-orchestrator';
import { Outcome, ScopeStage } from '../../../src/core/orchestrator/pipeline/stage';
import { tap } from '../../../src/core/orchestrator/pipeline/tap';
import { Router } from '../../../src/core/router/router';
import { answeringRouter, ask, collect, offlineConfig, recordsOf } from './helpers';

/** A test-only stage: remembers every event and the outcome that pass through it. */
function spyStage(): { stage: ScopeStage; seen: StreamEvent[]; outcomes: Outcome[] } {
  const seen: StreamEvent[] = [];
  const outcomes: Outcome[] = [];
  const stage: ScopeStage = async function* (scope, next) {
    const outcome = yield* tap(next(scope), (ev) => seen.push(ev));
    outcomes.push(outcome);
    return outcome;
  };
  return { stage, seen, outcomes };
}

describe('The request pipeline', () => {
  it('a stage added in one line sees every event and the outcome the caller gets', async () => {
    const spy = spyStage();
    const o = createOrchestrator(offlineConfig({ budgets: { workspace: { daily: { limitUsd: 0.0000001, action: 'warn' } } } }), { router: answeringRouter(), stages: [spy.stage] });
    const records = recordsOf(o);
    const { events, terminal } = await collect(o, ask());
    assert.ok(events.some((e) => e.type === 'attempt' && e.notice.kind === 'budget'), 'the budget warning passed through');
    assert.deepEqual([...spy.seen, ...spy.outcomes], events, 'the stage saw exactly what the caller saw, terminal included');
    assert.equal(spy.outcomes[0], terminal);
    await o.flush();
    assert.equal(records.length, 1);
    assert.equal(records[0], terminal.record);
  });

  it('sees refusals too (an invalid request never reaches the request stages)', async () => {
    const spy = spyStage();
    const o = createOrchestrator(offlineConfig(), { router: answeringRouter(), stages: [spy.stage] });
    const { terminal } = await collect(o, { model: 'x', messages: [] });
    assert.equal(terminal.type, 'error');
    assert.equal(spy.outcomes[0], terminal);
    assert.equal(spy.outcomes[0]?.record.errorKind, 'bad_request');
  });

  it('a consumer that stops early: every stage still ends and the record is published once', async () => {
    const spy = spyStage();
    const endless: Router = async function* (ctx) {
      for (;;) {
        if (ctx.signal.aborted) {
          return { attempts: [], end: { outcome: 'error', error: ctx.signal.reason as never, receivedOutput: true, latencyMs: 0 } };
        }
        yield { type: 'output', part: { type: 'text-delta', text: 'x' } };
        await new Promise((r) => setImmediate(r));
      }
    };
    const o = createOrchestrator(offlineConfig(), { router: endless, stages: [spy.stage] });
    const records = recordsOf(o);
    let n = 0;
    for await (const ev of o.stream(ask())) if (ev.type === 'text' && (n += 1) === 3) break;
    await o.flush();
    assert.equal(records.length, 1);
    assert.equal(records[0]?.status, 'cancelled');
    assert.equal(records[0]?.errorMessage, 'The caller stopped reading the stream.');
    assert.equal(spy.outcomes.length, 1, 'the outer stage saw the cancelled outcome');
    assert.equal(spy.outcomes[0]?.record, records[0]);
  });
});
