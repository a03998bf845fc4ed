import assert from 'node:assert/strict';
import { guardedResponse } from '../../../src/core/net/guarded-response';
import { PulledBody } from '../../../src/core/net/pulled-body';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/** A source stream that logs how it ends; `hold` keeps it open after its chunks (a stream still running). */
function source(parts: string[], log: string[], hold = false): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream<Uint8Array>(
    {
      pull(c) {
        const part = parts[i++];
        if (part !== undefined) c.enqueue(enc(part));
        else if (!hold) c.close();
        else return new Promise(() => undefined);
        return undefined;
      },
      cancel(reason) {
        log.push(`cancelled${reason instanceof Error ? `: ${reason.message}` : ''}`);
      },
    },
    { highWaterMark: 0 },
  );
}

const upper = { transform: (chunk: Uint8Array, emit: (out: Uint8Array) => void) => (emit(enc(new TextDecoder().decode(chunk).toUpperCase())), undefined) };

describe('net/PulledBody: a guarded body as an async iterable (what the SDKs read)', () => {
  it('passes every chunk through the step, then what the step flushes', async () => {
    const log: string[] = [];
    const body = new PulledBody(source(['ab', 'cd'], log), { ...upper, flush: (emit) => emit(enc('!')) });
    const got: string[] = [];
    for await (const c of body) got.push(new TextDecoder().decode(c));
    assert.deepEqual(got, ['AB', 'CD', '!']);
    assert.deepEqual(log, [], 'a body read to its end is not cancelled');
    assert.equal(body.locked, true);
    assert.throws(() => body[Symbol.asyncIterator](), /already being read/);
  });

  it('a reader that stops early cancels the source (the socket closes)', async () => {
    const log: string[] = [];
    const body = new PulledBody(source(['a', 'b', 'c'], log, true), upper);
    for await (const c of body) {
      assert.equal(new TextDecoder().decode(c), 'A');
      break;
    }
    assert.deepEqual(log, ['cancelled']);
  });

  it('a step that refuses a chunk cancels the source with its error and throws it', async () => {
    const log: string[] = [];
    const tooLarge = new Error('too large');
    let n = 0;
    const body = new PulledBody(source(['ok', 'huge', 'never'], log, true), { transform: (c, emit) => (++n === 2 ? tooLarge : (emit(c), undefined)) });
    const got: string[] = [];
    await assert.rejects(
      (async () => {
        for await (const c of body) got.push(new TextDecoder().decode(c));
      })(),
      /too large/,
    );
    assert.deepEqual(got, ['ok']);
    assert.deepEqual(log, ['cancelled: too large']);
  });

  it('cancel() ends a read that is waiting for the next chunk', async () => {
    const log: string[] = [];
    const body = new PulledBody(source(['a'], log, true), upper);
    const it = body[Symbol.asyncIterator]();
    assert.equal(new TextDecoder().decode((await it.next()).value as Uint8Array), 'A');
    const pending = it.next();
    await body.cancel(new Error('stop'));
    assert.deepEqual(await pending, { done: true, value: undefined });
    assert.deepEqual(log, ['cancelled: stop']);
  });

  it('getReader() gives any other reader the same guarded bytes', async () => {
    const reader = new PulledBody(source(['x', 'y'], []), upper).getReader();
    const got: string[] = [];
    for (let r = await reader.read(); !r.done; r = await reader.read()) got.push(new TextDecoder().decode(r.value));
    assert.deepEqual(got, ['X', 'Y']);
  });
});

describe('net/guardedResponse: a real Response around a PulledBody', () => {
  it('keeps the source response\'s status, headers and url; reads whole through the guard; refuses to clone', async () => {
    const src = new Response('ignored', { status: 200, statusText: 'OK', headers: { 'content-type': 'text/event-stream', 'x-request-id': 'req_1' } });
    const body = new PulledBody(source(['data: {"a":1}'], []), upper);
    const r = guardedResponse(src, body);
    assert.ok(r instanceof Response);
    assert.equal(r.ok, true);
    assert.equal(r.status, 200);
    assert.equal(r.statusText, 'OK');
    assert.equal(r.headers.get('x-request-id'), 'req_1');
    assert.equal(r.body as unknown, body);
    assert.equal(r.bodyUsed, false);
    assert.equal(await r.text(), 'DATA: {"A":1}');
    assert.equal(r.bodyUsed, true);
    assert.throws(() => r.clone(), /cannot be cloned/);
    const asJson = guardedResponse(src, new PulledBody(source(['{"a":', '1}'], []), { transform: (c, emit) => (emit(c), undefined) }));
    assert.deepEqual(await asJson.json(), { a: 1 });
  });

  it('each response reads its own source and guard; bytes, arrayBuffer and blob go through the guard', async () => {
    const a = guardedResponse(new Response(null, { status: 201, headers: { 'x-id': 'a' } }), new PulledBody(source(['one'], []), upper));
    const b = guardedResponse(new Response(null, { status: 200, headers: { 'x-id': 'b' } }), new PulledBody(source(['two'], []), upper));
    assert.equal(a.headers.get('x-id'), 'a');
    assert.equal(b.headers.get('x-id'), 'b');
    assert.equal(a.status, 201);
    assert.equal(a.url, '');
    assert.equal(a.redirected, false);
    assert.equal(new TextDecoder().decode(await a.bytes()), 'ONE');
    assert.equal(a.bodyUsed, true);
    assert.equal(b.bodyUsed, false, 'reading one leaves the other unread');
    assert.equal(new TextDecoder().decode(await b.arrayBuffer()), 'TWO');
    const c = guardedResponse(new Response(null), new PulledBody(source(['three'], []), upper));
    assert.equal(await (await c.blob()).text(), 'THREE');
  });
});
