import * as assert from 'node:assert/strict';
import { clonePlain } from '../../../src/core/model/clone-plain';

describe('clonePlain', () => {
  it('copies a record deeply: changing the copy never reaches the original', () => {
    const record = { id: 'r1', attempts: [{ deploymentId: 'a', latencyMs: 3 }], usage: { inputTokens: 1, estimated: false }, route: { tier: 't', reason: 'r' }, alias: undefined, costUsd: null };
    const copy = clonePlain(record);
    assert.deepEqual(copy, record);
    assert.ok('alias' in copy, 'keeps keys whose value is undefined, as structuredClone does');
    copy.attempts[0]!.latencyMs = 99;
    copy.usage.inputTokens = 99;
    copy.route.tier = 'changed';
    copy.attempts.push({ deploymentId: 'b', latencyMs: 1 });
    assert.equal(record.attempts.length, 1);
    assert.equal(record.attempts[0]!.latencyMs, 3);
    assert.equal(record.usage.inputTokens, 1);
    assert.equal(record.route.tier, 't');
  });

  it('falls back to structuredClone for objects that are not plain (a Date stays a Date)', () => {
    const when = new Date(5);
    const copy = clonePlain({ when });
    assert.ok(copy.when instanceof Date);
    assert.notEqual(copy.when, when);
    assert.equal(copy.when.getTime(), 5);
  });

  it('throws on what structuredClone cannot copy (a function), so a store never keeps a live reference', () => {
    assert.throws(() => clonePlain({ origin: () => 'x' }), /could not be cloned/);
  });
});
