import * as assert from 'node:assert/strict';
import { SwitchboardConfig } from '../../../src/core/config/switchboard-config';
import { DEFAULT_GUARDS } from '../../../src/core/config/defaults';
import { createOrchestrator } from '../../../src/core/orchestrator/create-orchestrator';
import { startFakeProvider, FakeProvider } from '../../support/fake-provider';
import { ask, collect, fastAndSmart, make } from './helpers';
import { EndlessUpstream, startEndlessUpstream } from './endless-upstream';

function endlessConfig(up: EndlessUpstream, extra: Partial<SwitchboardConfig> = {}): SwitchboardConfig {
  return {
    providers: { up: { kind: 'openai-compatible', baseUrl: up.baseUrl } },
    deployments: [{ id: 'loopy', provider: 'up', model: 'm', price: { inputPerMTok: 1, outputPerMTok: 2 } }],
    aliases: { fast: { deployments: ['loopy'] } },
    ...extra,
  };
}

describe('S9 stream guards over real sockets', () => {
  let up: EndlessUpstream | undefined;
  afterEach(async () => {
    await up?.close();
    up = undefined;
  });

  it('a stream repeating "the " forever ends incomplete within the loop threshold; the socket closes', async () => {
    up = await startEndlessUpstream(() => 'the ');
    const o = createOrchestrator(endlessConfig(up));
    const started = Date.now();
    const r = await collect(o, ask('fast'));
    const closedAt = await up.closed();
    assert.equal(r.record.status, 'incomplete');
    assert.equal(r.record.errorKind, 'invalid_response');
    assert.match(r.record.errorMessage ?? '', /repeated the same chunk "the " 50 times in a row \(guards\.loop\.maxRepeats = 50\)/);
    assert.equal(r.content, 'the '.repeat(DEFAULT_GUARDS.loop.maxRepeats), 'the answer kept exactly what arrived up to the threshold');
    assert.ok(closedAt - started < 5000, 'the upstream socket closed');
    assert.equal(r.record.attempts.length, 1, 'no retry or failover of a looping answer');
    assert.ok(r.record.costUsd !== null && r.record.costUsd > 0, 'what arrived is billed');
  });

  it('the same line repeated (however it is chunked) and a short pattern are caught too', async () => {
    up = await startEndlessUpstream((i) => (i % 3 === 0 ? 'All work and no ' : i % 3 === 1 ? 'play makes Jack a dull boy.' : '\n'));
    const r = await collect(createOrchestrator(endlessConfig(up)), ask('fast'));
    assert.equal(r.record.status, 'incomplete');
    assert.match(r.record.errorMessage ?? '', /the same line "All work and no play makes Jack a dull b…" 50 times/);
    await up.close();
    up = await startEndlessUpstream((i) => ['ab', 'cab', 'ca', 'bc', 'a', 'bc'][i % 6] ?? '');
    const p = await collect(createOrchestrator(endlessConfig(up)), ask('fast'));
    assert.equal(p.record.status, 'incomplete');
    assert.match(p.record.errorMessage ?? '', /the pattern "(abc|bca|cab)" \d+ times/);
    assert.ok(p.content.length < 2000);
  });

  it('an endless fast stream of new text stops at the output ceiling: incomplete with a reason, socket closed (issue 14, item 2)', async () => {
    // Never repeats: only the ceiling can stop it. Before the ceiling this ran into V8's string limit.
    up = await startEndlessUpstream((i) => `word${i} `.padEnd(64, `-${i % 997}`));
    const started = Date.now();
    const r = await collect(createOrchestrator(endlessConfig(up)), ask('fast'));
    const closedAt = await up.closed();
    assert.equal(r.record.status, 'incomplete');
    assert.match(r.record.errorMessage ?? '', /past the output ceiling \(guards\.maxOutputChars = 1048576\)/);
    // Kept: everything up to and including the chunk that crossed the ceiling (64 chars each).
    assert.ok(r.content.length > DEFAULT_GUARDS.maxOutputChars && r.content.length <= DEFAULT_GUARDS.maxOutputChars + 64, `kept ${r.content.length} chars`);
    assert.ok(closedAt - started < 20_000, 'the upstream socket closed');
    assert.ok(r.record.usage.outputTokens > 0);
  });

  it('the token ceiling applies to many small deltas', async () => {
    up = await startEndlessUpstream((i) => `w${i} `);
    const r = await collect(createOrchestrator(endlessConfig(up, { guards: { maxOutputTokens: 2000 } })), ask('fast'));
    assert.equal(r.record.status, 'incomplete');
    assert.match(r.record.errorMessage ?? '', /about 2001 tokens, past the output ceiling \(guards\.maxOutputTokens = 2000\)/);
  });

  describe('with the fake provider', () => {
    let fp: FakeProvider;
    before(async () => {
      fp = await startFakeProvider();
    });
    after(async () => fp.close());

    it('a request without max_tokens is sent with the default cap; one with it keeps its own', async () => {
      const o = make(fastAndSmart(fp));
      await o.chat(ask('fast'));
      await o.chat(ask('smart'));
      await o.chat(ask('fast', 'hi', { max_tokens: 77 }));
      const bodies = fp.requests.slice(-3).map((q) => q.body as Record<string, unknown>);
      assert.equal(bodies[0]?.max_completion_tokens ?? bodies[0]?.max_tokens, DEFAULT_GUARDS.defaultMaxTokens);
      assert.equal(bodies[1]?.max_tokens, DEFAULT_GUARDS.defaultMaxTokens);
      assert.equal(bodies[2]?.max_completion_tokens ?? bodies[2]?.max_tokens, 77);
    });

    it('an answer repeating what the prompt repeats (an echo) is not a loop', async () => {
      const o = make(fastAndSmart(fp));
      const r = await collect(o, ask('fast', 'word '.repeat(300)));
      assert.equal(r.record.status, 'ok');
      assert.equal(r.content.match(/word/g)?.length, 300, 'the whole echo arrived');
      const lines = Array.from({ length: 60 }, () => 'SELECT 1;').join('\n');
      assert.equal((await collect(o, ask('fast', lines))).record.status, 'ok');
    });

    it('a JSON answer over the output ceiling ends incomplete with the reason on both providers, as a stream does (chat() rejects with it)', async () => {
      const o = make(fastAndSmart(fp, { guards: { maxOutputChars: 20 } }));
      for (const alias of ['fast', 'smart']) {
        fp.enqueue({ kind: 'answer', text: 'a long answer that runs past twenty characters' });
        const err = await o.chat(ask(alias)).then(
          () => undefined,
          (e: unknown) => e as { message: string; record?: { status: string } },
        );
        assert.ok(err, `${alias}: chat() rejects`);
        assert.match(err.message, /past the output ceiling \(guards\.maxOutputChars = 20\)/);
        assert.equal(err.record?.status, 'incomplete');
      }
    });

    it('a prompt over guards.maxInputChars is refused before anything is sent, saying what to change', async () => {
      const o = make(fastAndSmart(fp, { guards: { maxInputChars: 1000 } }));
      const before = fp.requests.length;
      const r = await collect(o, ask('fast', 'x'.repeat(1001)));
      assert.equal(r.error?.kind, 'bad_request');
      assert.match(r.error?.message ?? '', /The prompt is 1001 characters, more than the 1000 allowed \(guards\.maxInputChars\)/);
      assert.equal(r.record.costUsd, 0);
      assert.equal(fp.requests.length, before, 'nothing was sent');
    });
  });
});
