import assert from 'node:assert/strict';
import { SwitchboardConfig } from '../../../src/core/config/switchboard-config';
import { CallRecord } from '../../../src/core/model/call-record';
import { StreamEvent } from '../../../src/core/model/stream-event';
import { FakeProvider, startFakeProvider } from '../../support/fake-provider';
import { KEYS, ask, collect, fastAndSmart, make } from './helpers';

const MODEL = 'gpt-4o-mini-2024-07-18';
const textEvents = (events: StreamEvent[]): string[] => events.flatMap((e) => (e.type === 'text' ? [e.text] : []));

/**
 * R16 and S10 through the orchestrator: the exact cache sits in front of the
 * router; the fake server's request count is the ground truth for hit or miss.
 */
describe('R16/S10 exact cache through the orchestrator (real sockets)', function () {
  this.timeout(20_000);
  let fp: FakeProvider;
  before(async () => {
    fp = await startFakeProvider();
  });
  after(() => fp.close());
  beforeEach(() => fp.reset());

  const config = (): SwitchboardConfig => fastAndSmart(fp);

  for (const alias of ['fast', 'smart']) {
    it(`${alias}: the same prompt twice at temperature 0 reaches the server once; the hit is free, saves the first cost and streams the same text events`, async () => {
      const o = make(config());
      const req = ask(alias, 'What is the capital of France', { temperature: 0 });
      const first = await collect(o, req);
      const second = await collect(o, req);
      assert.equal(fp.requests.length, 1, 'the server saw one request');
      assert.equal(first.record.cache, 'miss');
      assert.equal(second.record.cache, 'hit');
      assert.equal(second.record.status, 'ok');
      assert.equal(second.record.costUsd, 0);
      assert.ok(first.record.costUsd! > 0);
      assert.equal(second.record.savedUsd, first.record.costUsd);
      assert.deepEqual(second.record.attempts, []);
      assert.equal(second.content, first.content);
      assert.deepEqual(textEvents(second.events), textEvents(first.events), 'the hit replays the same text events');
      assert.ok(textEvents(first.events).length > 1);
      const notice = second.events.find((e) => e.type === 'attempt' && e.notice.kind === 'cache-hit');
      assert.deepEqual(notice, { type: 'attempt', notice: { kind: 'cache-hit', semantic: false } });
      // chat() sees the same cached answer.
      const third = await o.chat(req);
      assert.equal(third.record.cache, 'hit');
      assert.equal(third.content, first.content);
      assert.equal(fp.requests.length, 1);
      o.dispose();
    });
  }

  it('max_tokens 16 vs 4000: two misses, the server sees both', async () => {
    const o = make(config());
    const a = await collect(o, ask('fast', 'Explain caching', { temperature: 0, max_tokens: 16 }));
    const b = await collect(o, ask('fast', 'Explain caching', { temperature: 0, max_tokens: 4000 }));
    assert.deepEqual([a.record.cache, b.record.cache], ['miss', 'miss']);
    assert.equal(fp.requests.length, 2);
    // and each is then cached on its own
    const c = await collect(o, ask('fast', 'Explain caching', { temperature: 0, max_tokens: 16 }));
    assert.equal(c.record.cache, 'hit');
    assert.equal(fp.requests.length, 2);
    o.dispose();
  });

  it('every other output-affecting parameter changes the key (system, stop, top_p, seed, penalties, response_format)', async () => {
    const o = make(config());
    const baseReq = ask('fast', 'Explain keys', { temperature: 0 });
    await collect(o, baseReq);
    const variants = [
      { ...baseReq, messages: [{ role: 'system' as const, content: 'Be terse.' }, ...baseReq.messages] },
      { ...baseReq, stop: ['\n'] },
      { ...baseReq, top_p: 0.5 },
      { ...baseReq, seed: 7 },
      { ...baseReq, presence_penalty: 0.5 },
      { ...baseReq, frequency_penalty: 0.5 },
      { ...baseReq, response_format: { type: 'json_object' as const } },
      { ...baseReq, model: 'smart' },
    ];
    for (const v of variants) {
      const r = await collect(o, v);
      assert.equal(r.record.cache, 'miss', JSON.stringify(v));
    }
    assert.equal(fp.requests.length, 1 + variants.length);
    o.dispose();
  });

  it('a cut (incomplete) stream is never stored: the retry reaches the server', async () => {
    const o = make(config());
    const req = ask('fast', 'Tell me a story', { temperature: 0 });
    fp.forModel(MODEL, [{ kind: 'cut', afterChunks: 2 }]);
    const cut = await collect(o, req);
    assert.equal(cut.record.status, 'incomplete');
    const retry = await collect(o, req);
    assert.equal(retry.record.status, 'ok');
    assert.equal(retry.record.cache, 'miss');
    assert.equal(fp.requests.length, 2);
    const third = await collect(o, req);
    assert.equal(third.record.cache, 'hit', 'the complete answer is stored');
    assert.equal(third.content, retry.content);
    o.dispose();
  });

  it('an in-band error after HTTP 200 and a failed request are never stored', async () => {
    const o = make(config());
    const req = ask('fast', 'Tell me another story', { temperature: 0 });
    fp.forModel(MODEL, [{ kind: 'in-band-error', afterChunks: 2 }, { kind: 'error', preset: 'bad_request' }]);
    const inBand = await collect(o, req);
    assert.notEqual(inBand.record.status, 'ok');
    const failed = await collect(o, req);
    assert.equal(failed.record.status, 'error');
    const ok = await collect(o, req);
    assert.equal(ok.record.status, 'ok');
    assert.equal(ok.record.cache, 'miss');
    assert.equal(fp.requests.length, 3);
    o.dispose();
  });

  it('a content-filtered answer is not stored', async () => {
    const o = make(config());
    fp.forModel(MODEL, [{ kind: 'answer', finishReason: 'content_filter' }]);
    const req = ask('fast', 'Something filtered', { temperature: 0 });
    await collect(o, req);
    const again = await collect(o, req);
    assert.equal(again.record.cache, 'miss');
    assert.equal(fp.requests.length, 2);
    o.dispose();
  });

  it('temperature 0.7 is not cached by default; temperature absent neither', async () => {
    const o = make(config());
    const warm = ask('fast', 'Write a haiku', { temperature: 0.7 });
    await collect(o, warm);
    const again = await collect(o, warm);
    assert.equal(again.record.cache, 'miss');
    const noTemp = ask('fast', 'Write a haiku');
    await collect(o, noTemp);
    await collect(o, noTemp);
    assert.equal(fp.requests.length, 4);
    o.dispose();
  });

  it('an alias that opts into storeNonDeterministic caches temperature 0.7', async () => {
    const cfg = config();
    cfg.aliases.fast = { deployments: ['mini'], cache: { storeNonDeterministic: true } };
    const o = make(cfg);
    const warm = ask('fast', 'Write a haiku', { temperature: 0.7 });
    await collect(o, warm);
    assert.equal((await collect(o, warm)).record.cache, 'hit');
    assert.equal(fp.requests.length, 1);
    o.dispose();
  });

  it('per-request noCache bypasses, noStore does not store', async () => {
    const o = make(config());
    const req = ask('fast', 'Controls', { temperature: 0 });
    const bypass = await collect(o, { ...req, cache: { noCache: true } });
    assert.equal(bypass.record.cache, 'bypass');
    const noStore = await collect(o, { ...req, cache: { noStore: true } });
    assert.equal(noStore.record.cache, 'miss');
    const stored = await collect(o, req);
    assert.equal(stored.record.cache, 'miss', 'noStore kept nothing');
    const skip = await collect(o, { ...req, cache: { noCache: true } });
    assert.equal(skip.record.cache, 'bypass');
    assert.equal(fp.requests.length, 4);
    const hit = await collect(o, req);
    assert.equal(hit.record.cache, 'hit');
    assert.equal(fp.requests.length, 4);
    o.dispose();
  });

  it('per-request ttlMs bounds the age of an answer the caller accepts', async () => {
    let offset = 0;
    const o = make(config(), { now: () => Date.now() + offset });
    const req = ask('fast', 'Fresh enough', { temperature: 0 });
    await collect(o, req);
    offset += 60_000;
    assert.equal((await collect(o, { ...req, cache: { ttlMs: 120_000 } })).record.cache, 'hit');
    assert.equal((await collect(o, { ...req, cache: { ttlMs: 30_000 } })).record.cache, 'miss', 'older than the caller accepts');
    assert.equal(fp.requests.length, 2);
    o.dispose();
  });

  it('S10: a changed key (same secret name) misses; the old answer is not served to the new account', async () => {
    const keys = { ...KEYS };
    const o = make(config(), {}, keys);
    const req = ask('fast', 'Whose account is this', { temperature: 0 });
    await collect(o, req);
    assert.equal((await collect(o, req)).record.cache, 'hit');
    keys.oa = 'sk-test-another-account-987654321';
    const after = await collect(o, req);
    assert.equal(after.record.cache, 'miss');
    assert.equal(fp.requests.length, 2);
    assert.equal(fp.requests[1]!.headers['authorization'], `Bearer ${keys.oa}`);
    o.dispose();
  });

  it('S10: a different workspace never sees another workspace\'s answers', async () => {
    const req = ask('fast', 'Workspace secret plan', { temperature: 0 });
    const a = make(config(), { workspace: 'ws-a' });
    const b = make(config(), { workspace: 'ws-b' });
    await collect(a, req);
    assert.equal((await collect(a, req)).record.cache, 'hit');
    const other = await collect(b, req);
    assert.equal(other.record.cache, 'miss');
    assert.equal(fp.requests.length, 2);
    a.dispose();
    b.dispose();
  });

  it('clearCache by alias drops only that alias\'s answers; clearCache() drops everything', async () => {
    const o = make(config());
    const f = ask('fast', 'Clear me', { temperature: 0 });
    const s = ask('smart', 'Clear me', { temperature: 0 });
    await collect(o, f);
    await collect(o, s);
    assert.equal(o.clearCache({ alias: 'fast' }), 1);
    assert.equal((await collect(o, s)).record.cache, 'hit');
    assert.equal((await collect(o, f)).record.cache, 'miss');
    assert.equal(fp.requests.length, 3);
    assert.equal(o.clearCache(), 2);
    assert.equal((await collect(o, s)).record.cache, 'miss');
    assert.equal(fp.requests.length, 4);
    o.dispose();
  });

  it('a config change that affects the deployment invalidates; the record of a hit keeps the answering deployment', async () => {
    const o = make(config());
    const req = ask('fast', 'Config matters', { temperature: 0 });
    const first = await collect(o, req);
    const hit = await collect(o, req);
    assert.equal(hit.record.deploymentId, 'mini');
    assert.equal(hit.record.model, MODEL);
    const cfg = config();
    cfg.deployments[0] = { ...cfg.deployments[0]!, model: 'gpt-4.1-nano-2025-04-14' };
    o.updateConfig(cfg);
    const after = await collect(o, req);
    assert.equal(after.record.cache, 'miss');
    assert.equal(fp.requests.length, 2);
    assert.ok((first.record as CallRecord).costUsd! > 0);
    o.dispose();
  });
});
