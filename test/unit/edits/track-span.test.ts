import assert from 'node:assert/strict';
import { shiftSpan, shiftSpanByEvent } from '../../../src/extension/edits/track-span';

describe('edits: shiftSpan (is the proposed range still the text the model saw?)', () => {
  const span = { start: 10, end: 20 };

  it('moves the span with an edit before it', () => {
    assert.deepEqual(shiftSpan(span, { rangeOffset: 2, rangeLength: 0, text: 'abc' }), { start: 13, end: 23 });
    assert.deepEqual(shiftSpan(span, { rangeOffset: 0, rangeLength: 5, text: '' }), { start: 5, end: 15 });
  });

  it('leaves the span alone for an edit after it, or typing right at a boundary', () => {
    assert.deepEqual(shiftSpan(span, { rangeOffset: 25, rangeLength: 3, text: 'x' }), span);
    assert.deepEqual(shiftSpan(span, { rangeOffset: 20, rangeLength: 0, text: 'x' }), span);
    assert.deepEqual(shiftSpan(span, { rangeOffset: 10, rangeLength: 0, text: 'x' }), { start: 11, end: 21 });
  });

  it('reports an edit inside or overlapping the span as a change to it', () => {
    assert.equal(shiftSpan(span, { rangeOffset: 12, rangeLength: 0, text: 'x' }), undefined);
    assert.equal(shiftSpan(span, { rangeOffset: 8, rangeLength: 4, text: '' }), undefined);
    assert.equal(shiftSpan(span, { rangeOffset: 19, rangeLength: 5, text: 'y' }), undefined);
    assert.equal(shiftSpan(span, { rangeOffset: 0, rangeLength: 30, text: '' }), undefined);
  });

  it('applies a multi-cursor event (offsets into the text before the event) from the end backwards', () => {
    const changes = [
      { rangeOffset: 1, rangeLength: 0, text: 'aa' },
      { rangeOffset: 30, rangeLength: 0, text: 'bbb' },
    ];
    assert.deepEqual(shiftSpanByEvent(span, changes), { start: 12, end: 22 });
    assert.equal(shiftSpanByEvent(span, [...changes, { rangeOffset: 15, rangeLength: 1, text: '' }]), undefined);
  });
});
