import assert from 'node:assert/strict';
import { SwitchboardConfig } from '../../../src/core/config/switchboard-config';
import { CallRecord } from '../../../src/core/model/call-record';
import { AnswerBehaviour, FakeProvider, WireFormat, startFakeProvider } from '../../support/fake-provider';
import { ask, collect, make, providers } from './helpers';

/**
 * R12 through the orchestrator: the same answer streamed and non-streamed gives
 * identical usage and cost, priced from @pydantic/genai-prices (or a config
 * override), with cached, cache-write and reasoning tokens each at their own rate.
 */
describe('R12 usage and cost parity through the orchestrator (real sockets)', function () {
  this.timeout(20_000);
  let fp: FakeProvider;
  before(async () => {
    fp = await startFakeProvider();
  });
  after(() => fp.close());
  beforeEach(() => fp.reset());

  const config = (fp: FakeProvider): SwitchboardConfig => ({
    providers: providers(fp),
    deployments: [
      { id: 'mini', provider: 'oa', model: 'gpt-4o-mini-2024-07-18' },
      { id: 'sonnet', provider: 'ant', model: 'claude-sonnet-4-5-20250929' },
      { id: 'priced', provider: 'oa', model: 'in-house-model-v1', price: { inputPerMTok: 2, outputPerMTok: 8, cacheReadPerMTok: 0.5 } },
      { id: 'priced-ant', provider: 'ant', model: 'in-house-claude', price: { inputPerMTok: 4, outputPerMTok: 20, cacheReadPerMTok: 0.4, cacheWritePerMTok: 5 } },
      { id: 'mystery', provider: 'oa', model: 'mystery-model-x' },
    ],
    aliases: { fast: { deployments: ['mini'] }, smart: { deployments: ['sonnet'] } },
  });

  /** Independent price arithmetic (USD per million tokens), per part. */
  interface Rates { input: number; output: number; cacheRead: number; cacheWrite: number }
  const RATES: Record<string, Rates> = {
    'gpt-4o-mini-2024-07-18': { input: 0.15, output: 0.6, cacheRead: 0.075, cacheWrite: 0.15 },
    'claude-sonnet-4-5-20250929': { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 },
    'in-house-model-v1': { input: 2, output: 8, cacheRead: 0.5, cacheWrite: 2 },
    'in-house-claude': { input: 4, output: 20, cacheRead: 0.4, cacheWrite: 5 },
  };
  const expectedCost = (model: string, u: { promptTokens: number; completionTokens: number; cachedTokens: number; cacheWriteTokens: number }): number => {
    const r = RATES[model]!;
    const fresh = u.promptTokens - u.cachedTokens - u.cacheWriteTokens;
    return (fresh * r.input + u.cachedTokens * r.cacheRead + u.cacheWriteTokens * r.cacheWrite + u.completionTokens * r.output) / 1e6;
  };

  const cases: Array<{ name: string; model: string; deployment: string; format: WireFormat; behaviour: AnswerBehaviour; source: 'library' | 'config' }> = [
    { name: 'OpenAI gpt-4o-mini with cached + reasoning tokens', model: 'gpt-4o-mini-2024-07-18', deployment: 'fast', format: 'openai', source: 'library', behaviour: { kind: 'answer', reasoning: 'let me think about the greeting first', cachedTokens: 4, reasoningTokens: 11 } },
    { name: 'Anthropic claude-sonnet-4-5 with cache read + cache write tokens', model: 'claude-sonnet-4-5-20250929', deployment: 'smart', format: 'anthropic', source: 'library', behaviour: { kind: 'answer', cachedTokens: 3, cacheWriteTokens: 4 } },
    { name: 'OpenAI deployment with a config price override', model: 'in-house-model-v1', deployment: 'priced', format: 'openai', source: 'config', behaviour: { kind: 'answer', reasoning: 'hmm', cachedTokens: 5, reasoningTokens: 2 } },
    { name: 'Anthropic deployment with a config price override', model: 'in-house-claude', deployment: 'priced-ant', format: 'anthropic', source: 'config', behaviour: { kind: 'answer', cachedTokens: 2, cacheWriteTokens: 5 } },
  ];

  for (const c of cases) {
    it(`${c.name}: stream and chat record identical usage and cost (source ${c.source})`, async () => {
      fp.forModel(c.model, c.behaviour);
      const o = make(config(fp));
      const req = ask(c.deployment, 'Please say hello to the parity test suite now');
      const streamed = await collect(o, req);
      const sentStreamed = fp.requests[fp.requests.length - 1]!;
      const chat = await o.chat(req);
      const sentChat = fp.requests[fp.requests.length - 1]!;
      assert.equal(fp.requests.length, 2, 'no cache here (no temperature 0): both reach the server');
      assert.equal(sentStreamed.stream, true);
      assert.equal(sentChat.stream, false);
      if (c.format === 'openai') {
        assert.deepEqual((sentStreamed.body as { stream_options?: unknown }).stream_options, { include_usage: true }, 'include_usage is sent when streaming');
      }
      const exp = fp.expectedAnswer(sentStreamed.body, c.format, c.behaviour);
      const expUsage = { inputTokens: exp.usage.promptTokens, outputTokens: exp.usage.completionTokens, cacheReadTokens: exp.usage.cachedTokens, cacheWriteTokens: exp.usage.cacheWriteTokens, reasoningTokens: exp.usage.reasoningTokens, estimated: false };
      assert.ok(expUsage.cacheReadTokens > 0 && (c.format === 'anthropic' ? expUsage.cacheWriteTokens > 0 : expUsage.reasoningTokens > 0), 'the case exercises the special token kinds');
      for (const [how, rec, content] of [['stream', streamed.record, streamed.content], ['chat', chat.record, chat.content]] as const) {
        assert.equal(rec.status, 'ok', how);
        assert.equal(content, exp.text, how);
        assert.deepEqual(rec.usage, expUsage, `${how} usage`);
        assert.equal(rec.priceSource, c.source, how);
        assert.ok(typeof rec.costUsd === 'number' && rec.costUsd > 0, `${how}: a priced request is never $0`);
        assert.ok(Math.abs(rec.costUsd - expectedCost(c.model, exp.usage)) <= 1e-9, `${how} cost ${rec.costUsd} vs ${expectedCost(c.model, exp.usage)}`);
      }
      assert.deepEqual(streamed.record.usage, chat.record.usage);
      assert.ok(Math.abs(streamed.record.costUsd! - chat.record.costUsd!) <= 1e-9);
      assert.equal(streamed.text, chat.content, 'the same text streamed and not');
      o.dispose();
    });
  }

  it('cached tokens are cheaper than fresh ones (not priced as fresh input)', async () => {
    const o = make(config(fp));
    const req = ask('fast', 'Please say hello to the parity test suite now');
    fp.forModel('gpt-4o-mini-2024-07-18', { kind: 'answer' });
    const fresh = await collect(o, req);
    fp.forModel('gpt-4o-mini-2024-07-18', { kind: 'answer', cachedTokens: 8 });
    const cached = await collect(o, req);
    assert.equal(fresh.record.usage.inputTokens, cached.record.usage.inputTokens);
    assert.ok(Math.abs(fresh.record.costUsd! - cached.record.costUsd! - (8 * (0.15 - 0.075)) / 1e6) <= 1e-12);
    o.dispose();
  });

  for (const [deployment, model, format] of [['fast', 'gpt-4o-mini-2024-07-18', 'openai'], ['smart', 'claude-sonnet-4-5-20250929', 'anthropic']] as const) {
    it(`a ${format} server that omits usage: estimated, and never $0 (stream and chat)`, async () => {
      fp.forModel(model, { kind: 'answer', omitUsage: true });
      const o = make(config(fp));
      const req = ask(deployment, 'Please say hello to the parity test suite now');
      const streamed = await collect(o, req);
      const chat = await o.chat(req);
      for (const rec of [streamed.record, chat.record] as CallRecord[]) {
        assert.equal(rec.status, 'ok');
        assert.equal(rec.usage.estimated, true);
        assert.ok(rec.usage.inputTokens > 0 && rec.usage.outputTokens > 0, JSON.stringify(rec.usage));
        assert.equal(rec.priceSource, 'library');
        assert.ok(typeof rec.costUsd === 'number' && rec.costUsd > 0, `cost ${rec.costUsd}`);
      }
      o.dispose();
    });
  }

  it('an unknown model: costUsd null and priceSource unknown (stream and chat), never $0', async () => {
    const o = make(config(fp));
    const req = ask('mystery', 'Please say hello');
    const streamed = await collect(o, req);
    const chat = await o.chat(req);
    for (const rec of [streamed.record, chat.record]) {
      assert.equal(rec.status, 'ok');
      assert.equal(rec.costUsd, null);
      assert.equal(rec.priceSource, 'unknown');
      assert.equal(rec.usage.estimated, false);
      assert.ok(rec.usage.inputTokens > 0);
    }
    o.dispose();
  });
});
