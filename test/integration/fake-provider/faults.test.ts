import { strict as assert } from 'node:assert';
import { DEFAULT_MALFORMED_LINE, startFakeProvider, type FakeProvider } from '../../support/fake-provider';
import { anthropicBody, chatBody, field, jsonOf, parseSse, post, rawPost } from './helpers';

function openaiText(events: { data: string }[]): string {
  return events
    .filter((e) => e.data.startsWith('{'))
    .map((e) => field(jsonOf(e.data), 'choices', 0, 'delta', 'content') ?? '')
    .join('');
}

describe('fake provider: socket faults', () => {
  let fp: FakeProvider;
  beforeEach(async () => {
    fp = await startFakeProvider();
  });
  afterEach(async () => {
    await fp.close();
  });

  it('stall headers: no response until the client aborts; the close is recorded', async () => {
    fp.enqueue({ kind: 'stall', phase: 'headers' });
    const started = Date.now();
    await assert.rejects(post(`${fp.openaiBaseUrl}/chat/completions`, chatBody('x'), {}, AbortSignal.timeout(150)));
    const [r] = await fp.waitForRequests(1);
    const closed = await fp.waitForClose(r?.id ?? '', 2000);
    assert.equal(closed.headersSentAt, undefined);
    assert.equal(closed.clientAborted, true);
    assert.ok((closed.closedAt ?? 0) - started >= 140);
  });

  it('stall first-chunk: SSE headers arrive, then nothing', async () => {
    fp.enqueue({ kind: 'stall', phase: 'first-chunk' });
    const ac = new AbortController();
    const res = await post(`${fp.openaiBaseUrl}/chat/completions`, chatBody('x', { stream: true }), {}, ac.signal);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/event-stream');
    const reader = res.body?.getReader();
    const raced = await Promise.race([reader?.read().then(() => 'data'), new Promise((r) => setTimeout(() => r('quiet'), 150))]);
    assert.equal(raced, 'quiet');
    ac.abort();
    const closed = await fp.waitForClose(fp.requests[0]?.id ?? '', 2000);
    assert.equal(closed.clientAborted, true);
    assert.deepEqual(closed.chunkWrittenAt, []);
  });

  it('stall is released by close() without leaking (server closes the socket)', async () => {
    fp.enqueue({ kind: 'stall', phase: 'headers' });
    const pending = rawPost(`${fp.openaiBaseUrl}/chat/completions`, chatBody('x'));
    await fp.waitForRequests(1);
    const requests = fp.requests;
    await fp.close();
    const result = await pending;
    assert.equal(result.outcome, 'error');
    assert.equal(requests[0]?.clientAborted, false);
  });

  it('cut (OpenAI SSE): exactly N text deltas, then the socket is destroyed mid-stream', async () => {
    fp.enqueue({ kind: 'cut', afterChunks: 2, text: 'one two three four' });
    const result = await rawPost(`${fp.openaiBaseUrl}/chat/completions`, chatBody('x', { stream: true }));
    assert.equal(result.status, 200);
    assert.equal(result.outcome, 'error');
    const events = parseSse(Buffer.concat(result.chunks).toString('utf8'));
    assert.equal(openaiText(events), 'one two ');
    assert.ok(!events.some((e) => e.data === '[DONE]'));
    const closed = await fp.waitForClose(fp.requests[0]?.id ?? '');
    assert.equal(closed.clientAborted, false);
    assert.equal(closed.responseFinishedAt, undefined);
  });

  it('cut (Anthropic SSE) with 0 chunks: preamble only, no message_stop', async () => {
    fp.enqueue({ kind: 'cut', afterChunks: 0 });
    const result = await rawPost(`${fp.anthropicBaseUrl}/v1/messages`, anthropicBody('x', { stream: true }));
    assert.equal(result.outcome, 'error');
    const names = parseSse(Buffer.concat(result.chunks).toString('utf8')).map((e) => e.event);
    assert.deepEqual(names, ['message_start', 'content_block_start', 'ping']);
  });

  it('cut (JSON): half a body under a full content-length, then reset', async () => {
    fp.enqueue({ kind: 'cut', afterChunks: 0 });
    const result = await rawPost(`${fp.openaiBaseUrl}/chat/completions`, chatBody('x'));
    assert.equal(result.outcome, 'error');
    const got = Buffer.concat(result.chunks).length;
    assert.ok(got > 0 && got < Number(result.headers?.['content-length']));
  });

  it('malformed: a non-JSON data line after N chunks, then the stream ends', async () => {
    fp.enqueue({ kind: 'malformed', afterChunks: 1, text: 'aa bb cc' });
    const res = await post(`${fp.openaiBaseUrl}/chat/completions`, chatBody('x', { stream: true }));
    const events = parseSse(await res.text());
    const bad = events.at(-1);
    assert.equal(bad?.data, DEFAULT_MALFORMED_LINE);
    assert.throws(() => JSON.parse(bad?.data ?? ''));
    assert.equal(openaiText(events.slice(0, -1)), 'aa ');
  });

  it('malformed with thenContinue keeps streaming to [DONE]', async () => {
    fp.enqueue({ kind: 'malformed', afterChunks: 1, text: 'aa bb', thenContinue: true, line: 'garbage' });
    const events = parseSse(await (await post(`${fp.openaiBaseUrl}/chat/completions`, chatBody('x', { stream: true }))).text());
    assert.ok(events.some((e) => e.data === 'garbage'));
    assert.equal(events.at(-1)?.data, '[DONE]');
    assert.equal(openaiText(events.filter((e) => e.data !== 'garbage')), 'aa bb');
  });

  it('in-band error (Anthropic): HTTP 200, N deltas, event: error overloaded_error, no message_stop', async () => {
    fp.enqueue({ kind: 'in-band-error', afterChunks: 1 });
    const res = await post(`${fp.anthropicBaseUrl}/v1/messages`, anthropicBody('hello', { stream: true }));
    assert.equal(res.status, 200);
    const events = parseSse(await res.text());
    const last = events.at(-1);
    assert.equal(last?.event, 'error');
    assert.equal(field(jsonOf(last?.data ?? ''), 'error', 'type'), 'overloaded_error');
    assert.ok(!events.some((e) => e.event === 'message_stop'));
    assert.equal(events.filter((e) => e.event === 'content_block_delta').length, 1);
  });

  it('in-band error (OpenAI): data: {"error":{...}} after N chunks, no [DONE]', async () => {
    fp.enqueue({ kind: 'in-band-error', afterChunks: 2, error: { message: 'boom', type: 'server_error', param: null, code: null } });
    const events = parseSse(await (await post(`${fp.openaiBaseUrl}/chat/completions`, chatBody('a b c', { stream: true }))).text());
    assert.deepEqual(jsonOf(events.at(-1)?.data ?? ''), { error: { message: 'boom', type: 'server_error', param: null, code: null } });
    assert.ok(!events.some((e) => e.data === '[DONE]'));
  });

  it('reset: the socket is destroyed before any response byte', async () => {
    fp.enqueue({ kind: 'reset' });
    const result = await rawPost(`${fp.openaiBaseUrl}/chat/completions`, chatBody('x'));
    assert.equal(result.outcome, 'error');
    assert.equal(result.status, undefined);
    assert.match(String(result.error?.message), /socket hang up|ECONNRESET/);
    const closed = await fp.waitForClose(fp.requests[0]?.id ?? '');
    assert.equal(closed.behaviour, 'reset');
    assert.equal(closed.clientAborted, false);
  });

  it('delays: headers, first chunk and inter-chunk gaps are real', async () => {
    fp.enqueue({ kind: 'answer', text: 'a b c', headersDelayMs: 60, firstChunkDelayMs: 60, interChunkDelayMs: 30 });
    const t0 = Date.now();
    const res = await post(`${fp.openaiBaseUrl}/chat/completions`, chatBody('x', { stream: true }));
    const tHeaders = Date.now() - t0;
    await res.text();
    const r = fp.requests[0];
    assert.ok(tHeaders >= 55, `headers after ${tHeaders} ms`);
    const writes = r?.chunkWrittenAt ?? [];
    assert.ok((writes[0] ?? 0) - (r?.headersSentAt ?? 0) >= 55);
    for (let i = 1; i < writes.length; i++) assert.ok((writes[i] ?? 0) - (writes[i - 1] ?? 0) >= 25);
  });
});
