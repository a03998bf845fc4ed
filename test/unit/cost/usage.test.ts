import assert from 'node:assert/strict';
import { convertAnthropicUsage } from '../../../src/core/providers/anthropic/convert-anthropic-usage';
import { convertOpenAIUsage as convertOpenAIUsageOrNone } from '../../../src/core/providers/openai/convert-openai-usage';
import type { Usage } from '../../../src/core/model/usage';

/** The adapter's converter (the one the product uses); these inputs always carry usage. */
function convertOpenAIUsage(raw: Record<string, unknown>): Usage {
  const u = convertOpenAIUsageOrNone(raw);
  if (!u) throw new Error('expected usage');
  return u;
}
import { estimateRequestTokens, estimateTokens, estimateTokensOffThread, requestTokensUpperBound } from '../../../src/core/usage/estimate-tokens';
import { TokenCountWorker } from '../../../src/core/usage/token-count-worker';
import { finalizeUsage, reportedUsage } from '../../../src/core/usage/finalize-usage';

const req = { messages: [{ role: 'system' as const, content: 'You are terse.' }, { role: 'user' as const, content: 'Say hello to the world.' }] };

describe('cost/usage', () => {
  it('counts tokens with a real tokenizer (o200k_base)', () => {
    assert.equal(estimateTokens(''), 0);
    assert.equal(estimateTokens('hello world'), 2);
    assert.ok(estimateTokens('a <|endoftext|> b') > 3, 'special tokens count as text, no throw');
    assert.equal(estimateRequestTokens(req.messages), 3 + (3 + estimateTokens('system') + estimateTokens('You are terse.')) + (3 + estimateTokens('user') + estimateTokens('Say hello to the world.')));
  });

  it('the worker thread counts exactly what the in-thread tokenizer counts (short, long and sampled texts)', async () => {
    const worker = new TokenCountWorker();
    try {
      const texts = ['', 'hello world', 'a <|endoftext|> b', 'word '.repeat(3000), 'x'.repeat(40_000) + ' tail', '😀'.repeat(700)];
      assert.deepEqual(await estimateTokensOffThread(texts, (p) => worker.count(p)), texts.map(estimateTokens));
    } finally {
      worker.dispose();
    }
  });

  it('a counter that fails gives ≈ 4 characters a token, never 0', async () => {
    const counts = await estimateTokensOffThread(['hello world, hello'], () => Promise.reject(new Error('no worker')));
    assert.deepEqual(counts, [5]);
    const u = await finalizeUsage(undefined, req, 'Hello, world!', true, () => Promise.reject(new Error('no worker')));
    assert.equal(u.estimated, true);
    assert.ok(u.inputTokens > 0 && u.outputTokens > 0);
  });

  it("budgets' input bound (no tokenizer) is never below the BPE count", () => {
    const texts = ['Say hello to the world.', 'x'.repeat(20_000), '😀 emoji 漢字 '.repeat(500), 'aGVsbG8gd29ybGQ='.repeat(2000)];
    for (const t of texts) {
      const messages = [{ role: 'user' as const, content: t }];
      assert.ok(requestTokensUpperBound(messages) >= estimateRequestTokens(messages), t.slice(0, 20));
    }
  });

  it('estimates when the provider reported nothing, flagged, never 0', async () => {
    const u = await finalizeUsage(undefined, req, 'Hello, world!');
    assert.equal(u.estimated, true);
    assert.ok(u.inputTokens > 0);
    assert.ok(u.outputTokens > 0);
  });

  it('keeps a complete report as is', async () => {
    const reported = convertOpenAIUsage({ prompt_tokens: 20, completion_tokens: 5, prompt_tokens_details: { cached_tokens: 0 } });
    assert.deepEqual(await finalizeUsage(reported, req, 'Hello'), reported);
  });

  it('fills an impossible zero (output text but 0 output tokens) and flags it', async () => {
    const u = await finalizeUsage({ inputTokens: 20, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, estimated: false }, req, 'Some answer text');
    assert.equal(u.inputTokens, 20);
    assert.ok(u.outputTokens > 0);
    assert.equal(u.estimated, true);
  });

  it('OpenAI: prompt_tokens includes cached, completion includes reasoning', () => {
    assert.deepEqual(convertOpenAIUsage({ prompt_tokens: 100, completion_tokens: 50, prompt_tokens_details: { cached_tokens: 60 }, completion_tokens_details: { reasoning_tokens: 30 } }), {
      inputTokens: 100, outputTokens: 50, cacheReadTokens: 60, cacheWriteTokens: 0, reasoningTokens: 30, estimated: false,
    });
  });

  it('Anthropic: input_tokens excludes cache reads and writes', () => {
    assert.deepEqual(convertAnthropicUsage({ input_tokens: 10, cache_read_input_tokens: 60, cache_creation_input_tokens: 30, output_tokens: 50 }), {
      inputTokens: 100, outputTokens: 50, cacheReadTokens: 60, cacheWriteTokens: 30, reasoningTokens: 0, estimated: false,
    });
  });

  describe('reportedUsage (the no-await path of finalizeUsage)', () => {
    const u = (o: Partial<Usage>): Usage => ({ inputTokens: 10, outputTokens: 5, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, estimated: false, ...o });
    const req = { messages: [{ role: 'user' as const, content: 'hello there, how are you today?' }] };
    const cases: Array<[string, Usage | undefined, string, boolean]> = [
      ['a complete report', u({ reasoningTokens: 9 }), 'hi', true],
      ['no report', undefined, 'hi', true],
      ['zero input', u({ inputTokens: 0 }), 'hi', true],
      ['input below the cached part', u({ inputTokens: 2, cacheReadTokens: 5 }), 'hi', true],
      ['zero output for a non-empty answer', u({ outputTokens: 0 }), 'hi', true],
      ['a cut answer', u({}), 'hi there', false],
      ['a cut answer with no text', u({}), '', false],
    ];
    for (const [name, reported, text, complete] of cases) {
      it(`${name}: either defers to finalizeUsage or gives exactly what it gives`, async () => {
        const quick = reportedUsage(reported, text, complete);
        const full = await finalizeUsage(reported, req, text, complete, async (pieces) => pieces.map((p) => p.length));
        if (quick !== undefined) assert.deepEqual(quick, full);
        else assert.ok(name !== 'a complete report', 'a complete report needs no counting');
      });
    }
    it('answers without counting for a complete report', () => {
      assert.deepEqual(reportedUsage(u({ reasoningTokens: 9 }), 'hi', true), u({ reasoningTokens: 5 }));
    });
  });
});
