import * as assert from 'node:assert/strict';
import {
  badRequest,
  contextOverflow,
  forbidden,
  insufficientQuota,
  notFound,
  overloaded529,
  rateLimited,
  serverError,
  startFakeProvider,
  unauthorized,
  type FakeProvider,
} from '../../../support/fake-provider';
import { createAnthropicAdapter } from '../../../../src/core/providers/anthropic/create-anthropic-adapter';
import { MODEL, TEST_KEY, adapterFor, chatRequest, runCall, textOf } from './anthropic-harness';

describe('anthropic adapter over real sockets: errors', function () {
  this.timeout(15000);
  let fp: FakeProvider;
  beforeEach(async () => {
    fp = await startFakeProvider();
  });
  afterEach(async () => {
    await fp.close();
  });

  for (const stream of [true, false]) {
    const mode = stream ? 'stream' : 'json';
    it(`${mode}: 529 overloaded_error -> overloaded, retryable, no SDK retry`, async () => {
      fp.enqueue(overloaded529());
      const { error } = await runCall(adapterFor(fp), { stream });
      assert.equal(error?.kind, 'overloaded');
      assert.equal(error?.status, 529);
      assert.equal(error?.providerCode, 'overloaded_error');
      assert.equal(error?.providerMessage, 'Overloaded');
      assert.equal(error?.retryable, true);
      assert.equal(fp.requests.length, 1, 'the SDK must not retry (maxRetries: 0)');
    });

    it(`${mode}: 429 with retry-after seconds -> rate_limited + retryAfterMs`, async () => {
      fp.enqueue(rateLimited({ retryAfterSeconds: 12 }));
      const { error } = await runCall(adapterFor(fp), { stream });
      assert.equal(error?.kind, 'rate_limited');
      assert.equal(error?.retryAfterMs, 12_000);
      assert.equal(error?.providerCode, 'rate_limit_error');
      assert.equal(fp.requests.length, 1);
    });
  }

  it('429 with an HTTP-date retry-after', async () => {
    fp.enqueue(rateLimited({ retryAfterDate: new Date(Date.now() + 20_000) }));
    const { error } = await runCall(adapterFor(fp), { stream: true });
    assert.equal(error?.kind, 'rate_limited');
    assert.ok(error?.retryAfterMs !== undefined && error.retryAfterMs > 15_000 && error.retryAfterMs <= 20_000, String(error?.retryAfterMs));
  });

  it('429 with only anthropic-ratelimit-*-reset headers', async () => {
    fp.enqueue(rateLimited({ anthropicResetAt: new Date(Date.now() + 40_000) }));
    const { error } = await runCall(adapterFor(fp), { stream: true });
    assert.equal(error?.kind, 'rate_limited');
    assert.ok(error?.retryAfterMs !== undefined && error.retryAfterMs > 35_000 && error.retryAfterMs <= 40_000, String(error?.retryAfterMs));
  });

  const table: Array<[string, () => ReturnType<typeof unauthorized>, string, number]> = [
    ['401', unauthorized, 'auth', 401],
    ['403', forbidden, 'permission', 403],
    ['404', notFound, 'not_found', 404],
    ['400 prompt is too long', contextOverflow, 'context_overflow', 400],
    ['400 credit balance too low', insufficientQuota, 'quota_exhausted', 400],
    ['400 other invalid_request_error', badRequest, 'bad_request', 400],
    ['500', () => serverError(500), 'server', 500],
  ];
  for (const [name, behaviour, kind, status] of table) {
    it(`${name} -> ${kind}`, async () => {
      fp.enqueue(behaviour());
      const { error } = await runCall(adapterFor(fp), { stream: true });
      assert.equal(error?.kind, kind, error?.message);
      assert.equal(error?.status, status);
      assert.ok(error?.providerMessage, 'provider message kept');
      if (kind === 'quota_exhausted') assert.equal(error?.retryable, false);
      assert.ok(!JSON.stringify(error?.toJSON()).includes(TEST_KEY));
      assert.ok(!(error?.message ?? '').includes(TEST_KEY));
    });
  }

  it('the "prompt is too long" body really says so (fake server wording)', async () => {
    fp.enqueue(contextOverflow());
    const { error } = await runCall(adapterFor(fp), { stream: false });
    assert.match(error?.providerMessage ?? '', /prompt is too long/);
  });

  it('sends the key as x-api-key, the provider headers, and the converted body to /v1/messages', async () => {
    await runCall(adapterFor(fp, TEST_KEY, { 'x-team': 'blue' }), { stream: true });
    const r = fp.requests[0];
    assert.ok(r);
    assert.equal(r.path, '/v1/messages');
    // SDK 1.x sends the API key as a Bearer token (not x-api-key).
    assert.equal(r.headers.authorization, `Bearer ${TEST_KEY}`);
    assert.equal(r.headers['x-team'], 'blue');
    assert.equal(r.headers['x-api-key'], undefined);
    assert.deepEqual(r.body, {
      model: MODEL,
      max_tokens: 4096,
      system: 'Be kind.',
      messages: [{ role: 'user', content: 'hello there' }],
      stream: true,
    });
  });

  it('missing key -> auth telling the user to run "Switchboard: Set API Key"; nothing is sent', async () => {
    const { error } = await runCall(createAnthropicAdapter({ providerId: 'ant', config: { kind: 'anthropic', baseUrl: fp.anthropicBaseUrl }, keys: async () => undefined }), { stream: true });
    assert.equal(error?.kind, 'auth');
    assert.match(error?.message ?? '', /Switchboard: Set API Key/);
    assert.equal(fp.requests.length, 0);
  });

  it('the key is resolved on every call', async () => {
    let key = 'sk-ant-first-key-000000';
    const adapter = createAnthropicAdapter({ providerId: 'ant', config: { kind: 'anthropic', baseUrl: fp.anthropicBaseUrl }, keys: async () => key });
    await runCall(adapter, { stream: false });
    key = 'sk-ant-second-key-11111';
    await runCall(adapter, { stream: false });
    assert.deepEqual(fp.requests.map((r) => r.headers.authorization), ['Bearer sk-ant-first-key-000000', 'Bearer sk-ant-second-key-11111']);
  });

  it('no response headers before connectTimeoutMs -> timeout (connect), socket closed', async () => {
    fp.enqueue({ kind: 'stall', phase: 'headers' });
    const started = Date.now();
    const { error } = await runCall(adapterFor(fp), { stream: true, connectTimeoutMs: 300 });
    assert.equal(error?.kind, 'timeout');
    assert.equal(error?.timeoutPhase, 'connect');
    assert.ok(Date.now() - started < 3000);
    const [req] = await fp.waitFor((rs) => rs[0]?.closedAt !== undefined);
    assert.equal(req?.clientAborted, true);
  });

  it('socket reset before any byte -> network', async () => {
    fp.enqueue({ kind: 'reset' });
    const { error } = await runCall(adapterFor(fp), { stream: true });
    assert.equal(error?.kind, 'network', error?.message);
  });

  it('stream cut after 3 deltas -> the 3 deltas, partial usage, then network "ended before completion"', async () => {
    fp.enqueue({ kind: 'cut', afterChunks: 3, text: 'one two three four five six' });
    const { parts, error } = await runCall(adapterFor(fp), { stream: true });
    assert.equal(error?.kind, 'network', error?.message);
    assert.equal(textOf(parts), 'one two three ');
    assert.equal(parts[parts.length - 1]?.type, 'usage');
  });

  it('malformed event JSON -> invalid_response after the deltas received', async () => {
    fp.enqueue({ kind: 'malformed', afterChunks: 2, text: 'alpha beta gamma', line: '{"type":"content_block_delta","index":0,"delta":{"type":"text_' });
    const { parts, error } = await runCall(adapterFor(fp), { stream: true });
    assert.equal(error?.kind, 'invalid_response', error?.message);
    assert.equal(textOf(parts), 'alpha beta ');
  });

  it('in-band overloaded_error event after HTTP 200 -> overloaded, partial text kept', async () => {
    fp.enqueue({ kind: 'in-band-error', afterChunks: 2, text: 'alpha beta gamma' });
    const { parts, error } = await runCall(adapterFor(fp), { stream: true });
    assert.equal(error?.kind, 'overloaded', error?.message);
    assert.equal(error?.providerCode, 'overloaded_error');
    assert.equal(error?.status, undefined);
    assert.equal(textOf(parts), 'alpha beta ');
  });

  it('user abort mid-stream -> cancelled, and the server sees the socket close', async () => {
    fp.enqueue({ kind: 'answer', text: 'a b c d e f g h i j', interChunkDelayMs: 100 });
    const ac = new AbortController();
    const { parts, error } = await runCall(adapterFor(fp), {
      stream: true,
      signal: ac.signal,
      onPart: (p) => {
        if (p.type === 'text-delta') ac.abort();
      },
    });
    assert.equal(error?.kind, 'cancelled', error?.message);
    assert.equal(textOf(parts), 'a ');
    const [req] = await fp.waitFor((rs) => rs[0]?.closedAt !== undefined);
    assert.equal(req?.clientAborted, true);
  });

  it('abort while waiting for headers -> cancelled', async () => {
    fp.enqueue({ kind: 'stall', phase: 'headers' });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    const { error } = await runCall(adapterFor(fp), { stream: false, signal: ac.signal, request: chatRequest('x') });
    assert.equal(error?.kind, 'cancelled', error?.message);
  });
});
