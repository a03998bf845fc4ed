import * as assert from 'node:assert/strict';
import { mapAnthropicStopReason } from '../../../../src/core/providers/anthropic/map-anthropic-stop-reason';

describe('mapAnthropicStopReason', () => {
  const cases: Array<[string, string]> = [
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['max_tokens', 'length'],
    ['model_context_window_exceeded', 'length'],
    ['tool_use', 'tool-calls'],
    ['refusal', 'content-filter'],
    ['pause_turn', 'other'],
    ['something_new', 'other'],
  ];
  for (const [raw, unified] of cases) {
    it(`${raw} -> ${unified}, raw kept`, () => {
      assert.deepEqual(mapAnthropicStopReason(raw), { unified, raw });
    });
  }
  it('no stop reason -> other without raw', () => {
    assert.deepEqual(mapAnthropicStopReason(null), { unified: 'other' });
    assert.deepEqual(mapAnthropicStopReason(undefined), { unified: 'other' });
  });
});
