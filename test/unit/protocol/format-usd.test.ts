import assert from 'node:assert/strict';
import { formatCost, formatUsd } from '../../../src/protocol/format-usd';

describe('protocol: formatUsd (one cost format for the status bar, reports and the chat view)', () => {
  it('keeps the significant digits of small spends', () => {
    assert.equal(formatUsd(0.000028), '$0.000028');
    assert.equal(formatUsd(0.0099), '$0.009900');
    assert.equal(formatUsd(0.0123), '$0.0123');
    assert.equal(formatUsd(0.5), '$0.5000');
  });

  it('uses cents from one dollar up, and $0.00 for nothing', () => {
    assert.equal(formatUsd(1), '$1.00');
    assert.equal(formatUsd(12.345), '$12.35');
    assert.equal(formatUsd(0), '$0.00');
  });

  it('never shows a positive spend as zero, and keeps the sign of a negative amount', () => {
    assert.equal(formatUsd(0.0000001), '<$0.000001');
    assert.equal(formatUsd(-0.25), '-$0.2500');
  });

  it('says what it cannot format', () => {
    assert.equal(formatUsd(Number.NaN), '$?');
    assert.equal(formatCost(null), 'cost unknown');
    assert.equal(formatCost(0.0001), '$0.000100');
  });
});
