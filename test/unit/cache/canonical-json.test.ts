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
});
