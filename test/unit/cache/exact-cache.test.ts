import { strict as assert } from 'node:assert';
import { entrySize } from '../../../src/core/cache/cache-entry';
import { computeCacheKey } from '../../../src/core/cache/cache-key';
import { createExactCache } from '../../../src/core/cache/exact-cache';
import { baseRequest, fakeClock, keyInput, makeEntry } from './helpers';

const HOUR = 3_600_000;

describe('exact cache', () => {
  it('returns what was stored; the same prompt with max_tokens 16 and 4000 is two misses', () => {
    const clock = fakeClock();
    const cache = createExactCache({ maxEntries: 10, maxBytes: 1 << 20, ttlMs: HOUR, now: clock.now });
    const k16 = computeCacheKey(keyInput({ request: baseRequest({ max_tokens: 16 }) }));
    const k4000 = computeCacheKey(keyInput({ request: baseRequest({ max_tokens: 4000 }) }));
    assert.equal(cache.get(k16), undefined);
    cache.set(k16, makeEntry({ content: 'short', finishReason: { unified: 'length' } }));
    assert.equal(cache.get(k4000), undefined);
    cache.set(k4000, makeEntry({ content: 'long answer' }));
    assert.equal(cache.get(k16)?.content, 'short');
    assert.equal(cache.get(k4000)?.content, 'long answer');
  });

  it('misses across accounts and workspaces (S10)', () => {
    const cache = createExactCache({ maxEntries: 10, maxBytes: 1 << 20, ttlMs: HOUR, now: fakeClock().now });
    cache.set(computeCacheKey(keyInput()), makeEntry());
    assert.equal(cache.get(computeCacheKey(keyInput({ accountFingerprint: 'fp1:other' }))), undefined);
    assert.equal(cache.get(computeCacheKey(keyInput({ workspace: 'file:///elsewhere' }))), undefined);
    assert.ok(cache.get(computeCacheKey(keyInput())));
  });

  it('expires entries on the injected clock (default and per-entry TTL)', () => {
    const clock = fakeClock();
    const cache = createExactCache({ maxEntries: 10, maxBytes: 1 << 20, ttlMs: HOUR, now: clock.now });
    cache.set('a', makeEntry());
    cache.set('b', makeEntry(), { ttlMs: 1000 });
    clock.advance(999);
    assert.ok(cache.get('b'));
    clock.advance(1);
    assert.equal(cache.get('b'), undefined);
    assert.ok(cache.get('a'));
    clock.advance(HOUR);
    assert.equal(cache.get('a'), undefined);
    assert.equal(cache.size, 0);
  });

  it('a request ttlMs rejects older answers without deleting them', () => {
    const clock = fakeClock();
    const cache = createExactCache({ maxEntries: 10, maxBytes: 1 << 20, ttlMs: HOUR, now: clock.now });
    cache.set('a', makeEntry({ createdAt: clock.now() }));
    clock.advance(10_000);
    assert.equal(cache.get('a', { maxAgeMs: 5_000 }), undefined);
    assert.ok(cache.get('a', { maxAgeMs: 20_000 }));
  });

  it('evicts the least recently used entry past maxEntries', () => {
    const cache = createExactCache({ maxEntries: 2, maxBytes: 1 << 20, ttlMs: HOUR, now: fakeClock().now });
    cache.set('a', makeEntry());
    cache.set('b', makeEntry());
    cache.get('a');
    cache.set('c', makeEntry());
    assert.ok(cache.get('a'));
    assert.equal(cache.get('b'), undefined);
    assert.ok(cache.get('c'));
  });

  it('evicts by bytes and refuses an entry larger than the bound', () => {
    const big = makeEntry({ content: 'x'.repeat(4000) });
    const size = entrySize(big);
    const cache = createExactCache({ maxEntries: 100, maxBytes: size * 2 + 10, ttlMs: HOUR, now: fakeClock().now });
    cache.set('a', big);
    cache.set('b', big);
    cache.set('c', big);
    assert.equal(cache.size, 2);
    assert.equal(cache.get('a'), undefined);
    assert.ok(cache.bytes <= size * 2 + 10);
    assert.equal(cache.set('huge', makeEntry({ content: 'y'.repeat(20_000) })), false);
    assert.equal(cache.get('huge'), undefined);
  });

  it('clears by workspace, alias or fingerprint, and retains by predicate', () => {
    const cache = createExactCache({ maxEntries: 10, maxBytes: 1 << 20, ttlMs: HOUR, now: fakeClock().now });
    const tags = (workspace: string, alias: string, fingerprint = 'fp1:a', configHash = 'c1') => ({ workspace, alias, fingerprint, configHash });
    cache.set('w1-fast', makeEntry({ tags: tags('w1', 'fast') }));
    cache.set('w1-smart', makeEntry({ tags: tags('w1', 'smart') }));
    cache.set('w2-fast', makeEntry({ tags: tags('w2', 'fast', 'fp1:b', 'c2') }));
    cache.set('w2-smart', makeEntry({ tags: tags('w2', 'smart') }));
    assert.equal(cache.clear({ workspace: 'w1', alias: 'fast' }), 1);
    assert.equal(cache.clear({ fingerprint: 'fp1:b' }), 1);
    assert.equal(cache.retain((t) => t.configHash === 'c1' && t.alias !== 'smart'), 2);
    assert.equal(cache.size, 0);
    cache.set('x', makeEntry());
    assert.equal(cache.clear(), 1);
  });

  it('prunes expired entries', () => {
    const clock = fakeClock();
    const cache = createExactCache({ maxEntries: 10, maxBytes: 1 << 20, ttlMs: HOUR, now: clock.now });
    cache.set('a', makeEntry(), { ttlMs: 10 });
    cache.set('b', makeEntry());
    clock.advance(10);
    assert.equal(cache.prune(), 1);
    assert.deepEqual(cache.entries().map(([k]) => k), ['b']);
  });
});
