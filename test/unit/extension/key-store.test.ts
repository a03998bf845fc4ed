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
      await assert.rejects(async () => store.resolve('openai', { providerId: 'oa', origin: other }), (e: Error) => e.name === 'KeyOriginMismatch' && !e.message.includes(KEY));
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

  describe('reads SecretStorage once per change, not once per request', () => {
    const target = { providerId: 'oa', origin: SAVED_FOR };
    /** A SecretStorage that counts reads. */
    class CountingStorage extends ShimSecretStorage {
      reads = 0;
      override get(key: string): Promise<string | undefined> {
        this.reads += 1;
        return super.get(key);
      }
    }

    it('a key already read is at hand (no promise, no read)', async () => {
      const secrets = new CountingStorage();
      const store = new KeyStore(secrets as never);
      await store.save('openai', KEY, SAVED_FOR);
      assert.equal(await store.resolve('openai', target), KEY);
      assert.equal(store.resolve('openai', target), KEY);
      assert.equal(store.resolve('openai', target), KEY);
      assert.equal(secrets.reads, 1);
      store.dispose();
    });

    it('a key changed in another window (onDidChange) is read again', async () => {
      const secrets = new CountingStorage();
      const store = new KeyStore(secrets as never);
      await store.save('openai', KEY, SAVED_FOR);
      assert.equal(await store.resolve('openai', target), KEY);
      // Another window writes the same secret: only SecretStorage's event tells this one.
      await secrets.store('switchboard.apiKey.openai', JSON.stringify({ key: 'sk-other-window-0123456789', origin: SAVED_FOR }));
      assert.equal(await store.resolve('openai', target), 'sk-other-window-0123456789');
      await secrets.delete('switchboard.apiKey.openai');
      assert.equal(await store.resolve('openai', target), undefined);
      assert.equal(secrets.reads, 3);
      store.dispose();
    });

    it('Replace key and Remove apply to the very next request', async () => {
      const store = new KeyStore(new ShimSecretStorage() as never);
      await store.save('openai', KEY, SAVED_FOR);
      assert.equal(await store.resolve('openai', target), KEY);
      await store.save('openai', 'sk-replaced-0123456789abcdef', SAVED_FOR);
      assert.equal(await store.resolve('openai', target), 'sk-replaced-0123456789abcdef');
      await store.delete('openai');
      assert.equal(await store.resolve('openai', target), undefined);
      store.dispose();
    });

    it('a read that raced a change does not keep the old value', async () => {
      let release: (() => void) | undefined;
      class SlowStorage extends ShimSecretStorage {
        override get(key: string): Promise<string | undefined> {
          const value = this.values.get(key);
          return new Promise((resolve) => {
            release = () => resolve(value);
          });
        }
      }
      const secrets = new SlowStorage();
      secrets.values.set('switchboard.apiKey.openai', JSON.stringify({ key: KEY, origin: SAVED_FOR }));
      const store = new KeyStore(secrets as never);
      const first = store.resolve('openai', target);
      // The key changes while the first read is still on its way.
      await secrets.store('switchboard.apiKey.openai', JSON.stringify({ key: 'sk-newer-0123456789abcdef', origin: SAVED_FOR }));
      release?.();
      assert.equal(await first, KEY);
      const second = store.resolve('openai', target);
      assert.ok(second instanceof Promise, 'read again, not the raced value');
      release?.();
      assert.equal(await second, 'sk-newer-0123456789abcdef');
      store.dispose();
    });

    it('a key withheld from another origin stays withheld when cached (a rejection, never a throw)', async () => {
      const store = new KeyStore(new ShimSecretStorage() as never);
      await store.save('openai', KEY, SAVED_FOR);
      assert.equal(await store.resolve('openai', target), KEY);
      const refused = store.resolve('openai', { providerId: 'oa', origin: 'https://evil.example' });
      assert.ok(refused instanceof Promise);
      await assert.rejects(refused, (e: Error) => e.name === 'KeyOriginMismatch');
      store.dispose();
    });
  });
});
