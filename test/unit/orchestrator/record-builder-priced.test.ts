import * as assert from 'node:assert/strict';
import { validateConfig } from '../../../src/core/config/validate-config';
import { isPromiseLike } from '../../../src/core/model/maybe-promise';
import { RecordBuilder } from '../../../src/core/orchestrator/pipeline/record-builder';
import { buildRuntime } from '../../../src/core/orchestrator/runtime';
import { createPriceBook } from '../../../src/core/pricing/price-book';
import { RouteResult } from '../../../src/core/router/router';
import { ask, offlineConfig } from './helpers';

/**
 * Pricing a routed request waits for nothing when the provider reported its
 * usage (every answer on the request path: no promise turn for the record);
 * it waits for the local count only when the usage is missing.
 */
describe('RecordBuilder.routedTo: priced at once when the usage was reported', () => {
  const book = createPriceBook();
  const builder = (): { record: RecordBuilder; result: (usage?: boolean) => RouteResult } => {
    const v = validateConfig(offlineConfig());
    assert.ok(v.ok);
    const runtime = buildRuntime(v.config, { keys: () => undefined, now: Date.now, random: Math.random, prices: book });
    const record = new RecordBuilder({ runtime, book, id: 'r1', workspace: 'w', raw: ask(), options: {}, startedAt: Date.now() });
    const deployment = [...runtime.deployments.values()][0];
    assert.ok(deployment);
    const result = (usage = true): RouteResult => ({
      attempts: [{ deploymentId: deployment.id, kind: 'first', outcome: 'ok', startedAt: 0, latencyMs: 1 }],
      deployment,
      end: {
        outcome: 'ok',
        latencyMs: 1,
        finishReason: { unified: 'stop', raw: 'stop' },
        ...(usage ? { usage: { inputTokens: 12, outputTokens: 5, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, estimated: false } } : {}),
      },
    });
    return { record, result };
  };

  it('reported usage: the outcome itself, not a promise, with that usage', () => {
    const { record, result } = builder();
    const out = record.routedTo(result(), ask(), 'hello there', '');
    assert.ok(!isPromiseLike(out), 'priced without a promise turn');
    assert.equal(out.record.usage.inputTokens, 12);
    assert.equal(out.record.usage.outputTokens, 5);
    assert.equal(out.record.usage.estimated, false);
    assert.equal(out.record.status, 'ok');
  });

  it('no usage reported: counted locally (a promise), flagged estimated', async () => {
    const { record, result } = builder();
    const out = record.routedTo(result(false), ask(), 'hello there', '');
    assert.ok(isPromiseLike(out), 'waits for the local count');
    const done = await out;
    assert.equal(done.record.usage.estimated, true);
    assert.ok(done.record.usage.outputTokens > 0);
  });
});
