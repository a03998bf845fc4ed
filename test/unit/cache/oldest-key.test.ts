import { strict as assert } from 'node:assert';
import { OldestKey } from '../../../src/core/cache/oldest-key';

describe('OldestKey', () => {
  it('gives the oldest key of a map used as a queue, from where it stopped, and starts again once it ran out', () => {
    const map = new Map<string, number>();
    const oldest = new OldestKey(map);
    assert.equal(oldest.take(), undefined, 'an empty map has none (and its cursor is done)');
    map.set('a', 1);
    map.set('b', 2);
    map.set('c', 3);
    assert.equal(oldest.take(), 'a', 'keys added after the cursor ran out are found');
    map.delete('a');
    // 'b' used again: moved to the end.
    map.delete('b');
    map.set('b', 2);
    assert.equal(oldest.take(), 'c');
    map.delete('c');
    assert.equal(oldest.take(), 'b');
    map.delete('b');
    map.set('d', 4);
    map.clear();
    oldest.forget();
    map.set('e', 5);
    map.set('f', 6);
    assert.equal(oldest.take(), 'e');
    map.delete('e');
    // Forgotten (entries went another way): the next read starts from the first key again.
    oldest.forget();
    assert.equal(oldest.take(), 'f');
  });

  it('keeps the order across 50,000 evictions, while V8 rebuilds the table under it many times', () => {
    // The cursor survives the rebuilds (the iterator moves to the new table); what it saves is measured in bench/cache.bench.ts.
    const map = new Map<number, number>();
    for (let i = 0; i < 1000; i++) map.set(i, i);
    const oldest = new OldestKey(map);
    let next = 1000;
    for (let n = 0; n < 50_000; n++) {
      const key = oldest.take();
      assert.equal(key, n);
      map.delete(key as number);
      map.set(next, next);
      next++;
    }
    assert.equal(map.size, 1000);
  });
});
