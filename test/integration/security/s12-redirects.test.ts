import assert from 'node:assert/strict';
import { createOpenAIEmbedder } from '../../../src/core/cache/openai-embedder';
import { SwitchboardError } from '../../../src/core/model/switchboard-error';
import { HostileServer, startHostileServer } from '../hardening/hostile-server';
import { CANARY, MODES, hostileConfig, rig } from '../hardening/setup';

/**
 * S12 over real sockets, for every client that carries a key: the OpenAI and
 * Anthropic adapters (JSON and streamed) and the semantic cache's embedder.
 * A redirect to another origin is refused; the origin it points at receives
 * nothing, and the refusal carries no key.
 */
describe('S12: redirects are refused for every key-bearing client', function () {
  this.timeout(30_000);
  let upstream: HostileServer;
  let elsewhere: HostileServer;
  before(async () => {
    upstream = await startHostileServer();
    elsewhere = await startHostileServer();
    elsewhere.handle((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  });
  after(async () => {
    await upstream.close();
    await elsewhere.close();
  });

  for (const status of [301, 302, 307, 308]) {
    for (const wire of ['openai', 'anthropic'] as const) {
      for (const mode of MODES) {
        it(`${status} from the ${wire} endpoint (${mode.name}) is not followed`, async () => {
          upstream.handle((_req, res) => res.writeHead(status, { location: `${elsewhere.origin}/v1/messages?key=${CANARY}` }).end());
          const r = await rig(hostileConfig({ openai: upstream.openaiBaseUrl, anthropic: upstream.anthropicBaseUrl }));
          const end = await mode.run(r.o, { model: wire, messages: [{ role: 'user', content: 'hi' }] });
          await r.dispose();
          assert.equal(end.error?.kind, 'invalid_config');
          assert.ok(!end.error.message.includes(CANARY));
          assert.equal(elsewhere.requests.length, 0, 'the redirect target received a request');
        });
      }
    }

    it(`${status} from the embeddings endpoint is not followed`, async () => {
      upstream.handle((_req, res) => res.writeHead(status, { location: `${elsewhere.origin}/v1/embeddings?key=${CANARY}` }).end());
      const embed = createOpenAIEmbedder({ baseUrl: upstream.openaiBaseUrl, apiKey: CANARY, model: 'text-embedding-3-small' });
      const error = await embed('hello').then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(SwitchboardError.isInstance(error), `expected a SwitchboardError, got ${String(error)}`);
      assert.equal(error.kind, 'invalid_config');
      assert.ok(!error.message.includes(CANARY), error.message);
      assert.equal(upstream.requests.at(-1)?.headers['authorization'], `Bearer ${CANARY}`, 'the configured origin got the key');
      assert.equal(elsewhere.requests.length, 0, 'the redirect target received a request');
    });
  }
});
