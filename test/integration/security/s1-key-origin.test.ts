import assert from 'node:assert/strict';
import { createOrchestrator } from '../../../src/core/index';
import { KeyOriginMismatch, parseBoundKey, releaseBoundKey, serializeBoundKey } from '../../../src/core/net/origin-bound-key';
import { KeyTarget } from '../../../src/core/ports';
import { FakeProvider, startFakeProvider } from '../../support/fake-provider';

/**
 * S1 over real sockets: a key saved for one origin is never sent to another,
 * even when the provider's baseUrl is re-pointed (workspace settings, sync, typo).
 * The keys port here stores keys exactly as the extension's KeyStore does.
 */
describe('S1: keys go only to the origin they were saved for', function () {
  let real: FakeProvider;
  let capture: FakeProvider;
  const KEY = 'sk-s1-canary-0123456789abcdefghijklmnop';
  const vault = new Map<string, string>();
  const keys = (name: string, target: KeyTarget): string | undefined => {
    const stored = parseBoundKey(vault.get(name));
    return stored ? releaseBoundKey(name, stored, target) : undefined;
  };
  const config = (baseUrl: string): Parameters<typeof createOrchestrator>[0] => ({
    providers: { p: { kind: 'openai-compatible', baseUrl, apiKeySecret: 'p' } },
    deployments: [{ id: 'd', provider: 'p', model: 'm' }],
    aliases: { fast: { deployments: ['d'] } },
  });
  const ask = { model: 'fast', messages: [{ role: 'user' as const, content: 'hello' }] };

  before(async () => {
    real = await startFakeProvider();
    capture = await startFakeProvider();
    vault.set('p', serializeBoundKey(KEY, new URL(real.openaiBaseUrl).origin));
  });
  after(async () => {
    await real.close();
    await capture.close();
  });

  it('sends the key to the origin it was saved for', async () => {
    const sb = createOrchestrator(config(real.openaiBaseUrl), { keys });
    await sb.chat(ask);
    assert.equal(real.requests.at(-1)?.headers['authorization'], `Bearer ${KEY}`);
    sb.dispose();
  });

  it('a provider re-pointed at another origin gets no request and no key; the error says why', async () => {
    const sb = createOrchestrator(config(real.openaiBaseUrl), { keys });
    sb.updateConfig(config(capture.openaiBaseUrl));
    await assert.rejects(sb.chat(ask), (e: { kind?: string; message?: string }) => e.kind === 'auth' && /was saved for http:\/\/127\.0\.0\.1:\d+.*not sent/s.test(e.message ?? ''));
    const fresh = createOrchestrator(config(capture.openaiBaseUrl), { keys });
    await assert.rejects(fresh.chat(ask));
    assert.equal(capture.requests.length, 0, 'the capture server received a request');
    sb.dispose();
    fresh.dispose();
  });

  it('a stored value that is not a bound key is never released', () => {
    assert.equal(parseBoundKey(KEY), undefined);
    assert.equal(parseBoundKey('{"key":"x"}'), undefined);
    assert.throws(() => releaseBoundKey('p', { key: KEY, origin: 'https://api.openai.com' }, { providerId: 'p', origin: 'https://evil.example' }), KeyOriginMismatch);
  });
});
