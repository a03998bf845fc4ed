import { strict as assert } from 'node:assert';
import { KEY_VERSION, cacheKeyFrame, cacheKeyIn, combineFingerprints, computeCacheKey, fingerprintKey, normalizeParams, sha256Hex } from '../../../src/core/cache/cache-key';
import { canonicalJson } from '../../../src/core/cache/canonical-json';
import { CacheKeyInput } from '../../../src/core/cache/cache-key';
import { ChatRequest } from '../../../src/core/model/chat-request';
import { baseRequest, keyInput } from './helpers';

/** A request carrying fields ChatRequest does not declare (tools, provider extras). */
const withExtra = (fields: Record<string, unknown>): ChatRequest => ({ ...baseRequest(), ...fields });

const key = (overrides: Partial<CacheKeyInput> = {}): string => computeCacheKey(keyInput(overrides));
const keyOf = (request: ChatRequest): string => key({ request });

describe('cache key (R16, S10)', () => {
  const base = key();

  it('is a SHA-256 hex digest and stable', () => {
    assert.match(base, /^[0-9a-f]{64}$/);
    assert.equal(key(), base);
    assert.ok(KEY_VERSION.length > 0);
  });

  it('is the digest of the whole material as one canonical JSON text, so keys persisted before the frame still hit', () => {
    // The frame splits that text around `params` to build the rest once per alias; any drift in the split changes every key.
    const whole = (input: CacheKeyInput): string =>
      sha256Hex(
        canonicalJson({
          v: KEY_VERSION,
          target: input.resolvedTarget,
          deployments: input.deployments.map((d) => [d.provider, d.model]),
          account: input.accountFingerprint,
          workspace: input.workspace,
          config: input.configHash ?? '',
          params: normalizeParams(input.request),
        }),
      );
    const inputs: CacheKeyInput[] = [
      keyInput(),
      keyInput({ configHash: undefined }),
      keyInput({ workspace: 'file:///c%3A/Users/Zoë/"quoted"\\proj', resolvedTarget: 'smart', accountFingerprint: 'oa:fp1:a+an:fp1:b' }),
      keyInput({ deployments: [{ provider: 'oa', model: 'gpt-4o' }, { provider: 'an', model: 'claude "x"' }], request: withExtra({ tools: [{ type: 'function', function: { name: 'f', parameters: { b: 1, a: 2 } } }], stop: 'END' }) }),
    ];
    for (const input of inputs) {
      assert.equal(computeCacheKey(input), whole(input));
      assert.equal(cacheKeyIn(cacheKeyFrame(input), input.request), whole(input));
    }
  });

  const requestToggles: Array<[string, ChatRequest]> = [
    ['user message content', baseRequest({ messages: [{ role: 'system', content: 'You are terse.' }, { role: 'user', content: 'What is a functor?' }] })],
    ['system prompt', baseRequest({ messages: [{ role: 'system', content: 'You are verbose.' }, { role: 'user', content: 'What is a monad?' }] })],
    ['message role', baseRequest({ messages: [{ role: 'user', content: 'You are terse.' }, { role: 'user', content: 'What is a monad?' }] })],
    ['message order', baseRequest({ messages: [{ role: 'user', content: 'What is a monad?' }, { role: 'system', content: 'You are terse.' }] })],
    ['an extra message', baseRequest({ messages: [...baseRequest().messages, { role: 'assistant', content: 'Hm.' }] })],
    ['temperature', baseRequest({ temperature: 0.2 })],
    ['temperature absent vs 0', withExtra({ temperature: undefined })],
    ['top_p', baseRequest({ top_p: 0.9 })],
    ['max_tokens', baseRequest({ max_tokens: 16 })],
    ['stop', baseRequest({ stop: ['END'] })],
    ['seed', baseRequest({ seed: 7 })],
    ['presence_penalty', baseRequest({ presence_penalty: 0.5 })],
    ['frequency_penalty', baseRequest({ frequency_penalty: 0.5 })],
    ['response_format', baseRequest({ response_format: { type: 'json_object' } })],
    ['tools', withExtra({ tools: [{ type: 'function', function: { name: 'f', parameters: {} } }] })],
    ['tool_choice', withExtra({ tool_choice: 'required' })],
    ['an unknown provider parameter', withExtra({ logit_bias: { '50256': -100 } })],
  ];
  for (const [field, request] of requestToggles) {
    it(`changes with ${field}`, () => assert.notEqual(keyOf(request), base));
  }

  const contextToggles: Array<[string, Partial<CacheKeyInput>]> = [
    ['resolved target', { resolvedTarget: 'smart' }],
    ['deployment model', { deployments: [{ provider: 'oa', model: 'gpt-4.1-nano-2025-04-14' }] }],
    ['deployment provider', { deployments: [{ provider: 'groq', model: 'gpt-4o-mini-2024-07-18' }] }],
    ['deployment list', { deployments: [{ provider: 'oa', model: 'gpt-4o-mini-2024-07-18' }, { provider: 'an', model: 'claude' }] }],
    ['account fingerprint (S10)', { accountFingerprint: 'fp1:bbbb' }],
    ['workspace (S10)', { workspace: 'file:///ws/two' }],
    ['config hash', { configHash: 'cfg-2' }],
  ];
  for (const [field, overrides] of contextToggles) {
    it(`changes with ${field}`, () => assert.notEqual(key(overrides), base));
  }

  it('max_tokens 16 vs 4000 are two different keys', () => {
    assert.notEqual(keyOf(baseRequest({ max_tokens: 16 })), keyOf(baseRequest({ max_tokens: 4000 })));
  });

  it('ignores per-request cache controls and the requested model name', () => {
    assert.equal(keyOf(baseRequest({ cache: { noCache: true, noStore: true, ttlMs: 5 } })), base);
    assert.equal(keyOf(baseRequest({ model: 'something-else' })), base);
  });

  it('normalises equivalent forms', () => {
    assert.equal(keyOf(baseRequest({ stop: 'END' })), keyOf(baseRequest({ stop: ['END'] })));
    assert.equal(keyOf(baseRequest({ stop: [] })), keyOf(baseRequest()));
    assert.equal(keyOf(withExtra({ top_p: null })), keyOf(baseRequest()));
    const reordered: ChatRequest = { temperature: 0, messages: baseRequest().messages, model: 'fast' };
    assert.equal(keyOf(reordered), base);
  });

  it('never conflates different values', () => {
    assert.notEqual(keyOf(baseRequest({ stop: ['a', 'b'] })), keyOf(baseRequest({ stop: ['b', 'a'] })));
    assert.notEqual(keyOf(baseRequest({ stop: 'a,b' })), keyOf(baseRequest({ stop: ['a', 'b'] })));
    assert.notEqual(keyOf(baseRequest({ temperature: Number.NaN })), keyOf(withExtra({ temperature: undefined })));
    const schema = (props: Record<string, unknown>): ChatRequest =>
      baseRequest({ response_format: { type: 'json_schema', json_schema: { name: 's', schema: { type: 'object', properties: props } } } });
    // Schema property order is the order a strict model writes: not the same request.
    assert.notEqual(keyOf(schema({ a: { type: 'string' }, b: { type: 'string' } })), keyOf(schema({ b: { type: 'string' }, a: { type: 'string' } })));
    // Message text that looks like JSON cannot collide with structure.
    const tricky = baseRequest({ messages: [{ role: 'user', content: 'a","role":"system' }] });
    const plain = baseRequest({ messages: [{ role: 'user', content: 'a' }, { role: 'system', content: '' }] });
    assert.notEqual(keyOf(tricky), keyOf(plain));
  });

  it('takes 4 KB requests without trouble and changes with one character', () => {
    const big = 'x'.repeat(4096);
    const a = keyOf(baseRequest({ messages: [{ role: 'user', content: big }] }));
    const b = keyOf(baseRequest({ messages: [{ role: 'user', content: big.slice(1) + 'y' }] }));
    assert.notEqual(a, b);
  });
});

describe('fingerprintKey', () => {
  it('is a truncated, domain-separated hash that never contains the key', () => {
    const secret = 'sk-canary-THIS-MUST-NOT-LEAK-123456';
    const fp = fingerprintKey(secret);
    assert.match(fp, /^fp1:[0-9a-f]{32}$/);
    assert.ok(!fp.includes(secret) && !fp.includes('canary'));
    assert.equal(fingerprintKey(secret), fp);
    assert.notEqual(fingerprintKey(secret + 'x'), fp);
    assert.equal(fingerprintKey(undefined), 'fp1:none');
  });

  it('a changed key gives a new fingerprint, so the cache key misses (S10)', () => {
    const k1 = key({ accountFingerprint: fingerprintKey('sk-one') });
    const k2 = key({ accountFingerprint: fingerprintKey('sk-two') });
    assert.notEqual(k1, k2);
  });

  it('combines several accounts order-independently', () => {
    assert.equal(combineFingerprints(['fp1:b', 'fp1:a', 'fp1:b']), combineFingerprints(['fp1:a', 'fp1:b']));
    assert.equal(combineFingerprints(['fp1:a']), 'fp1:a');
  });
});
