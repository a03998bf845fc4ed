import assert from 'node:assert/strict';
import { HostileServer, startHostileServer } from './hostile-server';
import { CANARY, Rig, hostileConfig, rig, streamToEnd } from './setup';

/**
 * Issue 14 item 10: the openai SDK prints the raw payload of an unknown
 * `event:` line with `console.error` (whatever its log level) when the data is
 * not JSON. In VS Code that lands in the extension host log, with whatever the
 * upstream put there. Nothing of a stream may reach the console.
 */
describe('hardening: provider SDKs print nothing to the console', function () {
  this.timeout(30_000);
  let server: HostileServer;
  let r: Rig;
  before(async () => {
    server = await startHostileServer();
  });
  after(async () => server.close());
  afterEach(async () => r?.dispose());

  it('an `event: thread.*` line with non-JSON data is an invalid_response, not console output', async () => {
    r = await rig(hostileConfig({ openai: server.openaiBaseUrl, anthropic: server.anthropicBaseUrl }));
    server.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: {"choices":[{"index":0,"delta":{"role":"assistant","content":""}}]}\n\n');
      res.end(`event: thread.message.delta\ndata: {"leak":"${CANARY}" not json\n\n`);
    });
    const printed: unknown[][] = [];
    const original = { error: console.error, warn: console.warn, log: console.log };
    console.error = (...args: unknown[]) => printed.push(args);
    console.warn = (...args: unknown[]) => printed.push(args);
    console.log = (...args: unknown[]) => printed.push(args);
    let end;
    try {
      end = await streamToEnd(r.o, { model: 'openai', messages: [{ role: 'user', content: 'hi' }] });
    } finally {
      Object.assign(console, original);
    }
    assert.deepEqual(printed, [], 'the SDK printed to the console');
    assert.equal(end.error?.kind, 'invalid_response');
    assert.ok(!end.error.message.includes(CANARY));
  });
});
