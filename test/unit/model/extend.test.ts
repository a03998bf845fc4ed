import * as assert from 'node:assert/strict';
import { extend } from '../../../src/core/model/extend';

describe('extend', () => {
  it('is { ...base, ...extra }: a new object, extra winning, base untouched', () => {
    const base = { model: 'fast', max_tokens: undefined as number | undefined, temperature: 0 };
    const out = extend(base, { max_tokens: 100 });
    assert.deepEqual(out, { ...base, ...{ max_tokens: 100 } });
    assert.notEqual(out, base);
    assert.equal(base.max_tokens, undefined);
    assert.deepEqual(Object.keys(out), ['model', 'max_tokens', 'temperature'], 'key order as a spread gives it');
  });
});
