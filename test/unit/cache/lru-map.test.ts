import { strict as assert } from 'node:assert';
import { LruMap } from '../../../src/core/cache/lru-map';

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
