import * as assert from 'node:assert/strict';
import { canonicalJson } from '../../../src/core/cache/canonical-json';

describe('canonicalJson', () => {
  it('sorts keys, drops null/undefined members and quotes keys exactly as JSON.stringify does', () => {
    const value = { z: 1, 'a"b': 2, 'line\nbreak': 3, 'é': 4, $x: -0, 'k-1': 1e21, n: null, u: undefined, arr: [0.5, 'q"'] };
    const sorted = Object.fromEntries(
      Object.keys(value)
        .filter((k) => value[k as keyof typeof value] !== null && value[k as keyof typeof value] !== undefined)
        .sort()
        .map((k) => [k, value[k as keyof typeof value]]),
    );
    assert.equal(canonicalJson(value), JSON.stringify(sorted));
    assert.equal(JSON.parse(canonicalJson(value))['line\nbreak'], 3);
  });

  it('tags non-finite numbers so they never equal an absent value', () => {
    assert.notEqual(canonicalJson({ a: Number.NaN }), canonicalJson({}));
    assert.notEqual(canonicalJson([Infinity]), canonicalJson([null]));
  });

  it('orders keys as Array.prototype.sort does, for short and long key lists (integer-like, upper case, non-ASCII, surrogates)', () => {
    let seed = 7;
    const random = (): number => {
      seed = (seed * 1664525 + 1013904223) >>> 0;
      return seed / 2 ** 32;
    };
    const alphabet = ['a', 'B', 'z', '0', '9', '_', '-', 'é', 'É', '\u{1F600}', 'ä', '$', ' '];
    const sortedText = (obj: Record<string, number>): string => `{${Object.keys(obj).sort().map((k) => `${JSON.stringify(k)}:${obj[k]}`).join(',')}}`;
    for (let round = 0; round < 300; round++) {
      const n = 1 + Math.floor(random() * 40);
      const obj: Record<string, number> = {};
      for (let i = 0; i < n; i++) {
        const len = 1 + Math.floor(random() * 4);
        let k = '';
        for (let c = 0; c < len; c++) k += alphabet[Math.floor(random() * alphabet.length)];
        if (random() < 0.2) k = String(Math.floor(random() * 200)); // integer-like: Object.keys lists these first
        obj[k] = i;
      }
      assert.equal(canonicalJson(obj), sortedText(obj), `round ${round}: ${JSON.stringify(Object.keys(obj))}`);
    }
  });
});
