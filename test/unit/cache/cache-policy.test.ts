import { strict as assert } from 'node:assert';
import { DEFAULT_CACHE_CONFIG, effectiveAliasPolicy } from '../../../src/core/cache/cache-config';
import { isDeterministic, shouldLookup, shouldStore } from '../../../src/core/cache/cache-policy';
import { RecordStatus } from '../../../src/core/model/call-record';
import { UnifiedFinishReason } from '../../../src/core/model/finish-reason';
import { baseRequest } from './helpers';

const policy = effectiveAliasPolicy(DEFAULT_CACHE_CONFIG, undefined);
const stop = { unified: 'stop' as const };

describe('cache policy: what is stored (R16)', () => {
  it('stores a complete, deterministic, ok answer with the alias TTL', () => {
    assert.deepEqual(shouldStore('ok', stop, baseRequest(), policy), { store: true, ttlMs: DEFAULT_CACHE_CONFIG.ttlMs });
    assert.equal(shouldStore('ok', { unified: 'length' }, baseRequest({ max_tokens: 16 }), policy).store, true);
  });

  const notOk: RecordStatus[] = ['error', 'cancelled', 'incomplete'];
  for (const status of notOk) {
    it(`never stores a ${status} answer`, () => {
      assert.deepEqual(shouldStore(status, stop, baseRequest(), policy), { store: false, reason: 'not-ok' });
    });
  }

  const unfinished: Array<UnifiedFinishReason | undefined> = ['error', 'content-filter', 'tool-calls', 'other', undefined];
  for (const finish of unfinished) {
    it(`never stores an answer finished by ${finish ?? 'nothing (partial stream)'}`, () => {
      const reason = finish === undefined ? undefined : { unified: finish };
      assert.deepEqual(shouldStore('ok', reason, baseRequest(), policy), { store: false, reason: 'incomplete-finish' });
    });
  }

  it('does not store temperature 0.7 (or an absent temperature) by default', () => {
    assert.deepEqual(shouldStore('ok', stop, baseRequest({ temperature: 0.7 }), policy), { store: false, reason: 'non-deterministic' });
    assert.deepEqual(shouldStore('ok', stop, { ...baseRequest(), temperature: undefined }, policy), { store: false, reason: 'non-deterministic' });
  });

  it('stores temperature 0.7 with a seed, or when the alias opts in', () => {
    assert.equal(shouldStore('ok', stop, baseRequest({ temperature: 0.7, seed: 1 }), policy).store, true);
    const optIn = effectiveAliasPolicy(DEFAULT_CACHE_CONFIG, { storeNonDeterministic: true });
    assert.equal(shouldStore('ok', stop, baseRequest({ temperature: 0.7 }), optIn).store, true);
  });

  it('honours noStore, ttlMs 0 and a per-request ttlMs', () => {
    assert.deepEqual(shouldStore('ok', stop, baseRequest({ cache: { noStore: true } }), policy), { store: false, reason: 'no-store' });
    assert.deepEqual(shouldStore('ok', stop, baseRequest({ cache: { ttlMs: 0 } }), policy), { store: false, reason: 'no-store' });
    assert.deepEqual(shouldStore('ok', stop, baseRequest({ cache: { ttlMs: 5000 } }), policy), { store: true, ttlMs: 5000 });
  });

  it('stores nothing for an alias that opted out or when the cache is off', () => {
    assert.deepEqual(shouldStore('ok', stop, baseRequest(), effectiveAliasPolicy(DEFAULT_CACHE_CONFIG, { exact: false })), { store: false, reason: 'disabled' });
    assert.deepEqual(shouldStore('ok', stop, baseRequest(), effectiveAliasPolicy({ ...DEFAULT_CACHE_CONFIG, enabled: false }, undefined)), { store: false, reason: 'disabled' });
  });
});

describe('cache policy: lookups', () => {
  it('looks up by default; noCache bypasses; ttlMs bounds the accepted age', () => {
    assert.deepEqual(shouldLookup(baseRequest(), policy), { lookup: true });
    assert.deepEqual(shouldLookup(baseRequest({ cache: { noCache: true } }), policy), { lookup: false, reason: 'no-cache' });
    assert.deepEqual(shouldLookup(baseRequest({ cache: { ttlMs: 60_000 } }), policy), { lookup: true, maxAgeMs: 60_000 });
    assert.deepEqual(shouldLookup(baseRequest(), { exact: false }), { lookup: false, reason: 'disabled' });
  });

  it('isDeterministic: temperature 0 or a seed', () => {
    assert.equal(isDeterministic(baseRequest()), true);
    assert.equal(isDeterministic(baseRequest({ temperature: 1, seed: 3 })), true);
    assert.equal(isDeterministic({ ...baseRequest(), temperature: undefined }), false);
  });

  it('semantic needs both the global section and the alias opt-in', () => {
    const withSemantic = { ...DEFAULT_CACHE_CONFIG, semantic: { embeddingDeployment: 'emb', threshold: 0.97, maxEntries: 10, timeoutMs: 1000 } };
    assert.equal(effectiveAliasPolicy(withSemantic, undefined).semantic, false);
    assert.equal(effectiveAliasPolicy(DEFAULT_CACHE_CONFIG, { semantic: true }).semantic, false);
    const p = effectiveAliasPolicy(withSemantic, { semantic: true });
    assert.equal(p.semantic, true);
    assert.equal(p.semanticThreshold, 0.97);
  });
});
