import { strict as assert } from 'node:assert';
import * as http from 'node:http';
import { AddressInfo, Socket } from 'node:net';
import * as zlib from 'node:zlib';
import { DEFAULT_BODY_LIMITS } from '../../../../src/core/net/body-limits';
import { NodeHttpPost, postTarget } from '../../../../src/core/net/node-http-post';
import { SwitchboardError } from '../../../../src/core/model/switchboard-error';
import { createOrchestrator } from '../../../../src/core/orchestrator/create-orchestrator';
import { createOpenAIAdapter } from '../../../../src/core/providers/openai/create-openai-adapter';
import { ProviderAdapter } from '../../../../src/core/providers/provider-adapter';
import { KEY, Outcome, runComplete, summarize } from './helpers';

/**
 * Issue 15: without a fetch of its own, the OpenAI adapter posts JSON calls
 * over Node's HTTP client (`NodeHttpPost`) instead of fetch. Every answer a
 * server can give must come out of it exactly as it comes out of the fetch
 * path (the safe fetch's rules: redirects refused, error bodies capped, HTML
 * pages named, bodies capped after decoding; the SDK's parsing and errors):
 * each case below runs through both and compares what the caller sees.
 */

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

const COMPLETION = { id: 'chatcmpl-1', object: 'chat.completion', created: 1, model: 'gpt-4o-mini', choices: [{ index: 0, message: { role: 'assistant', content: 'Grüße, 世界 👋' }, finish_reason: 'stop' }], usage: { prompt_tokens: 9, completion_tokens: 4, total_tokens: 13 } };
const JSON_TYPE = { 'content-type': 'application/json' };

function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { ...JSON_TYPE, 'content-length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

function encoded(res: http.ServerResponse, coding: string, bytes: Buffer): void {
  res.writeHead(200, { ...JSON_TYPE, 'content-encoding': coding });
  res.end(bytes);
}

/** What a caller can tell apart: the answer's parts, or every field of the error. */
function seen(out: Outcome): unknown {
  if (!out.error) return { parts: summarize(out.parts) };
  const e: SwitchboardError = out.error;
  return { kind: e.kind, status: e.status, retryable: e.retryable, message: e.message, providerMessage: e.providerMessage, providerCode: e.providerCode, retryAfterMs: e.retryAfterMs, timeoutPhase: e.timeoutPhase };
}

describe('OpenAI JSON calls over Node HTTP: the same outcome as over fetch', function () {
  this.timeout(30_000);
  let server: http.Server;
  let handler: Handler = (_req, res) => json(res, 200, COMPLETION);
  let baseUrl = '';
  const sockets = new Set<Socket>();
  let requests: { method: string; url: string; headers: Record<string, string>; body: string; socket: Socket }[] = [];

  before(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const headers: Record<string, string> = {};
        for (let i = 0; i < req.rawHeaders.length; i += 2) headers[req.rawHeaders[i]!.toLowerCase()] = req.rawHeaders[i + 1]!;
        requests.push({ method: req.method ?? '', url: req.url ?? '', headers, body, socket: req.socket });
        handler(req, res, body);
      });
    });
    server.on('connection', (s: Socket) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });
  after(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  beforeEach(() => {
    requests = [];
  });

  const overFetch = (): ProviderAdapter => createOpenAIAdapter({ providerId: 'p', config: { kind: 'openai', baseUrl }, keys: () => KEY, fetch: (input, init) => fetch(input, init) });
  const direct = (): ProviderAdapter => createOpenAIAdapter({ providerId: 'p', config: { kind: 'openai', baseUrl }, keys: () => KEY });

  /** Runs the case through both paths (each on a fresh adapter) and returns both outcomes. */
  async function both(h: Handler, connectTimeoutMs = 5_000): Promise<{ fetched: unknown; posted: unknown }> {
    handler = h;
    const a = direct();
    const b = overFetch();
    try {
      const fetched = seen(await runComplete(b, { connectTimeoutMs }));
      const posted = seen(await runComplete(a, { connectTimeoutMs }));
      return { fetched, posted };
    } finally {
      a.dispose?.();
      b.dispose?.();
    }
  }

  const big = 'x'.repeat(20_000);
  const cases: [string, Handler][] = [
    ['a plain JSON answer', (_q, res) => json(res, 200, COMPLETION)],
    ['a JSON answer with a charset and no content-length (chunked)', (_q, res) => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      const text = Buffer.from(JSON.stringify(COMPLETION));
      // Split inside a multi-byte character.
      const cut = text.indexOf(Buffer.from('世')) + 1;
      res.write(text.subarray(0, cut));
      setTimeout(() => res.end(text.subarray(cut)), 5);
    }],
    ['a gzip answer', (_q, res) => encoded(res, 'gzip', zlib.gzipSync(JSON.stringify(COMPLETION)))],
    ['a deflate answer', (_q, res) => encoded(res, 'deflate', zlib.deflateSync(JSON.stringify(COMPLETION)))],
    ['a brotli answer', (_q, res) => encoded(res, 'br', zlib.brotliCompressSync(JSON.stringify(COMPLETION)))],
    ['an answer starting with a byte order mark', (_q, res) => json(res, 200, `\ufeff${JSON.stringify(COMPLETION)}`)],
    ['a 200 that is not JSON', (_q, res) => json(res, 200, '{"id":"chatcmpl-1","choices":[')],
    ['a 200 with a text/plain body', (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('hello');
    }],
    ['a 200 with an empty JSON body (content-length 0)', (_q, res) => json(res, 200, '')],
    ['a 204', (_q, res) => {
      res.writeHead(204);
      res.end();
    }],
    ['a 200 carrying only an error object', (_q, res) => json(res, 200, { error: { message: 'model is loading', type: 'server_error', code: 'loading' } })],
    ['a 429 with Retry-After and a JSON body', (_q, res) => json(res, 429, { error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } }, { 'retry-after': '7', 'x-ratelimit-reset-requests': '7s' })],
    ['a 400 with a top-level message (Mistral shape)', (_q, res) => json(res, 400, { object: 'error', message: 'Prompt must not be empty', type: 'invalid_request_error' })],
    ['a 500 whose body is past the error cap', (_q, res) => json(res, 500, { error: { message: big } })],
    ['a 502 HTML page from a proxy', (_q, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>');
    }],
    ['a 200 HTML page (a captive portal)', (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><title>Sign in to the Wi-Fi</title>${big}`);
    }],
    ['a redirect carrying the key in its Location', (_q, res) => {
      res.writeHead(307, { location: `https://elsewhere.example/v1/chat/completions?key=${KEY}` });
      res.end();
    }],
    ['a gzip body that inflates past the 32 MB cap', (_q, res) => encoded(res, 'gzip', zlib.gzipSync(Buffer.alloc(33 * 1024 * 1024, 0x20)))],
  ];
  for (const [name, h] of cases) {
    it(name, async () => {
      const { fetched, posted } = await both(h);
      assert.deepEqual(posted, fetched);
    });
  }

  it('the same request on the wire: every header the SDK sets, the body; fetch adds only its browser headers', async () => {
    handler = (_q, res) => json(res, 200, COMPLETION);
    const a = direct();
    const b = overFetch();
    await runComplete(b);
    await runComplete(a);
    a.dispose?.();
    b.dispose?.();
    const [fetched, posted] = requests;
    assert.ok(fetched && posted);
    assert.equal(posted.method, fetched.method);
    assert.equal(posted.url, fetched.url);
    assert.equal(posted.body, fetched.body);
    const onlyFetch = Object.keys(fetched.headers).filter((n) => !(n in posted.headers));
    const onlyPosted = Object.keys(posted.headers).filter((n) => !(n in fetched.headers));
    assert.deepEqual(onlyFetch.sort(), ['accept-language', 'sec-fetch-mode']);
    assert.deepEqual(onlyPosted, []);
    for (const [name, value] of Object.entries(posted.headers)) if (name !== 'host') assert.equal(value, fetched.headers[name], name);
    assert.equal(posted.headers['authorization'], `Bearer ${KEY}`);
  });

  it('a body cut after the headers: the same kind either way ("ended before completion")', async () => {
    const { fetched, posted } = await both((_q, res) => {
      res.writeHead(200, { ...JSON_TYPE, 'content-length': '5000' });
      res.write('{"id":"chatcmpl-1","choices":[');
      setTimeout(() => res.socket?.destroy(), 10);
    });
    const f = fetched as { kind: string; retryable: boolean; message: string };
    const p = posted as { kind: string; retryable: boolean; message: string };
    assert.deepEqual([p.kind, p.retryable], [f.kind, f.retryable]);
    assert.equal(p.kind, 'network');
    assert.match(p.message, /ended before completion/);
  });

  it('a reset before any answer and no headers in time: the same kinds either way', async () => {
    const reset = await both((req) => req.socket.destroy());
    assert.deepEqual([(reset.posted as { kind: string }).kind, (reset.posted as { retryable: boolean }).retryable], ['network', true]);
    assert.equal((reset.fetched as { kind: string }).kind, 'network');
    const stalled = await both(() => undefined, 200);
    assert.deepEqual(stalled.posted, stalled.fetched);
    assert.equal((stalled.posted as { timeoutPhase: string }).timeoutPhase, 'connect');
  });

  it('a signal aborted before the call: a cancel either way, and nothing is sent', async () => {
    handler = (_q, res) => json(res, 200, COMPLETION);
    const controller = new AbortController();
    controller.abort();
    const [a, b] = [direct(), overFetch()];
    const posted = seen(await runComplete(a, { signal: controller.signal }));
    const fetched = seen(await runComplete(b, { signal: controller.signal }));
    assert.deepEqual(posted, fetched);
    assert.equal((posted as { kind: string }).kind, 'cancelled');
    assert.equal(requests.length, 0);
  });

  it('an abort while the body arrives is a cancel, and the socket is closed', async () => {
    handler = (_q, res) => {
      res.writeHead(200, { ...JSON_TYPE, 'content-length': '5000' });
      res.write('{"id":');
    };
    const a = direct();
    const controller = new AbortController();
    const running = runComplete(a, { signal: controller.signal });
    while (requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    const socket = requests[0]!.socket;
    await new Promise((r) => setTimeout(r, 20));
    controller.abort();
    const out = await running;
    assert.equal(out.error?.kind, 'cancelled');
    if (!socket.destroyed) await new Promise((r) => socket.once('close', r));
    a.dispose?.();
  });

  it('keeps the connection alive between calls; a kept socket the server closed is replaced without a failed call', async () => {
    handler = (_q, res) => json(res, 200, COMPLETION);
    const a = direct();
    assert.equal((await runComplete(a)).error, undefined);
    assert.equal((await runComplete(a)).error, undefined);
    assert.equal(requests[0]!.socket, requests[1]!.socket, 'the second call reused the socket');
    // The server drops the kept socket as the next request arrives on it (its idle close raced the request).
    const kept = requests[0]!.socket;
    handler = (req, res) => (req.socket === kept ? req.socket.destroy() : json(res, 200, COMPLETION));
    const out = await runComplete(a);
    assert.equal(out.error, undefined);
    assert.equal(requests.length, 4);
    assert.notEqual(requests[3]!.socket, kept, 'sent again on a fresh socket');
    // A fresh socket reset is not sent again: it is the call's failure.
    const fresh = requests[3]!.socket;
    handler = (req) => req.socket.destroy();
    a.dispose?.();
    await new Promise((r) => (fresh.destroyed ? r(undefined) : fresh.once('close', r)));
    const failed = await runComplete(a);
    assert.equal(failed.error?.kind, 'network');
    assert.equal(requests.length, 5);
  });

  it('dispose closes the idle sockets', async () => {
    handler = (_q, res) => json(res, 200, COMPLETION);
    const a = direct();
    await runComplete(a);
    const socket = requests[0]!.socket;
    assert.equal(socket.destroyed, false);
    a.dispose?.();
    // Well before the 4 s an idle socket would last without it.
    const closed = await Promise.race([new Promise((r) => (socket.destroyed ? r(true) : socket.once('close', () => r(true)))), new Promise((r) => setTimeout(() => r(false), 1_500))]);
    assert.equal(closed, true, 'the idle socket was closed by dispose');
  });

  it('an answer slower than the idle timeout of kept sockets still arrives (that timeout is for idle sockets only)', async () => {
    handler = (_q, res) => setTimeout(() => json(res, 200, COMPLETION), 400);
    const post = new NodeHttpPost(DEFAULT_BODY_LIMITS, 100);
    const target = postTarget(`${baseUrl}/chat/completions`, new Headers({ 'content-type': 'application/json' }));
    const answer = await post.post(target, '{}', new AbortController().signal, undefined);
    assert.equal(answer.kind, 'ok');
    // Idle, the kept socket is closed after those 100 ms.
    const socket = requests[0]!.socket;
    const closed = await Promise.race([new Promise((r) => (socket.destroyed ? r(true) : socket.once('close', () => r(true)))), new Promise((r) => setTimeout(() => r(false), 1_500))]);
    assert.equal(closed, true);
    post.dispose();
  });

  it("the orchestrator's dispose closes its adapters' idle sockets", async () => {
    handler = (_q, res) => json(res, 200, COMPLETION);
    const o = createOrchestrator(
      { providers: { p: { kind: 'openai', baseUrl, apiKeySecret: 'p' } }, deployments: [{ id: 'd', provider: 'p', model: 'gpt-4o-mini' }], aliases: { fast: { deployments: ['d'] } } },
      { keys: () => KEY },
    );
    const r = await o.chat({ model: 'fast', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(r.content, COMPLETION.choices[0]!.message.content);
    const socket = requests[0]!.socket;
    o.dispose();
    const closed = await Promise.race([new Promise((r) => (socket.destroyed ? r(true) : socket.once('close', () => r(true)))), new Promise((r) => setTimeout(() => r(false), 1_500))]);
    assert.equal(closed, true);
  });
});
