import assert from 'node:assert/strict';
import { calcPrice } from '@pydantic/genai-prices';
import { DeploymentConfig } from '../../../src/core/config/switchboard-config';
import { Usage } from '../../../src/core/model/usage';
import { createPriceBook } from '../../../src/core/pricing/price-book';
import { convertAnthropicUsage } from '../../../src/core/providers/anthropic/convert-anthropic-usage';
import { convertOpenAIUsage as convertOpenAIUsageOrNone } from '../../../src/core/providers/openai/convert-openai-usage';

/** The adapter's converter (the one the product uses); these inputs always carry usage. */
function convertOpenAIUsage(raw: Record<string, unknown>): Usage {
  const u = convertOpenAIUsageOrNone(raw);
  if (!u) throw new Error('expected usage');
  return u;
}

const dep = (model: string, extra: Partial<DeploymentConfig> = {}): DeploymentConfig => ({ id: model, provider: 'p', model, ...extra });
const usage = (u: Partial<Usage>): Usage => ({ inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, estimated: false, ...u });
const NOW = Date.parse('2026-06-01T12:00:00Z');
const close = (a: number | null, b: number, eps = 1e-9) => {
  assert.ok(a !== null, 'cost is null');
  assert.ok(Math.abs(a - b) <= eps, `${a} != ${b}`);
};

describe('cost/price-book', () => {
  const book = createPriceBook({ now: () => NOW });

  it('knows the models the issue names, including dated versions', () => {
    const cases: Array<[string, Parameters<typeof book.priceFor>[1], string]> = [
      ['claude-sonnet-4-6', 'anthropic', 'claude-sonnet-4-6'],
      ['claude-sonnet-4-5-20250929', 'anthropic', 'claude-sonnet-4-5'],
      ['gpt-5.1', 'openai', 'gpt-5.1'],
      ['gpt-5.1-2025-11-13', 'openai', 'gpt-5.1'],
      ['gpt-4o-mini-2024-07-18', 'openai', 'gpt-4o-mini'],
      ['llama-3.3-70b-versatile', { kind: 'openai-compatible', preset: 'groq' }, 'llama-3.3-70b-versatile'],
      ['llama-3.3-70b-versatile', { kind: 'openai-compatible', baseUrl: 'https://api.groq.com/openai/v1' }, 'llama-3.3-70b-versatile'],
    ];
    for (const [model, provider, matched] of cases) {
      const r = book.priceFor(dep(model), provider, usage({ inputTokens: 1000, outputTokens: 100 }));
      assert.equal(r.source, 'library', model);
      assert.equal(r.matchedModel, matched);
      assert.ok(r.costUsd !== null && r.costUsd > 0, model);
    }
  });

  it('prices each usage part at its own rate (gpt-4o-mini: 0.15 in, 0.075 cached, 0.6 out)', () => {
    const r = book.priceFor(dep('gpt-4o-mini-2024-07-18'), 'openai', usage({ inputTokens: 1_000_000, cacheReadTokens: 400_000, outputTokens: 1_000_000, reasoningTokens: 500_000 }));
    close(r.costUsd, 0.6 * 0.15 + 0.4 * 0.075 + 0.6);
    assert.ok(r.breakdown);
    close(r.breakdown.cacheReadUsd, 0.03);
    close(r.breakdown.inputUsd, 0.09);
  });

  it('matches the library\'s own calcPrice totals, tiers included', () => {
    const samples: Array<[string, string, Usage]> = [
      ['claude-sonnet-4-5-20250929', 'anthropic', usage({ inputTokens: 250_000, cacheReadTokens: 50_000, cacheWriteTokens: 20_000, outputTokens: 3_000 })],
      ['claude-sonnet-4-5-20250929', 'anthropic', usage({ inputTokens: 150_000, cacheReadTokens: 50_000, cacheWriteTokens: 20_000, outputTokens: 3_000 })],
      ['claude-sonnet-4-6', 'anthropic', usage({ inputTokens: 12_345, cacheReadTokens: 10_000, cacheWriteTokens: 1_000, outputTokens: 777 })],
      ['gpt-5.1', 'openai', usage({ inputTokens: 9_999, cacheReadTokens: 1_024, outputTokens: 2_000, reasoningTokens: 1_500 })],
      ['gemini-2.5-pro', 'google', usage({ inputTokens: 300_000, cacheReadTokens: 100_000, outputTokens: 1_000 })],
    ];
    for (const [model, providerId, u] of samples) {
      const lib = calcPrice({ input_tokens: u.inputTokens, cache_read_tokens: u.cacheReadTokens, cache_write_tokens: u.cacheWriteTokens, output_tokens: u.outputTokens }, model, { providerId, timestamp: new Date(NOW) });
      assert.ok(lib, model);
      const kind = providerId === 'google' ? { kind: 'openai-compatible' as const, preset: 'gemini' } : (providerId as 'openai' | 'anthropic');
      close(book.priceFor(dep(model), kind, u).costUsd, lib.total_price, 1e-12);
    }
  });

  it('config price override wins; missing cache rates fall back to the input rate', () => {
    const d = dep('gpt-4o-mini-2024-07-18', { price: { inputPerMTok: 1, outputPerMTok: 2 } });
    const r = book.priceFor(d, 'openai', usage({ inputTokens: 1_000_000, cacheReadTokens: 500_000, outputTokens: 1_000_000 }));
    assert.equal(r.source, 'config');
    close(r.costUsd, 1 + 2);
    const withCache = dep('x', { price: { inputPerMTok: 1, outputPerMTok: 2, cacheReadPerMTok: 0.1, cacheWritePerMTok: 1.25 } });
    close(book.priceFor(withCache, 'openai', usage({ inputTokens: 1_000_000, cacheReadTokens: 500_000, cacheWriteTokens: 100_000 })).costUsd, 0.4 + 0.05 + 0.125);
  });

  it('an unknown model costs null with source unknown, never 0', () => {
    for (const r of [
      book.priceFor(dep('no-such-model-xyz'), 'openai', usage({ inputTokens: 10, outputTokens: 10 })),
      book.priceFor(dep('llama3.2'), { kind: 'openai-compatible', baseUrl: 'https://llm.example.com/v1' }, usage({ inputTokens: 10 })),
      book.priceFor(dep('gpt-4o'), { kind: 'openai-compatible', baseUrl: 'http://127.0.0.1:4000/v1' }, usage({ inputTokens: 10 })),
      book.priceFor(dep('llama3.2'), { kind: 'openai-compatible', preset: 'ollama', baseUrl: 'http://gpu-box.lan:11434/v1' }, usage({ inputTokens: 10 })),
    ]) {
      assert.equal(r.costUsd, null);
      assert.equal(r.source, 'unknown');
    }
    assert.equal(book.worstCaseCostUsd(dep('no-such-model-xyz'), 'openai', 100, 100), null);
  });

  it('a local-server preset on loopback is free', () => {
    for (const ref of [
      { kind: 'openai-compatible' as const, preset: 'ollama' },
      { kind: 'openai-compatible' as const, preset: 'lmstudio', baseUrl: 'http://localhost:1234/v1' },
      { kind: 'openai-compatible' as const, preset: 'vllm', baseUrl: 'http://[::1]:8000/v1' },
    ]) {
      const r = book.priceFor(dep('llama3.2'), ref, usage({ inputTokens: 10, outputTokens: 5 }));
      assert.equal(r.source, 'free');
      assert.equal(r.costUsd, 0);
    }
  });

  it('context windows come from config, else the library', () => {
    assert.equal(book.contextWindowFor(dep('gpt-4o-mini-2024-07-18', { contextWindow: 1000 }), 'openai'), 1000);
    assert.equal(book.contextWindowFor(dep('gpt-4o-mini-2024-07-18'), 'openai'), 128000);
    assert.equal(book.contextWindowFor(dep('claude-sonnet-4-6'), 'anthropic'), 1_000_000);
    assert.equal(book.contextWindowFor(dep('no-such-model'), 'openai'), undefined);
  });

  it('worst case = input at the dearer of fresh/cache-write rates + max output at the output rate', () => {
    close(book.worstCaseCostUsd(dep('gpt-4o-mini-2024-07-18'), 'openai', 1_000_000, 1_000_000), 0.75);
    close(book.worstCaseCostUsd(dep('claude-sonnet-4-6'), 'anthropic', 1_000_000, 0), 3.75);
  });

  it('R12 parity: OpenAI-style and Anthropic-style usage of the same answer cost the same to 1e-9', () => {
    const openai = convertOpenAIUsage({ prompt_tokens: 5_000, completion_tokens: 900, prompt_tokens_details: { cached_tokens: 3_000 }, completion_tokens_details: { reasoning_tokens: 400 } });
    const anthropic = convertAnthropicUsage({ input_tokens: 2_000, cache_read_input_tokens: 3_000, cache_creation_input_tokens: 0, output_tokens: 900 });
    assert.equal(openai.inputTokens, anthropic.inputTokens);
    assert.equal(openai.cacheReadTokens, anthropic.cacheReadTokens);
    const price = { inputPerMTok: 3, outputPerMTok: 15, cacheReadPerMTok: 0.3, cacheWritePerMTok: 3.75 };
    for (const d of [dep('claude-sonnet-4-6'), dep('m', { price })]) {
      const a = book.priceFor(d, 'anthropic', openai).costUsd;
      const b = book.priceFor(d, 'anthropic', anthropic).costUsd;
      assert.ok(a !== null && b !== null);
      assert.ok(Math.abs(a - b) <= 1e-9);
      close(a, (2_000 * 3 + 3_000 * 0.3 + 900 * 15) / 1e6);
    }
  });

  it('prices a lookup in microseconds (memoised per model)', () => {
    const d = dep('claude-sonnet-4-6');
    const u = usage({ inputTokens: 1234, outputTokens: 55, cacheReadTokens: 1000 });
    book.priceFor(d, 'anthropic', u);
    const n = 20_000;
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) book.priceFor(d, 'anthropic', u);
    const us = Number(process.hrtime.bigint() - t0) / n / 1000;
    console.log(`      priceFor: ${us.toFixed(2)} µs/lookup`);
    assert.ok(us < 50);
  });
});
