import assert from 'node:assert/strict';
import { ServerResponse } from 'node:http';
import { inspect } from 'node:util';
import { HostileServer, SeenRequest, startHostileServer } from './hostile-server';
import { CANARY, Ended, MODES, Rig, Wire, hostileConfig, rig } from './setup';

/**
 * Issue 14 item 5: `util.inspect(err)` (what `console.error(err)` prints)
 * used to show the SDK error kept as `cause`: the provider's unredacted
 * message with the key it echoed, and every response header. An error leaving
 * the core carries no unredacted cause, on every error path.
 */
describe('hardening: errors leaving the core carry no unredacted cause', function () {
  this.timeout(60_000);
  let server: HostileServer;
  let r: Rig;
  before(async () => {
    server = await startHostileServer();
  });
  after(async () => server.close());
  afterEach(async () => r?.dispose());

  const echoed = `Incorrect API key provided: ${CANARY}. You can find your API key at https://example.invalid.`;
  const headers = { 'content-type': 'application/json', 'x-echo-key': CANARY, 'set-cookie': `session=${CANARY}` };
  const errorBody = (wire: Wire, type: string): string =>
    JSON.stringify(wire === 'openai' ? { error: { message: echoed, type, code: type } } : { type: 'error', error: { type, message: echoed } });
  /** A stream's preamble without any answer text, so the fault ends the request as an error (not an incomplete answer). */
  const sse = (wire: Wire, res: ServerResponse, tail: string): void => {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'x-echo-key': CANARY });
    if (wire === 'openai') {
      res.write(`data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', choices: [{ index: 0, delta: { role: 'assistant', content: '' } }] })}\n\n`);
    } else {
      res.write(`event: message_start\ndata: ${JSON.stringify({ type: 'message_start', message: { id: 'm1', type: 'message', role: 'assistant', content: [], model: 'm', usage: { input_tokens: 3, output_tokens: 1 } } })}\n\n`);
      res.write(`event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}\n\n`);
    }
    res.end(tail);
  };

  type Fault = [name: string, streamOnly: boolean, (wire: Wire) => (req: SeenRequest, res: ServerResponse) => void];
  const faults: Fault[] = [
    ['401 echoing the key', false, (wire) => (_q, res) => res.writeHead(401, headers).end(errorBody(wire, wire === 'openai' ? 'invalid_api_key' : 'authentication_error'))],
    ['429 echoing the key', false, (wire) => (_q, res) => res.writeHead(429, { ...headers, 'retry-after': '1' }).end(errorBody(wire, 'rate_limit_error'))],
    ['500 echoing the key', false, (wire) => (_q, res) => res.writeHead(500, headers).end(errorBody(wire, 'api_error'))],
    ['400 echoing the key', false, (wire) => (_q, res) => res.writeHead(400, headers).end(errorBody(wire, 'invalid_request_error'))],
    ['200 JSON that is not JSON', false, () => (_q, res) => res.writeHead(200, headers).end(`{"id": "${CANARY}", broken`)],
    ['in-band error event echoing the key', true, (wire) => (_q, res) =>
      sse(wire, res, wire === 'openai' ? `data: ${JSON.stringify({ error: { message: echoed, type: 'server_error' } })}\n\n` : `event: error\ndata: ${errorBody(wire, 'overloaded_error')}\n\n`)],
    ['malformed chunk carrying the key', true, (wire) => (_q, res) => sse(wire, res, `${wire === 'anthropic' ? 'event: content_block_delta\n' : ''}data: {"k":"${CANARY}", oops\n\n`)],
    ['socket reset mid-stream', true, (wire) => (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'x-echo-key': CANARY });
      res.write(wire === 'openai' ? 'data: {"choices":[{"index":0,"delta":{"role":"assistant"}}]}\n\n' : 'event: ping\ndata: {"type":"ping"}\n\n');
      setTimeout(() => res.destroy(), 20);
    }],
  ];

  function assertClean(end: Ended, what: string): void {
    assert.ok(end.error, `${what}: expected an error`);
    const shown = inspect(end.error, { depth: Infinity, showHidden: true });
    assert.ok(!shown.includes(CANARY), `${what}: util.inspect(error) shows the key:\n${shown.slice(0, 1500)}`);
    assert.ok(!/x-echo-key/i.test(shown), `${what}: util.inspect(error) shows the response headers`);
    assert.ok(!JSON.stringify(end.record).includes(CANARY), `${what}: the record carries the key`);
    for (let c: unknown = end.error.cause; c !== undefined; c = (c as { cause?: unknown }).cause) {
      assert.ok(c instanceof Error && c.name === 'SwitchboardError', `${what}: cause is a ${c instanceof Error ? c.constructor.name : typeof c}`);
    }
  }

  for (const wire of ['openai', 'anthropic'] as const) {
    for (const [name, streamOnly, fault] of faults) {
      for (const mode of MODES) {
        if (streamOnly && !mode.stream) continue;
        it(`${wire} ${mode.name}: ${name}`, async () => {
          r = await rig(hostileConfig({ openai: server.openaiBaseUrl, anthropic: server.anthropicBaseUrl }));
          server.handle(fault(wire));
          assertClean(await mode.run(r.o, { model: wire, messages: [{ role: 'user', content: 'hi' }] }), `${wire} ${mode.name} ${name}`);
        });
      }
    }
  }
});
