import assert from 'node:assert/strict';
import { createOrchestrator, parseBoundKey, releaseBoundKey, serializeBoundKey, validateConfig } from '../../../src/core/index';
import { KeyTarget } from '../../../src/core/ports';
import { FakeProvider, startFakeProvider } from '../../support/fake-provider';

/**
 * Issue 13 item 5: a gateway's credential header (`cf-aig-authorization`,
 * `helicone-auth`...) is refused in `headers` and lives in SecretStorage,
 * named by `secretHeaders`, bound to the provider's origin like the key.
 */
describe('S1/S2: credential headers come from secrets, bound to their origin', function () {
  this.timeout(30_000);
  let gateway: FakeProvider;
  let elsewhere: FakeProvider;
  const vault = new Map<string, string>();
  const keys = (name: string, target: KeyTarget): string | undefined => {
    const stored = parseBoundKey(vault.get(name));
    return stored ? releaseBoundKey(name, stored, target) : undefined;
  };
  const config = (baseUrl: string, extra: Record<string, unknown> = {}): Parameters<typeof createOrchestrator>[0] => ({
    providers: { gw: { kind: 'openai-compatible', baseUrl, apiKeySecret: 'key', secretHeaders: { 'cf-aig-authorization': 'gateway-token' }, ...extra } },
    deployments: [{ id: 'd', provider: 'gw', model: 'm' }],
    aliases: { fast: { deployments: ['d'] } },
  });
  const ask = { model: 'fast', messages: [{ role: 'user' as const, content: 'hello' }] };

  before(async () => {
    gateway = await startFakeProvider();
    elsewhere = await startFakeProvider();
    const origin = new URL(gateway.openaiBaseUrl).origin;
    vault.set('key', serializeBoundKey('sk-gw-provider-key-0123456789', origin));
    vault.set('gateway-token', serializeBoundKey('Bearer cf-gateway-token-0123456789', origin));
  });
  after(async () => {
    await gateway.close();
    await elsewhere.close();
  });

  it('sends the secret header, read from the vault, with the key', async () => {
    const o = createOrchestrator(config(gateway.openaiBaseUrl), { keys });
    await o.chat(ask);
    const seen = gateway.requests.at(-1)?.headers;
    assert.equal(seen?.['cf-aig-authorization'], 'Bearer cf-gateway-token-0123456789');
    assert.equal(seen?.['authorization'], 'Bearer sk-gw-provider-key-0123456789');
    o.dispose();
  });

  it('re-pointed at another origin: no request, neither secret sent', async () => {
    const o = createOrchestrator(config(elsewhere.openaiBaseUrl, { apiKeySecret: undefined }), { keys });
    await assert.rejects(o.chat(ask), (e: { kind?: string; message?: string }) => e.kind === 'auth' && /saved for/.test(e.message ?? ''));
    assert.equal(elsewhere.requests.length, 0);
    o.dispose();
  });

  it('a missing secret fails clearly, before sending', async () => {
    const o = createOrchestrator(config(gateway.openaiBaseUrl, { secretHeaders: { 'helicone-auth': 'not-set' } }), { keys });
    const before = gateway.requests.length;
    await assert.rejects(o.chat(ask), (e: { kind?: string; message?: string }) => e.kind === 'auth' && /helicone-auth/.test(e.message ?? '') && /Set API Key/.test(e.message ?? ''));
    assert.equal(gateway.requests.length, before);
    o.dispose();
  });

  it('validation: values are secret names; the key header itself goes through apiKeySecret', () => {
    const bad = validateConfig(config('https://gw.example.com/v1', { secretHeaders: { Authorization: 'x', 'bad header': 'y', 'x-ok': '' } }));
    assert.equal(bad.ok, false);
    if (!bad.ok) assert.equal(bad.errors.length, 3, JSON.stringify(bad.errors));
    const moved = validateConfig(config('https://gw.example.com/v1', { headers: { 'cf-aig-authorization': 'Bearer x' } }));
    assert.ok(!moved.ok && /secretHeaders/.test(moved.errors[0]?.message ?? ''));
  });
});
