import * as assert from 'node:assert/strict';
import { createMemoryLedgerStore } from '../../../src/core/ledger/memory-ledger-store';
import { createOrchestrator } from '../../../src/core/orchestrator/create-orchestrator';
import { LogSink } from '../../../src/core/ports';
import { Router } from '../../../src/core/router/router';
import { ask, offlineConfig, recordsOf } from './helpers';

/**
 * A router that answers at once, with no socket and no turn of the event loop, a complete and
 * cacheable answer from deployment "a": two requests can end within one turn, before any
 * bookkeeping queued after the first answer has run.
 */
function cacheableRouter(sent: { count: number }): Router {
  return async function* (ctx) {
    sent.count += 1;
    yield { type: 'output', part: { type: 'text-delta', text: `answer ${sent.count}` } };
    const deployment = ctx.runtime.deployments.get('a');
    return {
      attempts: [{ deploymentId: 'a', kind: 'first', outcome: 'ok', startedAt: ctx.runtime.now(), latencyMs: 1 }],
      ...(deployment ? { deployment } : {}),
      end: { outcome: 'ok', latencyMs: 1, finishReason: { unified: 'stop', raw: 'stop' }, usage: { inputTokens: 10, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, estimated: false } },
    };
  };
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const deterministic = ask('x', { temperature: 0 });

describe('Bookkeeping after the answer: records published and answers stored once the caller has the answer', () => {
  it('the same prompt again before the next turn is answered from the cache (a lookup stores what is queued first)', async () => {
    const sent = { count: 0 };
    const o = createOrchestrator(offlineConfig(), { router: cacheableRouter(sent) });
    const first = await o.chat(deterministic);
    const second = await o.chat(deterministic);
    assert.equal(first.record.cache, 'miss');
    assert.equal(second.record.cache, 'hit');
    assert.equal(second.content, first.content);
    assert.equal(sent.count, 1);
    o.dispose();
  });

  it('a clear right after an answer clears it too: the next request is sent again', async () => {
    const sent = { count: 0 };
    const o = createOrchestrator(offlineConfig(), { router: cacheableRouter(sent) });
    await o.chat(deterministic);
    assert.equal(o.clearCache(), 1, 'the answer queued for the cache was stored, then cleared');
    const again = await o.chat(deterministic);
    assert.equal(again.record.cache, 'miss');
    assert.equal(sent.count, 2);
    o.dispose();
  });

  it("an answer's time to live counts from its arrival, not from when it was stored", async () => {
    let now = 1_000_000;
    const sent = { count: 0 };
    const o = createOrchestrator(offlineConfig({ cache: { ttlMs: 1000 } }), { router: cacheableRouter(sent), now: () => now });
    await o.chat(deterministic);
    // Past the time to live before the queued store has run (no turn in between).
    now += 1001;
    const again = await o.chat(deterministic);
    assert.equal(again.record.cache, 'miss', 'expired: stored with the time the answer arrived');
    assert.equal(sent.count, 2);
    o.dispose();
  });

  it('a listener hears each record after its caller has the answer, in the order the requests ended', async () => {
    const o = createOrchestrator(offlineConfig(), { router: cacheableRouter({ count: 0 }) });
    const records = recordsOf(o);
    const a = await o.chat(ask('x', { temperature: 1 }));
    const b = await o.chat(ask('x', { temperature: 1 }));
    assert.equal(records.length, 0, 'not yet: the callers had their answers first');
    await nextTurn();
    assert.deepEqual(records.map((r) => r.id), [a.record.id, b.record.id]);
    assert.equal(records[0], a.record, 'the same record the caller got');
    o.dispose();
  });

  it('dispose() right after an answer still publishes its record to the ledger and the listeners', async () => {
    const ledger = createMemoryLedgerStore({ workspaceId: 'w' });
    const o = createOrchestrator(offlineConfig(), { router: cacheableRouter({ count: 0 }), ledger });
    const records = recordsOf(o);
    const result = await o.chat(ask());
    o.dispose();
    assert.deepEqual(records.map((r) => r.id), [result.record.id]);
    assert.deepEqual((await ledger.query({})).map((r) => r.id), [result.record.id]);
  });

  it('a failure while storing the answer is logged; the caller already has its answer and the record stands', async () => {
    const errors: string[] = [];
    const log = { info: () => undefined, warn: () => undefined, error: (m: string) => void errors.push(m) } as unknown as LogSink;
    const o = createOrchestrator(offlineConfig(), { router: cacheableRouter({ count: 0 }), log });
    const records = recordsOf(o);
    // A usage the entry cannot copy (a getter that throws) makes the store fail after the answer.
    const result = await o.chat(deterministic, { origin: 'test' });
    Object.defineProperty(result.record.usage, 'inputTokens', {
      get() {
        throw new Error('unreadable usage');
      },
    });
    await o.flush();
    assert.equal(result.record.status, 'ok');
    assert.equal(records.length, 1);
    assert.ok(errors.some((m) => /Could not store an answer in the cache: unreadable usage/.test(m)), errors.join('\n'));
    o.dispose();
  });
});
