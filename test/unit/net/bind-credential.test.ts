import { strict as assert } from 'node:assert';
import { bindCredential } from '../../../src/core/net/bind-credential';

/** The headers a bound fetch hands on, as [name, value] pairs (Headers sorts them). */
async function sent(credential: Parameters<typeof bindCredential>[1], headers: HeadersInit): Promise<Array<[string, string]>> {
  let seen: Headers | undefined;
  const base = (async (_input: unknown, init?: RequestInit) => {
    seen = new Headers(init?.headers);
    return new Response('{}');
  }) as typeof fetch;
  await bindCredential(base, credential)('http://127.0.0.1:9/v1/chat/completions', { method: 'POST', headers: new Headers(headers) });
  return [...(seen ?? new Headers())];
}

describe('bindCredential: exactly one credential on the wire', () => {
  const credential = { name: 'authorization', value: 'Bearer sk-right-0123456789' };

  it('keeps the header the SDK set from the same key', async () => {
    assert.deepEqual(await sent(credential, { authorization: 'Bearer sk-right-0123456789', 'content-type': 'application/json' }), [
      ['authorization', 'Bearer sk-right-0123456789'],
      ['content-type', 'application/json'],
    ]);
  });

  it('replaces a different value under the same name (an environment override) and drops other credential headers', async () => {
    assert.deepEqual(await sent(credential, { authorization: 'Bearer sk-from-env-000000', 'x-goog-api-key': 'sk-from-env-000000', 'x-request-id': 'r1' }), [
      ['authorization', 'Bearer sk-right-0123456789'],
      ['x-request-id', 'r1'],
    ]);
  });

  it('adds the credential when the SDK sent none', async () => {
    assert.deepEqual(await sent(credential, { accept: 'application/json' }), [
      ['accept', 'application/json'],
      ['authorization', 'Bearer sk-right-0123456789'],
    ]);
  });

  it('sends no credential at all to a keyless server', async () => {
    assert.deepEqual(await sent(undefined, { authorization: 'Bearer no-key', 'api-key': 'x-123456', accept: 'application/json' }), [['accept', 'application/json']]);
  });
});
