import assert from 'node:assert/strict';
import { installVscodeShim, ShimSecretStorage } from './vscode-shim';

installVscodeShim();
// Loaded after the shim is installed: the module imports 'vscode'.
const { KeyStore } = require('../../../src/extension/secrets/key-store') as typeof import('../../../src/extension/secrets/key-store');

/**
 * S1 in the shell: the keys port the extension gives the core releases a key
 * only to the origin it was saved for, and never a value stored unbound.
 */
describe('extension/KeyStore (vscode shim)', () => {
  const KEY = 'sk-keystore-canary-0123456789abcdef';
  const SAVED_FOR = 'https://api.openai.com';

  it('releases a key to the origin it was saved for', async () => {
    const store = new KeyStore(new ShimSecretStorage() as never);
    await store.save('openai', KEY, SAVED_FOR);
    assert.equal(await store.resolve('openai', { providerId: 'oa', origin: SAVED_FOR }), KEY);
    store.dispose();
  });

  for (const other of ['https://evil.example', 'http://api.openai.com', 'https://api.openai.com:8443', 'https://api.openai.com.evil.example']) {
    it(`refuses to release it to ${other}`, async () => {
      const secrets = new ShimSecretStorage();
      const store = new KeyStore(secrets as never);
      await store.save('openai', KEY, SAVED_FOR);
      await assert.rejects(store.resolve('openai', { providerId: 'oa', origin: other }), (e: Error) => e.name === 'KeyOriginMismatch' && !e.message.includes(KEY));
      store.dispose();
    });
  }

  it('never releases a value stored without its origin (an old or hand-written secret)', async () => {
    const secrets = new ShimSecretStorage();
    const store = new KeyStore(secrets as never);
    await secrets.store('switchboard.apiKey.openai', KEY);
    assert.equal(await store.resolve('openai', { providerId: 'oa', origin: SAVED_FOR }), undefined);
    assert.equal(await store.has('openai'), false);
    store.dispose();
  });

  it('keeps keys in SecretStorage only, and forgets the ones it saw on dispose', async () => {
    const secrets = new ShimSecretStorage();
    const store = new KeyStore(secrets as never);
    await store.save('openai', KEY, SAVED_FOR);
    assert.ok([...secrets.values.values()].every((v) => JSON.parse(v).origin === SAVED_FOR));
    assert.deepEqual(store.knownKeys(), [KEY]);
    store.dispose();
    assert.deepEqual(store.knownKeys(), []);
  });
});
