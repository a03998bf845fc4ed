import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { HostileServer, startHostileServer, writeRepeated } from './hostile-server';
import { MODES, Rig, hostileConfig, rig } from './setup';

/**
 * Issue 14 item 3 (and the HTML half of item 10): what a hostile or broken
 * upstream sends is read and kept only up to a few KB. A 50 MB HTML error page
 * used to become a 52 MB error message and a 52 MB ledger line; an SSE event
 * that never ends grew without bound.
 */
describe('hardening: error bodies and SSE events are capped', function () {
  this.timeout(120_000);
  const FIFTY_MB = 50 * 1024 * 1024;
  let server: HostileServer;
  let r: Rig;
  before(async () => {
    server = await startHostileServer();
  });
  after(async () => server.close());
  afterEach(async () => r?.dispose());

  for (const wire of ['openai', 'anthropic'] as const) {
    for (const mode of MODES) {
      it(`${wire} ${mode.name}: a 50 MB HTML 500 page keeps a few KB`, async () => {
        r = await rig(hostileConfig({ openai: server.openaiBaseUrl, anthropic: server.anthropicBaseUrl }));
        server.handle((_req, res) => {
          res.writeHead(500, { 'content-type': 'text/html' });
          void writeRepeated(res, '<p>Internal Server Error, please try again later.</p>\n', FIFTY_MB);
        });
        const before = server.bytesWritten();
        const rssBefore = process.memoryUsage().rss;
        const end = await mode.run(r.o, { model: wire, messages: [{ role: 'user', content: 'hi' }] });
        const rssAfter = process.memoryUsage().rss;
        assert.ok(end.error, 'the request failed');
        assert.equal(end.error.kind, 'server');
        assert.equal(end.error.status, 500);
        const kept = {
          message: end.error.message.length,
          inspect: inspect(end.error, { depth: 8 }).length,
          record: JSON.stringify(end.record).length,
          ledger: r.ledgerText().length,
        };
        console.log(
          `      sent ≥ ${((server.bytesWritten() - before) / 1e6).toFixed(2)} MB of 50 MB; kept: message ${kept.message} B, inspect ${kept.inspect} B, ` +
            `record ${kept.record} B, ledger ${kept.ledger} B; RSS +${((rssAfter - rssBefore) / 1e6).toFixed(1)} MB`,
        );
        assert.ok(kept.message <= 4096, `message is ${kept.message} bytes`);
        assert.ok(kept.inspect <= 16_384, `util.inspect(error) is ${kept.inspect} bytes`);
        assert.ok(kept.record <= 8192, `record is ${kept.record} bytes`);
        assert.ok(kept.ledger <= 16_384, `ledger is ${kept.ledger} bytes`);
      });
    }
  }

  for (const wire of ['openai', 'anthropic'] as const) {
    it(`${wire}: an SSE event that never ends is refused as invalid_response, not buffered`, async () => {
      r = await rig(hostileConfig({ openai: server.openaiBaseUrl, anthropic: server.anthropicBaseUrl }));
      server.handle((_req, res) => {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write('data: {"junk":"');
        void writeRepeated(res, 'a', FIFTY_MB);
      });
      const before = server.bytesWritten();
      const end = await MODES[0].run(r.o, { model: wire, messages: [{ role: 'user', content: 'hi' }] });
      const sent = server.bytesWritten() - before;
      console.log(`      endless SSE event: ${(sent / 1e6).toFixed(2)} MB sent before the client gave up; message ${end.error?.message.length} B`);
      assert.ok(end.error);
      assert.equal(end.error.kind, 'invalid_response');
      assert.ok(end.error.message.length <= 4096);
      assert.ok(sent < FIFTY_MB / 2, `the client read ${sent} bytes of one event`);
    });

    it(`${wire}: an HTML page answering a stream request is invalid_response, not retried`, async () => {
      r = await rig(hostileConfig({ openai: server.openaiBaseUrl, anthropic: server.anthropicBaseUrl }, { retry: { maxRetries: 2, maxFallbacks: 0, baseDelayMs: 1, maxDelayMs: 2 } }));
      server.handle((_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end('<!doctype html><html><body><h1>Sign in to the guest Wi-Fi</h1></body></html>');
      });
      const seen = server.requests.length;
      const end = await MODES[0].run(r.o, { model: wire, messages: [{ role: 'user', content: 'hi' }] });
      assert.ok(end.error);
      assert.equal(end.error.kind, 'invalid_response');
      assert.match(end.error.message, /HTML/);
      assert.equal(server.requests.length - seen, 1, 'an HTML page is not retried');
      assert.equal(r.o.health().find((h) => h.deploymentId === `${wire === 'openai' ? 'oa' : 'ant'}-d`)?.cooldownUntil, undefined);
    });
  }
});
