import { strict as assert } from 'node:assert';
import { LruMap } from '../../../src/core/cache/lru-map';
import { collectGarbage } from '../../support/collect-garbage';
import { seededRandom } from '../../support/seeded-random';

const keys = (m: LruMap<string, number>): string[] => m.entries().map(([k]) => k);

describe('LruMap', () => {
  it('lists entries most recently used first; get refreshes, set of a held key replaces and refreshes', () => {
    const m = new LruMap<string, number>(10, 1000);
    m.set('a', 1, 1);
    m.set('b', 2, 1);
    m.set('c', 3, 1);
    assert.deepEqual(keys(m), ['c', 'b', 'a']);
    assert.equal(m.get('a'), 1);
    assert.deepEqual(keys(m), ['a', 'c', 'b']);
    assert.equal(m.set('b', 20, 5), true);
    assert.deepEqual(m.entries(), [['b', 20], ['a', 1], ['c', 3]]);
    assert.equal(m.totalSize, 7);
    assert.equal(m.get('zz'), undefined);
  });

  it('drops the least recently used past maxEntries', () => {
    const m = new LruMap<string, number>(2, 1000);
    m.set('a', 1, 1);
    m.set('b', 2, 1);
    m.get('a');
    m.set('c', 3, 1);
    assert.deepEqual(keys(m), ['c', 'a']);
    assert.equal(m.size, 2);
    assert.equal(m.totalSize, 2);
  });

  it('drops as many least recently used as the size bound needs, and refuses a value larger than the bound', () => {
    const m = new LruMap<string, number>(100, 10);
    m.set('a', 1, 3);
    m.set('b', 2, 3);
    m.set('c', 3, 3);
    assert.equal(m.set('d', 4, 7), true);
    assert.deepEqual(keys(m), ['d', 'c']);
    assert.equal(m.totalSize, 10);
    assert.equal(m.set('c', 30, 11), false);
    assert.deepEqual(m.entries(), [['d', 4], ['c', 3]], 'a refused value leaves the held one');
    assert.equal(m.totalSize, 10);
  });

  it('delete and clear keep the size total right', () => {
    const m = new LruMap<string, number>(100, 100);
    m.set('a', 1, 4);
    m.set('b', 2, 6);
    assert.equal(m.delete('a'), true);
    assert.equal(m.delete('a'), false);
    assert.equal(m.totalSize, 6);
    m.clear();
    assert.equal(m.size, 0);
    assert.equal(m.totalSize, 0);
    m.set('c', 3, 100);
    assert.equal(m.totalSize, 100);
  });
});

describe('LruMap against a reference LRU', () => {
  /** The plain definition: an array, least recent first, scanned on every operation. */
  class ReferenceLru {
    items: { key: string; value: number; size: number }[] = [];
    constructor(
      private readonly maxEntries: number,
      private readonly maxSize: number,
    ) {}
    private total(): number {
      return this.items.reduce((t, i) => t + i.size, 0);
    }
    get(key: string): number | undefined {
      const i = this.items.findIndex((x) => x.key === key);
      if (i < 0) return undefined;
      const [item] = this.items.splice(i, 1);
      this.items.push(item!);
      return item!.value;
    }
    set(key: string, value: number, size: number): boolean {
      if (size > this.maxSize) return false;
      this.delete(key);
      this.items.push({ key, value, size });
      while (this.items.length > this.maxEntries || this.total() > this.maxSize) this.items.shift();
      return true;
    }
    delete(key: string): boolean {
      const i = this.items.findIndex((x) => x.key === key);
      if (i < 0) return false;
      this.items.splice(i, 1);
      return true;
    }
    clear(): void {
      this.items = [];
    }
    entries(): [string, number][] {
      return this.items.map((i): [string, number] => [i.key, i.value]).reverse();
    }
  }


  for (const [maxEntries, maxSize, keySpace] of [
    [3, 1000, 6],
    [50, 1000, 80],
    [50, 120, 400],
    [1000, 1e9, 5000],
  ] as const) {
    it(`the same answers, entries and order after 20,000 random operations (maxEntries ${maxEntries}, maxSize ${maxSize}, ${keySpace} keys)`, () => {
      const random = seededRandom(maxEntries * 31 + keySpace);
      const lru = new LruMap<string, number>(maxEntries, maxSize);
      const ref = new ReferenceLru(maxEntries, maxSize);
      for (let op = 0; op < 20_000; op++) {
        const key = `k${Math.floor(random() * keySpace)}`;
        const r = random();
        // Mostly stores of new keys (a cache of misses evicts on every store), with reads, deletes and the odd clear.
        if (r < 0.6) {
          const size = 1 + Math.floor(random() * 8);
          assert.equal(lru.set(key, op, size), ref.set(key, op, size), `set at ${op}`);
        } else if (r < 0.85) assert.equal(lru.get(key), ref.get(key), `get at ${op}`);
        else if (r < 0.9995) assert.equal(lru.delete(key), ref.delete(key), `delete at ${op}`);
        else {
          lru.clear();
          ref.clear();
        }
        if (op % 997 === 0) assert.deepEqual(lru.entries(), ref.entries(), `entries at ${op}`);
      }
      assert.deepEqual(lru.entries(), ref.entries());
      assert.equal(lru.size, ref.entries().length);
    });
  }
});

describe('LruMap keeps nothing it removed', () => {
  it('no evicted, deleted or cleared value stays reachable (an idle eviction cursor would hold its table)', async () => {
    const lru = new LruMap<number, object>(100, 1e9);
    const removed: WeakRef<object>[] = [];
    const add = (i: number): void => {
      const value = { i };
      removed.push(new WeakRef(value));
      lru.set(i, value, 1);
    };
    for (let i = 0; i < 300; i++) add(i); // 200 evicted through the cursor
    for (let i = 200; i < 300; i++) lru.delete(i); // the rest deleted one by one (a prune): no eviction moves the cursor
    for (let i = 0; i < 500; i++) lru.delete(-1); // nothing else happens to the map
    await collectGarbage();
    assert.equal(removed.filter((r) => r.deref() !== undefined).length, 0, 'after deletes');
    for (let i = 300; i < 450; i++) add(i);
    lru.clear();
    await collectGarbage();
    assert.equal(removed.filter((r) => r.deref() !== undefined).length, 0, 'after a clear');
  });
});
