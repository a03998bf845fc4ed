import { strict as assert } from 'node:assert';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { computeCacheKey, fingerprintKey } from '../../../src/core/cache/cache-key';
import { CACHE_FILE_NAME, loadExactCache, loadExactCacheFile, saveExactCacheFile, serializeExactCache } from '../../../src/core/cache/cache-persistence';
import { createExactCache } from '../../../src/core/cache/exact-cache';
import { fakeClock, keyInput, makeEntry } from './helpers';

const CANARY_KEY = 'sk-canary-9f8e7d6c5b4a-DO-NOT-PERSIST';
const HOUR = 3_600_000;

describe('exact cache persistence', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sb-cache-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('round-trips through a file with no key material in it (canary)', async () => {
    const clock = fakeClock();
    const fp = fingerprintKey(CANARY_KEY);
    const cache = createExactCache({ maxEntries: 10, maxBytes: 1 << 20, ttlMs: HOUR, now: clock.now });
    const k = computeCacheKey(keyInput({ accountFingerprint: fp }));
    cache.set(k, makeEntry({ createdAt: clock.now(), tags: { workspace: 'w', alias: 'fast', fingerprint: fp } }));
    cache.set('0'.repeat(64), makeEntry({ content: 'second' }));
    const file = await saveExactCacheFile(dir, cache, { now: clock.now() });
    assert.equal(path.basename(file), CACHE_FILE_NAME);
    const text = await fs.readFile(file, 'utf8');
    assert.ok(!text.includes(CANARY_KEY) && !text.includes('canary'), 'the API key must never be persisted');
    assert.ok(text.includes(fp));
    assert.deepEqual((await fs.readdir(dir)).filter((f) => f.endsWith('.tmp')), []);
    if (process.platform !== 'win32') assert.equal((await fs.stat(file)).mode & 0o777, 0o600);

    const restored = createExactCache({ maxEntries: 10, maxBytes: 1 << 20, ttlMs: HOUR, now: clock.now });
    assert.equal(await loadExactCacheFile(dir, restored), 2);
    assert.deepEqual(restored.get(k), cache.get(k));
    assert.equal(restored.get('0'.repeat(64))?.content, 'second');
  });

  it('drops entries past their TTL on load and keeps their original expiry', () => {
    const clock = fakeClock();
    const cache = createExactCache({ maxEntries: 10, maxBytes: 1 << 20, ttlMs: HOUR, now: clock.now });
    cache.set('a'.repeat(64), makeEntry(), { ttlMs: 1000 });
    cache.set('b'.repeat(64), makeEntry(), { ttlMs: 5000 });
    const data = JSON.parse(JSON.stringify(serializeExactCache(cache, clock.now()))) as unknown;
    clock.advance(2000);
    const restored = createExactCache({ maxEntries: 10, maxBytes: 1 << 20, ttlMs: HOUR, now: clock.now });
    assert.equal(loadExactCache(restored, data), 1);
    assert.ok(restored.get('b'.repeat(64)));
    clock.advance(3000);
    assert.equal(restored.get('b'.repeat(64)), undefined);
  });

  it('keeps recency order across a round trip', () => {
    const clock = fakeClock();
    const cache = createExactCache({ maxEntries: 2, maxBytes: 1 << 20, ttlMs: HOUR, now: clock.now });
    cache.set('a'.repeat(64), makeEntry());
    cache.set('b'.repeat(64), makeEntry());
    cache.get('a'.repeat(64));
    const restored = createExactCache({ maxEntries: 2, maxBytes: 1 << 20, ttlMs: HOUR, now: clock.now });
    loadExactCache(restored, serializeExactCache(cache, clock.now()));
    restored.set('c'.repeat(64), makeEntry());
    assert.ok(restored.get('a'.repeat(64)));
    assert.equal(restored.get('b'.repeat(64)), undefined);
  });

  it('ignores a missing, corrupt, foreign-version or malformed file', async () => {
    const cache = createExactCache({ maxEntries: 10, maxBytes: 1 << 20, ttlMs: HOUR, now: fakeClock().now });
    assert.equal(await loadExactCacheFile(dir, cache), 0);
    await fs.writeFile(path.join(dir, CACHE_FILE_NAME), '{not json');
    assert.equal(await loadExactCacheFile(dir, cache), 0);
    assert.equal(loadExactCache(cache, { format: 'switchboard-exact-cache', keyVersion: 'old', savedAt: 0, entries: [] }), 0);
    const good = serializeExactCache(createExactCache({ maxEntries: 1, maxBytes: 1 << 20, ttlMs: HOUR, now: fakeClock().now }), 0);
    const bad = { ...good, entries: [{ key: 'not-a-digest', expiresAt: Infinity, entry: makeEntry() }, { key: 'c'.repeat(64), expiresAt: 9e15, entry: { content: 1 } }] };
    assert.equal(loadExactCache(cache, bad), 0);
    assert.equal(cache.size, 0);
  });

  it('a failed write leaves no temp file and the old file intact', async () => {
    const cache = createExactCache({ maxEntries: 10, maxBytes: 1 << 20, ttlMs: HOUR, now: fakeClock().now });
    cache.set('a'.repeat(64), makeEntry());
    await saveExactCacheFile(dir, cache, { now: 0 });
    const before = await fs.readFile(path.join(dir, CACHE_FILE_NAME), 'utf8');
    const failingFs = {
      readFile: fs.readFile,
      open: fs.open,
      mkdir: fs.mkdir,
      rm: fs.rm,
      rename: async (): Promise<void> => {
        throw new Error('disk full');
      },
    };
    cache.set('b'.repeat(64), makeEntry());
    await assert.rejects(saveExactCacheFile(dir, cache, { now: 1, fs: failingFs }), /disk full/);
    assert.deepEqual(await fs.readdir(dir), [CACHE_FILE_NAME]);
    assert.equal(await fs.readFile(path.join(dir, CACHE_FILE_NAME), 'utf8'), before);
  });

  it('syncs the temp file before renaming it over the old one (the shared atomic writer)', async () => {
    const cache = createExactCache({ maxEntries: 10, maxBytes: 1 << 20, ttlMs: HOUR, now: fakeClock().now });
    cache.set('a'.repeat(64), makeEntry());
    const steps: string[] = [];
    const recordingFs = {
      readFile: fs.readFile,
      mkdir: fs.mkdir,
      rm: fs.rm,
      open: async (file: string, flags: string, mode?: number) => {
        const fh = await fs.open(file, flags, mode);
        return {
          writeFile: async (data: string, enc: 'utf8') => {
            steps.push('write');
            await fh.writeFile(data, enc);
          },
          sync: async () => {
            steps.push('sync');
            await fh.sync();
          },
          close: () => fh.close(),
        };
      },
      rename: async (from: string, to: string): Promise<void> => {
        steps.push('rename');
        await fs.rename(from, to);
      },
    };
    await saveExactCacheFile(dir, cache, { now: 1, fs: recordingFs });
    assert.deepEqual(steps.slice(0, 3), ['write', 'sync', 'rename']);
    if (process.platform !== 'win32') assert.equal((await fs.stat(path.join(dir, CACHE_FILE_NAME))).mode & 0o777, 0o600);
  });
});
