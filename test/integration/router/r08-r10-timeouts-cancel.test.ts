import * as assert from 'node:assert/strict';
import { SwitchboardError } from '../../../src/core/model/switchboard-error';
import { FakeProvider, startFakeProvider } from '../../support/fake-provider';
import { ask, baseConfig, collect, dep, orchestrator, tryChat } from './harness';

describe('Router timeouts and cancellation over real sockets', () => {
  let server: FakeProvider;
  before(async () => {
    server = await startFakeProvider();
  });
  after(async () => server.close());
  beforeEach(() => server.reset());

  describe('R8: timeouts', () => {
    it('connect timeout (no headers) fails over to the next deployment', async () => {
      const config = baseConfig(server, [dep('a'), dep('b')], { x: { deployments: ['a', 'b'] } }, { timeouts: { connectMs: 200 }, retry: { maxRetries: 0 } });
      server.forModel('model-a', { kind: 'stall', phase: 'headers' });
      const r = await collect(orchestrator(config), ask('x'));
      assert.equal(r.record.status, 'ok');
      assert.equal(r.record.deploymentId, 'b');
      assert.equal(r.record.attempts[0]?.errorKind, 'timeout');
    });

    it('a stall before the first token is detected and fails over before any text is shown', async () => {
      const config = baseConfig(server, [dep('a'), dep('b')], { x: { deployments: ['a', 'b'] } }, { timeouts: { firstTokenMs: 250 }, retry: { maxRetries: 0 } });
      server.forModel('model-a', { kind: 'stall', phase: 'first-chunk' });
      const started = Date.now();
      const r = await collect(orchestrator(config), ask('x'));
      assert.equal(r.record.deploymentId, 'b');
      assert.ok(Date.now() - started < 2_000);
      const [stalled] = server.requestsFor('model-a');
      assert.ok(stalled?.closedAt !== undefined, 'the stalled socket was closed');
      const firstText = r.events.findIndex((e) => e.type === 'text');
      const fallback = r.events.findIndex((e) => e.type === 'attempt' && e.notice.kind === 'fallback');
      assert.ok(fallback >= 0 && fallback < firstText);
    });

    it('an idle stream after the first token is aborted: incomplete with partial text, no failover, socket closed', async () => {
      const config = baseConfig(server, [dep('a'), dep('b')], { x: { deployments: ['a', 'b'] } }, { timeouts: { idleMs: 200 } });
      server.forModel('model-a', { kind: 'answer', chunks: ['one ', 'two ', 'three'], interChunkDelayMs: 1_000 });
      const r = await collect(orchestrator(config), ask('x'));
      assert.equal(r.record.status, 'incomplete');
      assert.equal(r.content, 'one ');
      assert.equal(r.record.errorKind, 'timeout');
      assert.equal(server.requestsFor('model-b').length, 0, 'no failover after the first token');
      const [req] = server.requestsFor('model-a');
      await server.waitForClose(req?.id ?? '', 1_000);
    });


    it('a slow but steady stream outlasting idleMs is not idle: each chunk restarts the idle timer', async () => {
      const config = baseConfig(server, [dep('a')], { x: { deployments: ['a'] } }, { timeouts: { idleMs: 400 } });
      // Frames 120 ms apart: about 1.2 s in all, three times idleMs. The longest wait between two parts
      // is after the last text (finish, usage and [DONE] frames: 360 ms), still under idleMs.
      server.forModel('model-a', { kind: 'answer', chunks: ['a ', 'b ', 'c ', 'd ', 'e ', 'f ', 'g'], interChunkDelayMs: 120 });
      const r = await collect(orchestrator(config), ask('x'));
      assert.equal(r.record.status, 'ok', r.record.errorMessage);
      assert.equal(r.content, 'a b c d e f g');
    });
    it('a non-streamed answer slower than firstTokenMs and connectMs is not a timeout (one request, billed once)', async () => {
      const config = baseConfig(server, [dep('a')], { x: { deployments: ['a'] } }, { timeouts: { firstTokenMs: 100, connectMs: 100, overallMs: 5_000 } });
      server.forModel('model-a', { kind: 'answer', text: 'slow but whole', headersDelayMs: 300 });
      const r = await tryChat(orchestrator(config), ask('x'));
      assert.equal(r.error, undefined, r.error?.message);
      assert.equal(r.content, 'slow but whole');
      assert.equal(r.record.attempts.length, 1);
      assert.equal(server.requestsFor('model-a').length, 1);
    });

    it('a non-streamed call is still bounded by the overall deadline', async () => {
      const config = baseConfig(server, [dep('a')], { x: { deployments: ['a'] } }, { timeouts: { firstTokenMs: 100, connectMs: 100, overallMs: 400 } });
      server.forModel('model-a', { kind: 'stall', phase: 'headers' });
      const started = Date.now();
      const r = await tryChat(orchestrator(config), ask('x'));
      assert.equal(r.error?.kind, 'timeout');
      assert.ok(Date.now() - started < 1_500);
    });

    it('one overall deadline bounds every attempt', async () => {
      const config = baseConfig(server, [dep('a'), dep('b'), dep('c')], { x: { deployments: ['a', 'b', 'c'] } }, { timeouts: { overallMs: 500, firstTokenMs: 300 } });
      server.setDefault({ kind: 'stall', phase: 'first-chunk' });
      const started = Date.now();
      const r = await collect(orchestrator(config), ask('x'));
      const took = Date.now() - started;
      assert.equal(r.error?.kind, 'timeout');
      assert.ok(took < 900, `took ${took} ms`);
      assert.ok(server.requests.length <= 2, `${server.requests.length} attempts`);
    });
  });

  describe('R10: cancellation', () => {
    it('aborts upstream at once (socket closed within 100 ms), no more attempts, cost of what was received recorded', async () => {
      const config = baseConfig(server, [dep('a', 'oa', { price: { inputPerMTok: 1, outputPerMTok: 2 } }), dep('b')], { x: { deployments: ['a', 'b'], fallbacks: [] } });
      server.forModel('model-a', { kind: 'answer', text: 'a b c d e f g h i j k l m n o p', interChunkDelayMs: 100 });
      const ac = new AbortController();
      const o = orchestrator(config);
      let abortedAt = 0;
      const events = [];
      for await (const ev of o.stream(ask('x'), { signal: ac.signal })) {
        events.push(ev);
        if (ev.type === 'text' && abortedAt === 0 && events.filter((e) => e.type === 'text').length === 2) {
          abortedAt = Date.now();
          ac.abort();
        }
      }
      const [req] = server.requestsFor('model-a');
      const closed = await server.waitForClose(req?.id ?? '', 1_000);
      assert.ok((closed.closedAt ?? Infinity) - abortedAt <= 100, `closed ${(closed.closedAt ?? 0) - abortedAt} ms after abort`);
      assert.equal(closed.clientAborted, true);
      await new Promise((r) => setTimeout(r, 150));
      assert.equal(server.requests.length, 1, 'no retry or fallback after a cancel');
      const last = events[events.length - 1];
      assert.ok(last && (last.type === 'error' || last.type === 'done'));
      const record = last.record;
      assert.equal(record.status, 'cancelled');
      assert.equal(record.attempts.length, 1);
      assert.equal(record.attempts[0]?.outcome, 'cancelled');
      assert.ok(record.usage.outputTokens > 0, 'received tokens are counted');
      assert.ok((record.costUsd ?? 0) > 0, 'and priced');
      assert.equal(events.filter((e) => e.type === 'text').length, 2, 'no more chunks processed');
    });

    // A non-streamed first attempt hands the request's own signal to the SDK (no AbortController of its
    // own); a retry or a fallback gets its own. Either way a cancel must close the socket at once.
    for (const which of ['first attempt', 'fallback attempt'] as const) {
      it(`a non-streamed call cancelled while waiting for its answer closes the socket at once (${which})`, async () => {
        const config = baseConfig(server, [dep('a'), dep('b')], { x: { deployments: ['a', 'b'], fallbacks: [] } }, { retry: { maxRetries: 0 } });
        if (which === 'fallback attempt') server.forModel('model-a', { kind: 'error', status: 500, preset: 'server_error' });
        const slow = which === 'first attempt' ? 'model-a' : 'model-b';
        server.forModel(slow, { kind: 'stall', phase: 'headers' });
        const ac = new AbortController();
        const o = orchestrator(config);
        const pending = o.chat(ask('x'), { signal: ac.signal }).then(
          () => undefined,
          (err: unknown) => err,
        );
        const started = Date.now();
        while (server.requestsFor(slow).length === 0 && Date.now() - started < 2_000) await new Promise((r) => setTimeout(r, 5));
        const abortedAt = Date.now();
        ac.abort();
        const error = (await pending) as SwitchboardError;
        const [req] = server.requestsFor(slow);
        const closed = await server.waitForClose(req?.id ?? '', 1_000);
        assert.ok((closed.closedAt ?? Infinity) - abortedAt <= 100, `closed ${(closed.closedAt ?? 0) - abortedAt} ms after abort`);
        assert.equal(closed.clientAborted, true);
        assert.equal(error.kind, 'cancelled');
        assert.equal(error.record?.status, 'cancelled');
        assert.equal(error.record?.attempts.at(-1)?.outcome, 'cancelled');
      });
    }

    it('a long chain of non-streamed attempts leaves no pile of listeners on the request (no leak warning)', async () => {
      const ids = Array.from({ length: 14 }, (_, k) => `d${k}`);
      const config = baseConfig(server, ids.map((id) => dep(id)), { x: { deployments: ids, fallbacks: [] } }, { retry: { maxRetries: 0 } });
      server.setDefault({ kind: 'error', status: 500, preset: 'server_error' });
      const warnings: Error[] = [];
      const onWarning = (w: Error): void => void warnings.push(w);
      process.on('warning', onWarning);
      try {
        const r = await tryChat(orchestrator(config), ask('x'));
        assert.equal(r.error?.kind, 'server');
        assert.equal(r.record.attempts.length, 14);
        await new Promise((resolve) => setImmediate(resolve));
      } finally {
        process.off('warning', onWarning);
      }
      assert.deepEqual(
        warnings.filter((w) => /MaxListeners|memory leak/i.test(`${w.name} ${w.message}`)).map((w) => w.message),
        [],
      );
    });

    it('a cancel while waiting for a retry stops at once', async () => {
      const config = baseConfig(server, [dep('a')], { x: { deployments: ['a'] } }, { retry: { maxRetries: 3, baseDelayMs: 5_000, maxDelayMs: 5_000 } });
      server.forModel('model-a', { kind: 'error', status: 500, preset: 'server_error' });
      const ac = new AbortController();
      setTimeout(() => ac.abort(), 150);
      const started = Date.now();
      const r = await collect(orchestrator(config, { random: () => 0.99 }), ask('x'), { signal: ac.signal });
      assert.ok(Date.now() - started < 1_000);
      assert.equal(r.error?.kind, 'cancelled');
      assert.equal(server.requests.length, 1);
    });
  });

  describe('restart after the first token (opt-in)', () => {
    it('is labelled, replaces the partial answer, and records a restart attempt', async () => {
      const config = baseConfig(server, [dep('a'), dep('b')], { x: { deployments: ['a', 'b'] } });
      server.forModel('model-a', { kind: 'cut', afterChunks: 2, text: 'partial answer that breaks' });
      server.forModel('model-b', { kind: 'answer', text: 'whole answer' });
      const r = await collect(orchestrator(config), ask('x'), { restartAfterFirstToken: true });
      assert.equal(r.record.status, 'ok');
      assert.equal(r.content, 'whole answer');
      assert.ok(r.events.some((e) => e.type === 'attempt' && e.notice.kind === 'restart' && e.notice.from === 'a' && e.notice.to === 'b'));
      assert.deepEqual(r.record.attempts.map((a) => a.kind), ['first', 'restart']);
    });

    it('without opt-in a cut stream ends incomplete with no failover', async () => {
      const config = baseConfig(server, [dep('a'), dep('b')], { x: { deployments: ['a', 'b'] } });
      server.forModel('model-a', { kind: 'cut', afterChunks: 2, text: 'partial answer that breaks' });
      const r = await collect(orchestrator(config), ask('x'));
      assert.equal(r.record.status, 'incomplete');
      assert.equal(server.requestsFor('model-b').length, 0);
    });
  });
});
