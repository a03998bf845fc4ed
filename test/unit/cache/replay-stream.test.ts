import { strict as assert } from 'node:assert';
import { DEFAULT_CACHE_CONFIG, effectiveAliasPolicy } from '../../../src/core/cache/cache-config';
import { shouldStore } from '../../../src/core/cache/cache-policy';
import { cacheHitRecordFields, cachedAnswerFromRecord } from '../../../src/core/cache/cache-record';
import { chunkText, replayAsStream } from '../../../src/core/cache/replay-stream';
import { CallRecord } from '../../../src/core/model/call-record';
import { StreamEvent } from '../../../src/core/model/stream-event';
import { baseRequest, makeEntry } from './helpers';

async function collect(it: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const out: StreamEvent[] = [];
  for await (const e of it) out.push(e);
  return out;
}

describe('replay and records', () => {
  it('replays reasoning then text as chunked events that join to the stored answer', async () => {
    const entry = makeEntry({ content: 'The answer is 42, as always. '.repeat(5), reasoning: 'Think. '.repeat(10) });
    const events = await collect(replayAsStream(entry, { chunkChars: 16 }));
    const text = events.flatMap((e) => (e.type === 'text' ? [e.text] : [])).join('');
    const reasoning = events.flatMap((e) => (e.type === 'reasoning' ? [e.text] : [])).join('');
    assert.equal(text, entry.content);
    assert.equal(reasoning, entry.reasoning);
    assert.ok(events.filter((e) => e.type === 'text').length > 1);
    const firstText = events.findIndex((e) => e.type === 'text');
    assert.ok(events.slice(firstText).every((e) => e.type === 'text'));
    assert.ok(events.every((e) => e.type === 'text' || e.type === 'reasoning'));
  });

  it('never splits a surrogate pair', () => {
    const parts = chunkText('ab😀cd😀', 3);
    assert.equal(parts.join(''), 'ab😀cd😀');
    for (const p of parts) assert.ok(!/[\uD800-\uDBFF]$/.test(p));
  });

  it('an empty answer replays no text events', async () => {
    assert.deepEqual(await collect(replayAsStream(makeEntry({ content: '' }))), []);
  });

  it('a hit record is free, marked hit, and saves the original cost', () => {
    const fields = cacheHitRecordFields(makeEntry({ costUsd: 0.0012 }), 'hit');
    assert.equal(fields.cache, 'hit');
    assert.equal(fields.costUsd, 0);
    assert.equal(fields.savedUsd, 0.0012);
    assert.equal(fields.usage.outputTokens, 0);
    assert.deepEqual(fields.attempts, []);
    assert.equal(cacheHitRecordFields(makeEntry({ costUsd: null }), 'semantic-hit').savedUsd, undefined);
  });

  it('builds an entry from a finished record, and only complete ones pass shouldStore', () => {
    const record: CallRecord = {
      id: 'r1', requested: 'fast', alias: 'fast', deploymentId: 'mini', provider: 'oa', model: 'gpt-4o-mini-2024-07-18',
      attempts: [], usage: makeEntry().usage, costUsd: 0.002, priceSource: 'config', cache: 'miss', status: 'ok',
      finishReason: { unified: 'stop', raw: 'stop' }, startedAt: 0, endedAt: 1,
    };
    const policy = effectiveAliasPolicy(DEFAULT_CACHE_CONFIG, undefined);
    assert.equal(shouldStore(record.status, record.finishReason, baseRequest(), policy).store, true);
    const entry = cachedAnswerFromRecord({ record, content: 'hi', request: baseRequest(), tags: { workspace: 'w', alias: 'fast', fingerprint: 'fp' }, now: 5 });
    assert.equal(entry?.costUsd, 0.002);
    assert.equal(entry?.createdAt, 5);
    assert.equal(entry?.request.preview, 'What is a monad?');
    const cut = { ...record, status: 'incomplete' as const, finishReason: undefined };
    assert.equal(shouldStore(cut.status, cut.finishReason, baseRequest(), policy).store, false);
    assert.equal(cachedAnswerFromRecord({ record: cut, content: 'h', request: baseRequest(), tags: { workspace: 'w', alias: 'fast', fingerprint: 'fp' }, now: 5 }), undefined);
  });
});
