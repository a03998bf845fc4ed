import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { CACHE_FILE_NAME, CacheFs, loadExactCacheFile, saveExactCacheFile, serializeExactCache, serializeExactCacheBytes, serializeExactCacheText } from '../../../src/core/cache/cache-persistence';
import { ExactCache, createExactCache } from '../../../src/core/cache/exact-cache';
import { fakeClock, makeEntry } from './helpers';

const HOUR = 3_600_000;
const ENTRIES = 5000;

/** An in-memory file system whose calls resolve at once: the only event-loop turns are the ones persistence yields. */
function memoryFs(files: Map<string, Buffer>, onRead?: () => void, onWrite?: () => void): CacheFs {
  return {
    readFile: async (file) => {
      onRead?.();
      const text = files.get(file);
      if (text === undefined) throw Object.assign(new Error(`ENOENT: ${file}`), { code: 'ENOENT' });
      return text;
    },
    mkdir: async () => undefined,
    open: async (file) => ({
      writeFile: async (data) => {
        onWrite?.();
        files.set(file, Buffer.from(data));
      },
      sync: async () => undefined,
      close: async () => undefined,
    }),
    rename: async (from, to) => {
      files.set(to, files.get(from) ?? Buffer.alloc(0));
      files.delete(from);
    },
    rm: async (file) => void files.delete(file),
  };
}

/** Counts event-loop turns (setImmediate callbacks) from start() until stop(). */
function turnCounter(): { start(): void; stop(): number } {
  let turns = 0;
  let running = false;
  const tick = (): void => {
    if (!running) return;
    turns++;
    setImmediate(tick);
  };
  return {
    start() {
      if (running) return;
      running = true;
      setImmediate(tick);
    },
    stop() {
      running = false;
      return turns;
    },
  };
}

function bigCache(now: () => number): ExactCache {
  const cache = createExactCache({ maxEntries: ENTRIES, maxBytes: 1 << 30, ttlMs: HOUR, now });
  for (let i = 0; i < ENTRIES; i++) cache.set(i.toString(16).padStart(64, '0'), makeEntry({ content: `answer ${i} `.padEnd(2000, 'lorem ipsum ') }));
  return cache;
}

describe('exact cache persistence works in slices (never blocks the extension host for the whole cache)', () => {
  const dir = '/cache';
  const file = path.join(dir, CACHE_FILE_NAME);

  it('saving 5k entries lets the event loop turn many times before the file is written', async () => {
    const clock = fakeClock();
    const cache = bigCache(clock.now);
    const turns = turnCounter();
    let turnsBeforeWrite = -1;
    const files = new Map<string, Buffer>();
    turns.start();
    await saveExactCacheFile(dir, cache, { now: clock.now(), fs: memoryFs(files, undefined, () => (turnsBeforeWrite = turns.stop())) });
    turns.stop();
    // ~10 MB of JSON in 256 KB slices: about 40 turns. A one-shot JSON.stringify gives 0.
    assert.ok(turnsBeforeWrite >= 20, `expected the serialisation to yield at least 20 times, saw ${turnsBeforeWrite} event-loop turns`);
    assert.deepEqual(JSON.parse(files.get(file)?.toString('utf8') ?? ''), JSON.parse(JSON.stringify(serializeExactCache(cache, clock.now()))), 'same JSON document as before');
  });

  it('loading 5k entries lets the event loop turn many times, and restores every entry', async () => {
    const clock = fakeClock();
    const cache = bigCache(clock.now);
    const files = new Map([[file, await serializeExactCacheBytes(cache, clock.now(), async () => undefined)]]);
    const turns = turnCounter();
    const restored = createExactCache({ maxEntries: ENTRIES, maxBytes: 1 << 30, ttlMs: HOUR, now: clock.now });
    const loaded = await loadExactCacheFile(dir, restored, { fs: memoryFs(files, () => turns.start()) });
    const seen = turns.stop();
    assert.equal(loaded, ENTRIES);
    assert.ok(seen >= 20, `expected parsing to yield at least 20 times, saw ${seen} event-loop turns`);
    assert.equal(restored.get('0'.repeat(64))?.content, cache.get('0'.repeat(64))?.content);
    assert.equal(restored.get((ENTRIES - 1).toString(16).padStart(64, '0'))?.content.startsWith(`answer ${ENTRIES - 1} `), true);
  });

  it('a timer scheduled every 10 ms keeps firing while 5k entries are saved and loaded', async () => {
    const clock = fakeClock();
    const cache = bigCache(clock.now);
    const files = new Map<string, Buffer>();
    let fired = 0;
    let firedAtWrite = 0;
    const timer = setInterval(() => fired++, 10);
    try {
      // A slow yield (a real timer turn) makes the proof independent of the machine's speed.
      const slowYield = (): Promise<void> => new Promise((r) => setTimeout(r, 2));
      await saveExactCacheFile(dir, cache, { now: clock.now(), fs: memoryFs(files, undefined, () => (firedAtWrite = fired)), yieldToLoop: slowYield });
      assert.ok(firedAtWrite >= 2, `the 10 ms timer fired ${firedAtWrite} times during the save`);
      const before = fired;
      const restored = createExactCache({ maxEntries: ENTRIES, maxBytes: 1 << 30, ttlMs: HOUR, now: clock.now });
      assert.equal(await loadExactCacheFile(dir, restored, { fs: memoryFs(files), yieldToLoop: slowYield }), ENTRIES);
      assert.ok(fired - before >= 2, `the 10 ms timer fired ${fired - before} times during the load`);
    } finally {
      clearInterval(timer);
    }
  });

  it('still loads a file written in the older one-line layout, and refuses a torn one', async () => {
    const clock = fakeClock();
    const cache = createExactCache({ maxEntries: 10, maxBytes: 1 << 20, ttlMs: HOUR, now: clock.now });
    cache.set('a'.repeat(64), makeEntry({ content: 'line one\nline two' }));
    cache.set('b'.repeat(64), makeEntry({ content: 'second' }));
    const legacy = new Map([[file, Buffer.from(JSON.stringify(serializeExactCache(cache, clock.now())))]]);
    const fromLegacy = createExactCache({ maxEntries: 10, maxBytes: 1 << 20, ttlMs: HOUR, now: clock.now });
    assert.equal(await loadExactCacheFile(dir, fromLegacy, { fs: memoryFs(legacy) }), 2);
    assert.equal(fromLegacy.get('a'.repeat(64))?.content, 'line one\nline two');

    const text = await serializeExactCacheText(cache, clock.now());
    const torn = new Map([[file, Buffer.from(text.slice(0, text.length - 40))]]);
    const fromTorn = createExactCache({ maxEntries: 10, maxBytes: 1 << 20, ttlMs: HOUR, now: clock.now });
    assert.equal(await loadExactCacheFile(dir, fromTorn, { fs: memoryFs(torn) }), 0);
    assert.equal(fromTorn.size, 0);
    const corruptLine = new Map([[file, Buffer.from(text.replace('"second"', '"sec'))]]);
    assert.notEqual(text.replace('"second"', '"sec'), text);
    assert.equal(await loadExactCacheFile(dir, fromTorn, { fs: memoryFs(corruptLine) }), 0);
  });
});
