import * as assert from 'node:assert/strict';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import {
  FakeProvider,
  badRequest,
  contentFilter,
  contextOverflow,
  forbidden,
  insufficientQuota,
  notFound,
  rateLimited,
  serverError,
  startFakeProvider,
  unauthorized,
} from '../../../support/fake-provider';
import { SwitchboardError } from '../../../../src/core/model/switchboard-error';
import { createOpenAIAdapter } from '../../../../src/core/providers/openai/create-openai-adapter';
import { KEY, adapterFor, run, runComplete, summarize } from './helpers';

describe('OpenAI adapter: errors over real sockets', () => {
  let server: FakeProvider;
  before(async () => {
    server = await startFakeProvider();
  });
  after(async () => server.close());
  beforeEach(() => server.reset());

  const adapter = (): ReturnType<typeof adapterFor> => adapterFor({ kind: 'openai', baseUrl: server.openaiBaseUrl, apiKeySecret: 'oa' });

  async function errorFor(stream = false): Promise<SwitchboardError> {
    const out = await run(adapter(), { stream });
    assert.ok(out.error, 'expected an error');
    assert.ok(!out.error.message.includes(KEY) && !(out.error.providerMessage ?? '').includes(KEY), 'key leaked');
    return out.error;
  }

  const statusCases: Array<[string, () => ReturnType<typeof badRequest>, string, number, boolean]> = [
    ['400 invalid request', badRequest, 'bad_request', 400, false],
    ['401', unauthorized, 'auth', 401, false],
    ['403', forbidden, 'permission', 403, false],
    ['404', notFound, 'not_found', 404, false],
    ['400 context_length_exceeded', contextOverflow, 'context_overflow', 400, false],
    ['429 insufficient_quota', insufficientQuota, 'quota_exhausted', 429, false],
    ['400 content_filter', contentFilter, 'content_filter', 400, false],
    ['500', () => serverError(500), 'server', 500, true],
    ['502', () => serverError(502), 'server', 502, true],
    ['503', () => serverError(503), 'overloaded', 503, true],
  ];
  for (const [name, behaviour, kind, status, retryable] of statusCases) {
    for (const stream of [false, true]) {
      it(`${name} → ${kind} (${stream ? 'stream' : 'json'})`, async () => {
        server.enqueue(behaviour());
        const e = await errorFor(stream);
        assert.equal(e.kind, kind);
        assert.equal(e.status, status);
        assert.equal(e.retryable, retryable);
        assert.ok(e.providerMessage && e.providerMessage.length > 0, 'providerMessage kept');
      });
    }
  }

  it('keeps the provider code and message verbatim', async () => {
    server.enqueue(contextOverflow());
    const e = await errorFor();
    assert.equal(e.providerCode, 'context_length_exceeded');
    assert.match(e.providerMessage ?? '', /maximum context length/);
  });

  it('a 400 whose message says "maximum context length" without a code → context_overflow', async () => {
    server.enqueue({ kind: 'error', status: 400, body: { error: { message: "This model's maximum context length is 8192 tokens.", type: 'invalid_request_error', code: null } } });
    assert.equal((await errorFor()).kind, 'context_overflow');
  });

  it('a top-level error body (Mistral shape) keeps its message', async () => {
    server.enqueue({ kind: 'error', status: 400, body: { object: 'error', message: 'Prompt contains 40000 tokens, too many tokens for model', type: 'invalid_request_message_error', code: '3051' } });
    const e = await errorFor();
    assert.equal(e.kind, 'context_overflow');
    assert.match(e.providerMessage ?? '', /too many tokens/);
  });

  it('redacts the key if the server echoes it', async () => {
    server.enqueue({ kind: 'error', status: 401, body: { error: { message: `Incorrect API key provided: ${KEY}.`, code: 'invalid_api_key' } } });
    const e = await errorFor();
    assert.equal(e.kind, 'auth');
    assert.match(e.providerMessage ?? '', /\[redacted\]/);
  });

  describe('429 Retry-After variants', () => {
    // Options are built when each test runs: an HTTP date made at load time would age while other suites run.
    const cases: Array<[string, () => Parameters<typeof rateLimited>[0], (ms: number | undefined) => void]> = [
      ['retry-after: 7', () => ({ retryAfterSeconds: 7 }), (ms) => assert.equal(ms, 7000)],
      ['retry-after-ms: 1500', () => ({ retryAfterMs: 1500 }), (ms) => assert.equal(ms, 1500)],
      ['retry-after as HTTP-date', () => ({ retryAfterDate: new Date(Date.now() + 30_000) }), (ms) => assert.ok(ms !== undefined && ms > 25_000 && ms <= 30_000, String(ms))],
      ['x-ratelimit-reset-requests: 6m0s', () => ({ openaiResetRequests: '6m0s' }), (ms) => assert.equal(ms, 360_000)],
      ['no hint', () => ({ none: true }), (ms) => assert.equal(ms, undefined)],
    ];
    for (const [name, opts, check] of cases) {
      it(`${name} → rate_limited with retryAfterMs`, async () => {
        server.enqueue(rateLimited(opts()));
        const e = await errorFor(true);
        assert.equal(e.kind, 'rate_limited');
        assert.equal(e.status, 429);
        assert.equal(e.retryable, true);
        check(e.retryAfterMs);
      });
    }
  });

  it('connection reset before any byte → network', async () => {
    server.enqueue({ kind: 'reset' });
    const e = await errorFor(true);
    assert.equal(e.kind, 'network');
    assert.equal(e.retryable, true);
  });

  it('connection refused → network', async () => {
    const closed = await startFakeProvider();
    const url = closed.openaiBaseUrl;
    await closed.close();
    const out = await run(adapterFor({ kind: 'openai', baseUrl: url }));
    assert.equal(out.error?.kind, 'network');
  });

  it('no response headers before connectTimeoutMs → timeout (connect)', async () => {
    server.enqueue({ kind: 'stall', phase: 'headers' });
    const out = await run(adapter(), { connectTimeoutMs: 150 });
    assert.equal(out.error?.kind, 'timeout');
    assert.equal(out.error?.timeoutPhase, 'connect');
  });

  it('a JSON call times out on its own timer, or, bound by its signal, ends with the signal\'s reason and closes the socket', async () => {
    server.enqueue({ kind: 'stall', phase: 'headers' }, { kind: 'stall', phase: 'headers' });
    const own = await runComplete(adapter(), { connectTimeoutMs: 150 });
    assert.equal(own.error?.kind, 'timeout');
    assert.equal(own.error?.timeoutPhase, 'connect');
    // Bound by the signal (the request's deadline): no timer of the adapter's own fires at 150 ms.
    const deadline = new AbortController();
    const reason = new SwitchboardError({ kind: 'timeout', timeoutPhase: 'deadline', retryable: false, message: 'the deadline' });
    setTimeout(() => deadline.abort(reason), 400);
    const started = Date.now();
    const bound = await runComplete(adapter(), { connectTimeoutMs: 150, connectBoundBySignal: true, signal: deadline.signal });
    assert.equal(bound.error, reason);
    assert.ok(Date.now() - started >= 350, `ended after ${Date.now() - started} ms, before the signal was aborted`);
    const reqs = await server.waitForRequests(2);
    const closed = await server.waitForClose(reqs[1]!.id, 2000);
    assert.equal(closed.clientAborted, true);
  });

  it('caller abort before headers → cancelled, and the server sees the socket close', async () => {
    server.enqueue({ kind: 'stall', phase: 'headers' });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    const out = await run(adapter(), { signal: ac.signal });
    assert.equal(out.error?.kind, 'cancelled');
    const [req] = await server.waitForRequests(1);
    assert.ok(req);
    const closed = await server.waitForClose(req.id, 2000);
    assert.equal(closed.clientAborted, true);
  });

  it('caller abort mid-stream → cancelled (not "ended before completion")', async () => {
    server.enqueue({ kind: 'answer', text: 'one two three four five six', interChunkDelayMs: 100 });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 180);
    const out = await run(adapter(), { signal: ac.signal });
    assert.equal(out.error?.kind, 'cancelled');
    assert.ok(out.parts.some((p) => p.type === 'text-delta'), 'parts before the abort were yielded');
  });

  it('in-band error chunk after HTTP 200 → mapped kind, partial text kept', async () => {
    server.enqueue({ kind: 'in-band-error', afterChunks: 2, text: 'alpha beta gamma delta' });
    const out = await run(adapter());
    assert.equal(out.error?.kind, 'server');
    assert.equal(out.error?.status, undefined);
    assert.equal(summarize(out.parts).text, 'alpha beta ');
  });

  it('in-band insufficient_quota chunk → quota_exhausted', async () => {
    server.enqueue({ kind: 'in-band-error', afterChunks: 1, error: { message: 'You exceeded your current quota', type: 'insufficient_quota', code: 'insufficient_quota' } });
    const out = await run(adapter());
    assert.equal(out.error?.kind, 'quota_exhausted');
    assert.equal(out.error?.retryable, false);
  });

  it('malformed chunk → invalid_response after the text so far', async () => {
    server.enqueue({ kind: 'malformed', afterChunks: 2, text: 'alpha beta gamma' });
    const out = await run(adapter());
    assert.equal(out.error?.kind, 'invalid_response');
    assert.equal(summarize(out.parts).text, 'alpha beta ');
  });

  it('malformed JSON body → invalid_response', async () => {
    server.enqueue({ kind: 'malformed', afterChunks: 0 });
    const out = await run(adapter(), { stream: false });
    assert.equal(out.error?.kind, 'invalid_response');
  });

  it('stream cut after N chunks → parts yielded, then network "ended before completion"', async () => {
    server.enqueue({ kind: 'cut', afterChunks: 3, text: 'one two three four five' });
    const out = await run(adapter());
    assert.equal(out.error?.kind, 'network');
    assert.equal(summarize(out.parts).text, 'one two three ');
    assert.match(out.error?.message ?? '', /ended before completion/);
    assert.ok(!out.parts.some((p) => p.type === 'finish'), 'never reported as finished');
  });

  it('a stream that ends cleanly without finish_reason → network', async () => {
    const body = 'data: {"id":"c","object":"chat.completion.chunk","created":0,"model":"m","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]}\n\ndata: [DONE]\n\n';
    const raw = await rawServer(200, { 'content-type': 'text/event-stream' }, body);
    try {
      const out = await run(adapterFor({ kind: 'openai', baseUrl: raw.url }));
      assert.equal(out.error?.kind, 'network');
      assert.match(out.error?.message ?? '', /ended before completion/);
      assert.equal(summarize(out.parts).text, 'Hi');
    } finally {
      raw.server.close();
    }
  });

  it('a redirect is refused → invalid_config (as for Anthropic), not retryable, and the target is never contacted', async () => {
    const raw = await rawServer(307, { location: `${server.openaiBaseUrl}/chat/completions` }, '');
    try {
      const out = await run(adapterFor({ kind: 'openai', baseUrl: raw.url }));
      assert.equal(out.error?.kind, 'invalid_config');
      assert.equal(out.error?.retryable, false);
      assert.match(out.error?.message ?? '', /redirect/);
      assert.equal(server.requests.length, 0);
    } finally {
      raw.server.close();
    }
  });

  it('missing key → auth naming the "Set API Key" command', async () => {
    const keyless = createOpenAIAdapter({ providerId: 'oa', config: { kind: 'openai', baseUrl: server.openaiBaseUrl, apiKeySecret: 'oa' }, keys: async () => undefined });
    const out = await run(keyless);
    assert.equal(out.error?.kind, 'auth');
    assert.match(out.error?.message ?? '', /Switchboard: Set API Key/);
    assert.match(out.error?.message ?? '', /"oa"/);
    assert.equal(server.requests.length, 0);
  });

  it('a request the SDK refuses to build is a typed error, on both paths, and nothing is sent', async () => {
    // The SDK's buildRequest rejects a timeout that is not an integer; `run` rethrows anything untyped.
    for (const stream of [true, false]) {
      const out = await run(adapter(), { stream, connectTimeoutMs: 1.5 });
      assert.ok(SwitchboardError.isInstance(out.error), 'a SwitchboardError');
      assert.match(out.error.message, /timeout/);
    }
    assert.equal(server.requests.length, 0);
  });

  it('unknown preset → invalid_config', async () => {
    const out = await run(adapterFor({ kind: 'openai-compatible', preset: 'nope', baseUrl: server.openaiBaseUrl }));
    assert.equal(out.error?.kind, 'invalid_config');
  });
});

/** A one-route HTTP server answering every request with the same status, headers and body. */
async function rawServer(status: number, headers: Record<string, string>, body: string): Promise<{ server: Server; url: string }> {
  const server = createServer((_req, res) => {
    res.writeHead(status, headers);
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/v1` };
}
