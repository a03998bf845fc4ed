import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { FakeProvider, startFakeProvider } from '../../support/fake-provider';
import { make, providers, ask, collect } from '../orchestrator/helpers';

/**
 * Issue 14 item 1: a server that reports no usage makes the core count tokens
 * locally. A long run without breaks (one repeated character, a minified blob,
 * a base64 image pasted as text) used to block the event loop for seconds
 * (the BPE merge is quadratic in a piece's length). The count must stay
 * bounded in time whatever the text, and stay flagged `estimated`.
 */
describe('hardening: the local token estimate never freezes the process', function () {
  this.timeout(120_000);
  let fp: FakeProvider;
  before(async () => {
    fp = await startFakeProvider();
    // Loading the tokenizer's tables is a one-off cost (~0.2-0.5 s), not the stall under test.
    const o = make({ providers: providers(fp), deployments: [{ id: 'mini', provider: 'oa', model: 'm' }], aliases: { a: { deployments: ['mini'] } } });
    fp.enqueue({ kind: 'answer', omitUsage: true, text: 'warm' });
    await collect(o, ask('a', 'warm up'));
    o.dispose();
  });
  after(async () => fp.close());
  beforeEach(() => fp.reset());

  /**
   * Runs `body` and returns the longest event-loop stall seen meanwhile, in ms:
   * the largest gap between ticks of a 5 ms timer (perf_hooks clock), including
   * the gap up to the moment `body` settles.
   */
  async function longestStall(body: () => Promise<void>): Promise<number> {
    let last = performance.now();
    let worst = 0;
    const tick = (): void => {
      const t = performance.now();
      worst = Math.max(worst, t - last);
      last = t;
    };
    const timer = setInterval(tick, 5);
    try {
      await body();
    } finally {
      tick();
      clearInterval(timer);
    }
    return worst;
  }

  const STALL_LIMIT_MS = 1000; // today: 5-60 s; bounded pieces take a few ms

  for (const [name, deployment] of [
    ['OpenAI format', 'mini'],
    ['Anthropic format', 'sonnet'],
  ] as const) {
    it(`${name}: a 64 KB prompt of one repeated character with no usage reported`, async () => {
      const o = make({ providers: providers(fp), deployments: [{ id: deployment, provider: deployment === 'mini' ? 'oa' : 'ant', model: 'm' }], aliases: { a: { deployments: [deployment] } } });
      fp.enqueue({ kind: 'answer', omitUsage: true, text: 'ok' });
      let record: Awaited<ReturnType<typeof collect>>['record'] | undefined;
      const stall = await longestStall(async () => {
        record = (await collect(o, ask('a', '='.repeat(64 * 1024)))).record;
      });
      console.log(`      longest stall (64 KB "=" prompt, ${name}): ${stall.toFixed(1)} ms`);
      assert.ok(record);
      assert.equal(record.usage.estimated, true);
      assert.ok(record.usage.inputTokens > 0, 'prompt counted');
      assert.ok(stall < STALL_LIMIT_MS, `event loop blocked for ${stall.toFixed(0)} ms`);
      o.dispose();
    });
  }

  it('a cut stream whose partial answer is 96 KB without a break', async () => {
    const o = make({ providers: providers(fp), deployments: [{ id: 'mini', provider: 'oa', model: 'm' }], aliases: { a: { deployments: ['mini'] } } });
    fp.enqueue({ kind: 'cut', afterChunks: 1, chunks: ['='.repeat(96 * 1024), 'never sent'] });
    let out: Awaited<ReturnType<typeof collect>> | undefined;
    const stall = await longestStall(async () => {
      out = await collect(o, ask('a', 'go'));
    });
    console.log(`      longest stall (96 KB "=" cut answer): ${stall.toFixed(1)} ms`);
    assert.ok(out);
    assert.equal(out.record.status, 'incomplete');
    assert.equal(out.record.usage.estimated, true);
    assert.ok(out.record.usage.outputTokens > 0, 'partial output counted');
    assert.ok(stall < STALL_LIMIT_MS, `event loop blocked for ${stall.toFixed(0)} ms`);
    o.dispose();
  });
});
