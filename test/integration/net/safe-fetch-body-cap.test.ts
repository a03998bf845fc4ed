import assert from 'node:assert/strict';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { createSafeFetch } from '../../../src/core/net/safe-fetch';

/**
 * The 2xx JSON body cap (issue 14) after the overhead cut of issue 15: a body
 * whose Content-Length is within the cap is passed through unwrapped, so every
 * other shape must still be capped — a chunked body, a declared length over the
 * cap, a gzip body that inflates past it — and a body shorter than it declares
 * must still fail rather than pass as a whole answer.
 */
describe('safe fetch: the 2xx body cap with and without Content-Length', () => {
  const CAP = 1024;
  let server: http.Server;
  let base = '';
  let handler: (res: http.ServerResponse) => void = () => undefined;
  const safe = createSafeFetch(fetch, { limits: { bodyBytes: CAP } });
  before(async () => {
    server = http.createServer((_req, res) => handler(res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('passes a JSON body with a Content-Length within the cap through whole', async () => {
    const json = JSON.stringify({ answer: 'x'.repeat(CAP - 20) });
    handler = (res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
      res.end(json);
    };
    assert.deepEqual(await (await safe(base)).json(), JSON.parse(json));
  });

  it('refuses a body whose Content-Length is over the cap', async () => {
    const body = 'y'.repeat(CAP * 4);
    handler = (res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
      res.end(body);
    };
    await assert.rejects(async () => (await safe(base)).text(), /larger than/);
  });

  it('caps a chunked body (no Content-Length)', async () => {
    handler = (res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
      for (let i = 0; i < 8; i++) res.write('z'.repeat(CAP));
      res.end();
    };
    await assert.rejects(async () => (await safe(base)).text(), /larger than/);
  });

  it('caps a gzip body whose small Content-Length inflates past the cap', async () => {
    const packed = gzipSync(Buffer.from('0'.repeat(CAP * 64)));
    assert.ok(packed.length < CAP);
    handler = (res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': packed.length });
      res.end(packed);
    };
    await assert.rejects(async () => (await safe(base)).text(), /larger than/);
  });

  it('fails a body cut short of its Content-Length instead of passing half of it', async () => {
    handler = (res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': 500 });
      res.write('{"answer":"cut');
      setTimeout(() => res.destroy(), 20);
    };
    await assert.rejects(async () => (await safe(base)).text());
  });
});
