import { strict as assert } from 'node:assert';
import { request } from 'node:http';
import { serverError, startFakeProvider, unauthorized, type FakeProvider } from '../../support/fake-provider';
import { chatBody, field, jsonOf, post } from './helpers';

async function contentOf(fp: FakeProvider, model: string): Promise<string | number> {
  const res = await post(`${fp.openaiBaseUrl}/chat/completions`, chatBody('hi', { model }));
  const text = await res.text();
  return res.status === 200 ? String(field(jsonOf(text), 'choices', 0, 'message', 'content')) : res.status;
}

describe('fake provider: recording and scripting', () => {
  let fp: FakeProvider;
  beforeEach(async () => {
    fp = await startFakeProvider({ answerText: 'fixed answer' });
  });
  afterEach(async () => {
    await fp.close();
  });

  it('records method, path, query, lower-cased headers, parsed body, model and times', async () => {
    const body = chatBody('hi', { stream: false });
    await (await post(`${fp.openaiBaseUrl}/chat/completions?x=1`, body, { Authorization: 'Bearer sk-test', 'X-Custom': 'v' })).text();
    const [r] = await fp.waitForRequests(1);
    assert.equal(r?.method, 'POST');
    assert.equal(r?.path, '/v1/chat/completions');
    assert.deepEqual(r?.query, { x: '1' });
    assert.equal(r?.headers.authorization, 'Bearer sk-test');
    assert.equal(r?.headers['x-custom'], 'v');
    assert.deepEqual(r?.body, body);
    assert.equal(r?.model, 'gpt-test');
    assert.equal(r?.clientAborted, false);
    assert.ok(r !== undefined && r.arrivedAt <= (r.headersSentAt ?? 0) && (r.headersSentAt ?? 0) <= (r.responseFinishedAt ?? 0));
    await fp.waitForClose(r?.id ?? '');
  });

  it('records the close time when the client aborts mid-stream', async () => {
    fp.enqueue({ kind: 'answer', text: 'a b c d e f g h', interChunkDelayMs: 50 });
    const payload = JSON.stringify(chatBody('x', { stream: true }));
    let abortedAt = 0;
    await new Promise<void>((resolve) => {
      const req = request(`${fp.openaiBaseUrl}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' } });
      req.on('response', (res) => {
        res.once('data', () => {
          abortedAt = Date.now();
          req.destroy();
          resolve();
        });
      });
      req.on('error', () => undefined);
      req.end(payload);
    });
    const r = await fp.waitForClose(fp.requests[0]?.id ?? '', 2000);
    assert.equal(r.clientAborted, true);
    assert.equal(r.responseFinishedAt, undefined);
    assert.ok((r.closedAt ?? 0) - abortedAt < 100, `closed ${String((r.closedAt ?? 0) - abortedAt)} ms after abort`);
    const writesBefore = r.chunkWrittenAt.length;
    await new Promise((res) => setTimeout(res, 120));
    assert.equal(r.chunkWrittenAt.length, writesBefore, 'no writes after the close');
  });

  it('waitForRequests times out with a clear message', async () => {
    await assert.rejects(fp.waitForRequests(1, 50), /timed out after 50 ms waiting for 1 request/);
  });

  it('precedence: model queue > global queue > model sticky > global default > answer', async () => {
    fp.setDefault(serverError(503));
    fp.forModel('a', unauthorized());
    fp.forModel('a', [{ kind: 'answer', text: 'a-once' }]);
    fp.enqueue({ kind: 'answer', text: 'global-once' });
    assert.equal(fp.pending(), 2);
    assert.equal(await contentOf(fp, 'a'), 'a-once');
    assert.equal(await contentOf(fp, 'a'), 'global-once');
    assert.equal(await contentOf(fp, 'a'), 401);
    assert.equal(await contentOf(fp, 'a'), 401);
    assert.equal(await contentOf(fp, 'b'), 503);
    fp.setDefault(undefined);
    assert.equal(await contentOf(fp, 'b'), 'fixed answer');
    assert.deepEqual(fp.requestsFor('a').map((r) => r.behaviour), ['answer', 'answer', 'error', 'error']);
  });

  it('two deployments on one server are told apart by model name', async () => {
    fp.forModel('primary', serverError(500));
    fp.forModel('backup', { kind: 'answer', text: 'from backup' });
    assert.equal(await contentOf(fp, 'primary'), 500);
    assert.equal(await contentOf(fp, 'backup'), 'from backup');
    assert.equal(fp.requestsFor('primary').length, 1);
  });

  it('reset clears scripts and recorded requests', async () => {
    fp.enqueue(serverError());
    fp.forModel('m', unauthorized());
    await contentOf(fp, 'x');
    fp.reset();
    assert.equal(fp.requests.length, 0);
    assert.equal(fp.pending(), 0);
    assert.equal(await contentOf(fp, 'm'), 'fixed answer');
  });

  it('close() rejects pending waits and leaves nothing listening', async () => {
    const wait = fp.waitForRequests(5, 10_000);
    await fp.close();
    await assert.rejects(wait, /server closed/);
    await assert.rejects(fetch(`${fp.openaiBaseUrl}/models`));
  });
});
