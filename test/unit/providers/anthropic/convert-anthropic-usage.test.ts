import * as assert from 'node:assert/strict';
import { convertAnthropicUsage, mergeAnthropicUsage } from '../../../../src/core/providers/anthropic/convert-anthropic-usage';

describe('convertAnthropicUsage', () => {
  it('inputTokens counts cache reads and writes on top of input_tokens (which excludes them)', () => {
    const u = convertAnthropicUsage({ input_tokens: 6, cache_creation_input_tokens: 3337, cache_read_input_tokens: 6289, output_tokens: 198 });
    assert.deepEqual(u, { inputTokens: 6 + 3337 + 6289, outputTokens: 198, cacheReadTokens: 6289, cacheWriteTokens: 3337, reasoningTokens: 0, estimated: false });
  });

  it('missing and null counters are 0', () => {
    const u = convertAnthropicUsage({ input_tokens: 43, cache_read_input_tokens: null, output_tokens: 2 });
    assert.equal(u.inputTokens, 43);
    assert.equal(u.cacheReadTokens, 0);
    assert.equal(u.cacheWriteTokens, 0);
  });

  it('reads reasoning tokens from output_tokens_details.thinking_tokens when reported', () => {
    assert.equal(convertAnthropicUsage({ input_tokens: 1, output_tokens: 50, output_tokens_details: { thinking_tokens: 20 } }).reasoningTokens, 20);
  });

  it('adds compaction iterations (billed, left out of the top level) but not advisor iterations', () => {
    const u = convertAnthropicUsage({
      input_tokens: 612,
      output_tokens: 2819,
      iterations: [
        { type: 'compaction', input_tokens: 60385, output_tokens: 522, cache_read_input_tokens: 5, cache_creation_input_tokens: 7 },
        { type: 'message', input_tokens: 612, output_tokens: 2819 },
        { type: 'advisor_message', input_tokens: 2728, output_tokens: 874 },
      ],
    });
    assert.equal(u.inputTokens, 612 + 60385 + 5 + 7);
    assert.equal(u.outputTokens, 2819 + 522);
    assert.equal(u.cacheReadTokens, 5);
    assert.equal(u.cacheWriteTokens, 7);
  });
});

describe('mergeAnthropicUsage', () => {
  it('later reports win field by field; absent or null fields keep the earlier value', () => {
    const start = { input_tokens: 43, cache_read_input_tokens: 10, output_tokens: 1 };
    const merged = mergeAnthropicUsage(start, { input_tokens: 61, cache_read_input_tokens: null, output_tokens: 2 });
    assert.deepEqual(merged, { input_tokens: 61, cache_read_input_tokens: 10, output_tokens: 2 });
  });
  it('ignores a non-object report', () => {
    assert.deepEqual(mergeAnthropicUsage({ output_tokens: 1 }, 'x'), { output_tokens: 1 });
  });
});
