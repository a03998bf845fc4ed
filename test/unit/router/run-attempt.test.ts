import assert from 'node:assert/strict';
import { DEFAULT_TIMEOUTS } from '../../../src/core/config/defaults';
import { DeploymentConfig } from '../../../src/core/config/switchboard-config';
import { CanonicalCall } from '../../../src/core/model/canonical-call';
import { ProviderPart } from '../../../src/core/model/provider-part';
import { SwitchboardError } from '../../../src/core/model/switchboard-error';
import { AdapterCall, ProviderAdapter } from '../../../src/core/providers/provider-adapter';
import { requestSignal } from '../../../src/core/orchestrator/deadline';
import { AttemptEnd, runAttempt } from '../../../src/core/router/run-attempt';

/** A request's signal and stop as the orchestrator makes them; `callerAbort` is its caller giving up. */
function newRequest(): ReturnType<typeof requestSignal> & { callerAbort(reason?: unknown): void } {
  const caller = new AbortController();
  return { ...requestSignal(caller.signal, 60_000), callerAbort: (reason) => caller.abort(reason) };
}

/** What an attempt is given of a fresh request. */
function signalAndStop(): Pick<ReturnType<typeof requestSignal>, 'signal' | 'stop'> {
  const { signal, stop } = newRequest();
  return { signal, stop };
}

const deployment: DeploymentConfig = { id: 'd1', provider: 'p', model: 'm' };

function attempt(adapter: ProviderAdapter, log: string[], stream = true) {
  return runAttempt({
    deployment,
    adapter,
    canonical: { messages: [] } as unknown as CanonicalCall,
    stream,
    timeouts: { ...DEFAULT_TIMEOUTS },
    deadlineCovers: true,
    first: true,
    ...signalAndStop(),
    now: Date.now,
    begin: () => log.push('begin'),
    settle: (end: AttemptEnd | undefined) => log.push(`settle ${end?.outcome ?? 'none'}${end?.outcome === 'error' ? ` ${end.error.kind}` : ''}`),
  });
}

const parts = (...p: ProviderPart[]): ProviderAdapter => ({
  providerId: 'p',
  call: async function* () {
    for (const x of p) yield x;
  },
});

describe('router/runAttempt: the attempt and its bookkeeping hooks', () => {
  it('begin runs when the attempt starts (not when it is made), settle once with how it ended', async () => {
    const log: string[] = [];
    const run = attempt(parts({ type: 'text-delta', text: 'hi' }, { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' } }), log);
    assert.deepEqual(log, []);
    const first = await run.next();
    assert.deepEqual(first.value, { type: 'output', part: { type: 'text-delta', text: 'hi' } });
    assert.deepEqual(log, ['begin']);
    const end = await run.next();
    assert.equal(end.done, true);
    assert.deepEqual(log, ['begin', 'settle ok']);
  });

  it('an adapter that throws at once still ends the attempt as an error and settles it', async () => {
    const log: string[] = [];
    const throwing: ProviderAdapter = {
      providerId: 'p',
      call: () => {
        throw new Error('no client for this config');
      },
    };
    const end = await attempt(throwing, log).next();
    assert.equal(end.done, true);
    assert.equal((end.value as AttemptEnd).outcome, 'error');
    assert.deepEqual(log, ['begin', 'settle error network']);
  });

  it('closed mid-answer, it settles with no end (the attempt record says cancelled)', async () => {
    const log: string[] = [];
    const run = attempt(parts({ type: 'text-delta', text: 'a' }, { type: 'text-delta', text: 'b' }), log);
    await run.next();
    await run.return(undefined as never);
    assert.deepEqual(log, ['begin', 'settle none']);
  });

  describe('what the adapter is told about its connect timeout', () => {
    /** An adapter that keeps the call it was given and never answers until its signal is aborted. */
    const holding = (seen: AdapterCall[]): ProviderAdapter => ({
      providerId: 'p',
      call: async function* (call) {
        seen.push(call);
        // Only ever rejects (when the signal is aborted): no part comes.
        yield await new Promise<ProviderPart>((_resolve, reject) => call.signal.addEventListener('abort', () => reject(call.signal.reason as Error), { once: true }));
      },
    });
    const run = async (stream: boolean, deadlineCovers: boolean, overallMs: number): Promise<{ call: AdapterCall; end: AttemptEnd }> => {
      const seen: AdapterCall[] = [];
      const request = newRequest();
      const timer = setTimeout(() => request.abort(new SwitchboardError({ kind: 'timeout', timeoutPhase: 'deadline', retryable: false, message: 'deadline' })), 120);
      const it = runAttempt({ deployment, adapter: holding(seen), canonical: { messages: [] } as unknown as CanonicalCall, stream, timeouts: { ...DEFAULT_TIMEOUTS, overallMs, firstTokenMs: 60_000 }, deadlineCovers, first: true, signal: request.signal, stop: request.stop, now: Date.now });
      let step = await it.next();
      while (!step.done) step = await it.next();
      clearTimeout(timer);
      return { call: seen[0]!, end: step.value };
    };

    it('a stream: the connect timeout is its own to enforce', async () => {
      const { call } = await run(true, true, 60_000);
      assert.equal(call.connectBoundBySignal, false);
      assert.equal(call.connectTimeoutMs, DEFAULT_TIMEOUTS.connectMs);
    });

    it('a JSON call under the request deadline: bound by the signal, which the deadline aborts', async () => {
      const { call, end } = await run(false, true, 60_000);
      assert.equal(call.connectBoundBySignal, true);
      assert.equal(call.connectTimeoutMs, 60_000);
      assert.ok(call.signal.aborted);
      assert.equal(end.outcome === 'error' && end.error.timeoutPhase, 'deadline');
    });

    it('a JSON call on a deployment with a shorter overall timeout: the attempt\'s own timer aborts the signal at that timeout', async () => {
      const { call, end } = await run(false, false, 30);
      assert.equal(call.connectBoundBySignal, true);
      assert.equal(call.connectTimeoutMs, 30);
      assert.ok(call.signal.aborted, 'aborted before the request deadline (120 ms)');
      assert.equal(end.outcome === 'error' && end.error.kind, 'timeout');
      assert.notEqual(end.outcome === 'error' && end.error.timeoutPhase, 'deadline');
    });
  });

  describe('a JSON attempt reads an adapter that answers whole through complete()', () => {
    const finish: ProviderPart = { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' } };
    const usage: ProviderPart = { type: 'usage', usage: { inputTokens: 3, outputTokens: 2, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, estimated: false } };
    /** Both ways in; `used` says which one the attempt took. */
    const both = (answer: () => Promise<readonly ProviderPart[]>, used: string[]): ProviderAdapter => ({
      providerId: 'p',
      call: async function* () {
        used.push('call');
        for (const x of await answer()) yield x;
      },
      complete: () => {
        used.push('complete');
        return answer();
      },
    });
    const jsonAttempt = (adapter: ProviderAdapter, request: Pick<ReturnType<typeof requestSignal>, 'signal' | 'stop'>, log: string[] = []) =>
      runAttempt({ deployment, adapter, canonical: { messages: [] } as unknown as CanonicalCall, stream: false, timeouts: { ...DEFAULT_TIMEOUTS }, deadlineCovers: true, first: true, signal: request.signal, stop: request.stop, now: Date.now, settle: (end) => log.push(`settle ${end?.outcome ?? 'none'}`) });
    const drain = async (run: ReturnType<typeof runAttempt>): Promise<{ events: unknown[]; end: AttemptEnd }> => {
      const events: unknown[] = [];
      for (;;) {
        const step = await run.next();
        if (step.done) return { events, end: step.value };
        events.push(step.value);
      }
    };

    it('passes the output parts on in order and keeps usage and finish, without iterating call()', async () => {
      const used: string[] = [];
      const log: string[] = [];
      const { events, end } = await drain(jsonAttempt(both(async () => [{ type: 'text-delta', text: 'a' }, { type: 'text-delta', text: 'b' }, usage, finish], used), newRequest(), log));
      assert.deepEqual(used, ['complete']);
      assert.deepEqual(events, [
        { type: 'output', part: { type: 'text-delta', text: 'a' } },
        { type: 'output', part: { type: 'text-delta', text: 'b' } },
      ]);
      assert.equal(end.outcome, 'ok');
      assert.deepEqual(end.usage, (usage as Extract<ProviderPart, { type: 'usage' }>).usage);
      assert.deepEqual(end.finishReason, { unified: 'stop', raw: 'stop' });
      assert.equal(typeof end.ttftMs, 'number');
      assert.deepEqual(log, ['settle ok']);
    });

    it('a stream still reads call()', async () => {
      const used: string[] = [];
      const run = runAttempt({ deployment, adapter: both(async () => [{ type: 'text-delta', text: 'a' }, finish], used), canonical: { messages: [] } as unknown as CanonicalCall, stream: true, timeouts: { ...DEFAULT_TIMEOUTS }, deadlineCovers: true, first: true, ...signalAndStop(), now: Date.now });
      const { end } = await drain(run);
      assert.equal(end.outcome, 'ok');
      assert.deepEqual(used, ['call']);
    });

    it('an answer that never comes is abandoned as soon as the request is cancelled (a hung adapter cannot hold it)', async () => {
      const request = newRequest();
      const log: string[] = [];
      const pending = drain(jsonAttempt(both(() => new Promise<never>(() => undefined), []), request, log));
      await new Promise((r) => setImmediate(r));
      request.callerAbort(new Error('the caller went away'));
      const { end } = await pending;
      assert.equal(end.outcome, 'error');
      assert.equal(end.outcome === 'error' ? end.error.kind : undefined, 'cancelled');
      assert.deepEqual(log, ['settle error']);
    });

    it('stopped while the caller has a part (a guard tripped), it ends there with that reason, as a stream does', async () => {
      const request = newRequest();
      const run = jsonAttempt(both(async () => [{ type: 'text-delta', text: 'a' }, { type: 'text-delta', text: 'b' }, finish], []), request);
      const first = await run.next();
      assert.deepEqual(first.value, { type: 'output', part: { type: 'text-delta', text: 'a' } });
      request.abort(new SwitchboardError({ kind: 'invalid_response', message: 'the answer repeated itself' }));
      const next = await run.next();
      assert.equal(next.done, true);
      const end = next.value as AttemptEnd;
      assert.equal(end.outcome, 'error');
      assert.equal(end.outcome === 'error' ? end.error.message : '', 'the answer repeated itself');
      assert.equal(end.outcome === 'error' ? end.receivedOutput : false, true);
    });

    it('a request cancelled before the attempt began asks the adapter nothing', async () => {
      const request = newRequest();
      request.callerAbort(new Error('gone'));
      const used: string[] = [];
      const { end } = await drain(jsonAttempt(both(async () => [finish], used), request));
      assert.equal(end.outcome, 'error');
      assert.deepEqual(used, []);
    });

    it('a failed answer ends the attempt with its error', async () => {
      const { end } = await drain(jsonAttempt(both(() => Promise.reject(new SwitchboardError({ kind: 'rate_limited', message: 'slow down' })), []), newRequest()));
      assert.equal(end.outcome === 'error' ? end.error.kind : undefined, 'rate_limited');
    });
  });
});
