import assert from 'node:assert/strict';
import { FakeProvider, startFakeProvider } from '../../support/fake-provider';
import { listModels } from '../../../src/extension/setup/list-models';

describe('setup: model discovery and key check against the fake provider (real sockets)', () => {
  let fp: FakeProvider;
  before(async () => {
    fp = await startFakeProvider({ models: ['gpt-4o', 'gpt-4o-2024-08-06', 'gpt-4o-mini-2024-07-18'], acceptedKeys: ['sk-good'] });
  });
  after(() => fp.close());

  it('lists OpenAI-style /models with a good key (Bearer)', async () => {
    const r = await listModels({ listing: 'openai', baseUrl: fp.openaiBaseUrl, key: 'sk-good' });
    assert.deepEqual(r, { kind: 'ok', models: ['gpt-4o', 'gpt-4o-2024-08-06', 'gpt-4o-mini-2024-07-18'] });
    assert.equal(fp.requests.at(-1)?.headers['authorization'], 'Bearer sk-good');
  });

  it('lists Anthropic models with x-api-key and anthropic-version', async () => {
    const r = await listModels({ listing: 'anthropic', baseUrl: fp.anthropicBaseUrl, key: 'sk-good' });
    assert.equal(r.kind, 'ok');
    const req = fp.requests.at(-1);
    assert.equal(req?.headers['x-api-key'], 'sk-good');
    assert.equal(req?.headers['anthropic-version'], '2023-06-01');
  });

  it('lists Ollama tags from the origin, whatever the /v1 base URL', async () => {
    const r = await listModels({ listing: 'ollama', baseUrl: fp.openaiBaseUrl, key: 'sk-good' });
    assert.equal(r.kind, 'ok');
    assert.equal(fp.requests.at(-1)?.path, '/api/tags');
  });

  it('a refused key is "invalid" and the message never contains the key', async () => {
    const r = await listModels({ listing: 'openai', baseUrl: fp.openaiBaseUrl, key: 'sk-bad-canary-123' });
    assert.equal(r.kind, 'invalid');
    assert.ok(r.kind === 'invalid' && r.status === 401);
    assert.ok(!JSON.stringify(r).includes('sk-bad-canary-123'));
  });

  it('no key where one is needed is "invalid" too (Anthropic format)', async () => {
    const r = await listModels({ listing: 'anthropic', baseUrl: fp.anthropicBaseUrl, key: undefined });
    assert.equal(r.kind, 'invalid');
  });

  it('a closed port is "unreachable" with the origin named', async () => {
    const dead = await startFakeProvider();
    const url = dead.openaiBaseUrl;
    await dead.close();
    const r = await listModels({ listing: 'openai', baseUrl: url, key: 'sk-good', timeoutMs: 3000 });
    assert.equal(r.kind, 'unreachable');
    assert.ok(r.kind === 'unreachable' && r.message.includes(new URL(url).origin), JSON.stringify(r));
  });

  it('a server without a model list is "unlisted" (404), not an error', async () => {
    const r = await listModels({ listing: 'openai', baseUrl: `${fp.origin}/nothing`, key: 'sk-good' });
    assert.deepEqual(r, { kind: 'unlisted', status: 404 });
  });
});
