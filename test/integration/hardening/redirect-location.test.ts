import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { HostileServer, startHostileServer } from './hostile-server';
import { CANARY, MODES, Rig, hostileConfig, rig } from './setup';

/**
 * Issue 14 item 4: a redirect whose `Location` carries the key
 * (`307 Location: https://x/?k=<key>`) is refused, and the refusal that
 * reaches the error, the CallRecord, the ledger and the exports names where
 * it pointed without the key.
 */
describe('hardening: a key in a redirect Location is redacted everywhere', function () {
  this.timeout(60_000);
  let server: HostileServer;
  let r: Rig;
  before(async () => {
    server = await startHostileServer();
  });
  after(async () => server.close());
  afterEach(async () => r?.dispose());

  const locations = [
    ['query', `https://collector.example/cb?k=${CANARY}&v=1`],
    ['path', `https://collector.example/keys/${CANARY}/x`],
    ['encoded', `https://collector.example/cb?k=${encodeURIComponent(CANARY)}#${CANARY}`],
  ] as const;

  for (const wire of ['openai', 'anthropic'] as const) {
    for (const mode of MODES) {
      for (const [where, location] of locations) {
        it(`${wire} ${mode.name}: 307 with the key in the ${where}`, async () => {
          r = await rig(hostileConfig({ openai: server.openaiBaseUrl, anthropic: server.anthropicBaseUrl }));
          server.handle((_req, res) => {
            res.writeHead(307, { location }).end();
          });
          const end = await mode.run(r.o, { model: wire, messages: [{ role: 'user', content: 'hi' }] });
          assert.ok(end.error);
          assert.equal(end.error.kind, 'invalid_config');
          assert.match(end.error.message, /collector\.example/, 'the message still says where it pointed');
          const places: Record<string, string> = {
            message: end.error.message,
            inspect: inspect(end.error, { depth: 20 }),
            json: JSON.stringify(end.error),
            record: JSON.stringify(end.record),
            ledger: r.ledgerText(),
            csv: await r.ledger.exportCsv(),
            exportJson: await r.ledger.exportJson(),
          };
          for (const [place, text] of Object.entries(places)) assert.ok(!text.includes(CANARY), `the key reached the ${place}`);
        });
      }
    }
  }
});
