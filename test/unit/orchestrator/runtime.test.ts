import * as assert from 'node:assert/strict';
import { fingerprintKey } from '../../../src/core/cache/cache-key';
import { buildRuntime } from '../../../src/core/orchestrator/runtime';
import { createPriceBook } from '../../../src/core/pricing/price-book';
import { pickCheapest } from '../../../src/core/router/strategies/cost';
import { RouterState } from '../../../src/core/router/router-state';

const prices = createPriceBook();

describe('runtime.keyFingerprint', () => {
  const config = {
    providers: { oa: { kind: 'openai' as const, baseUrl: 'http://127.0.0.1:9/v1', apiKeySecret: 'oa' }, local: { kind: 'openai-compatible' as const, baseUrl: 'http://127.0.0.1:9/v1' } },
    deployments: [],
    aliases: {},
  };
  const key = 'sk-test-fingerprint-0123456789';
  const runtime = buildRuntime(config, { keys: (name) => (name === 'oa' ? key : undefined), now: Date.now, random: Math.random, prices });

  it('is the one domain-separated fingerprint the cache uses (never the key, never a bare SHA-256 prefix)', async () => {
    const fp = await runtime.keyFingerprint('oa');
    assert.equal(fp, fingerprintKey(key));
    assert.ok(!fp?.includes(key));
  });

  it('is undefined for a provider without a key', async () => {
    assert.equal(await runtime.keyFingerprint('local'), undefined);
  });

  it('follows a changed key at once (the remembered fingerprint never goes stale)', async () => {
    let current: string | undefined = 'sk-first-key-0123456789';
    const live = buildRuntime(config, { keys: () => current, now: Date.now, random: Math.random, prices });
    assert.equal(await live.keyFingerprint('oa'), fingerprintKey('sk-first-key-0123456789'));
    assert.equal(await live.keyFingerprint('oa'), fingerprintKey('sk-first-key-0123456789'));
    current = 'sk-second-key-9876543210';
    assert.equal(await live.keyFingerprint('oa'), fingerprintKey('sk-second-key-9876543210'));
    current = undefined;
    assert.equal(await live.keyFingerprint('oa'), undefined);
    current = 'sk-first-key-0123456789';
    assert.equal(await live.keyFingerprint('oa'), fingerprintKey('sk-first-key-0123456789'));
  });
});

describe('runtime.estimateCostUsd and the cost strategy', () => {
  const config = {
    providers: { oa: { kind: 'openai' as const, apiKeySecret: 'oa' }, ant: { kind: 'anthropic' as const, apiKeySecret: 'ant' }, x: { kind: 'openai-compatible' as const, baseUrl: 'https://llm.example.com/v1' } },
    deployments: [
      { id: 'sonnet', provider: 'ant', model: 'claude-sonnet-4-5-20250929' },
      { id: 'mystery', provider: 'x', model: 'house-model-7' },
      { id: 'mini', provider: 'oa', model: 'gpt-4o-mini-2024-07-18' },
    ],
    aliases: {},
  };
  const runtime = buildRuntime(config, { keys: () => undefined, now: Date.now, random: Math.random, prices });
  const [sonnet, mystery, mini] = config.deployments as [(typeof config.deployments)[0], (typeof config.deployments)[0], (typeof config.deployments)[0]];

  it('prices deployments without a config price from the library, and unknown models as null', () => {
    assert.ok((runtime.estimateCostUsd(mini, 1000, 500) ?? 0) > 0);
    assert.ok((runtime.estimateCostUsd(sonnet, 1000, 500) ?? 0) > (runtime.estimateCostUsd(mini, 1000, 500) ?? Infinity));
    assert.equal(runtime.estimateCostUsd(mystery, 1000, 500), null);
  });

  it('lets `cost` pick the cheapest library-priced deployment (not just the first)', () => {
    const pick = pickCheapest({
      candidates: [sonnet, mystery, mini],
      state: new RouterState([]),
      rotation: 'cheap',
      now: Date.now(),
      random: Math.random,
      estimate: { inputTokens: 1000, outputTokens: 500 },
      costOf: (d, e) => runtime.estimateCostUsd(d, e.inputTokens, e.outputTokens),
    });
    assert.equal(pick.id, 'mini');
  });
});

describe('runtime.contextWindowFor', () => {
  const config = {
    providers: { oa: { kind: 'openai' as const, apiKeySecret: 'oa' } },
    deployments: [
      { id: 'mini', provider: 'oa', model: 'gpt-4o-mini-2024-07-18' },
      { id: 'small', provider: 'oa', model: 'gpt-4o-mini-2024-07-18', contextWindow: 4096 },
      { id: 'mystery', provider: 'oa', model: 'house-model-7' },
    ],
    aliases: {},
  };
  const runtime = buildRuntime(config, { keys: () => undefined, now: Date.now, random: Math.random, prices });

  it('uses the config window, else the model table, else unknown', () => {
    const [mini, small, mystery] = config.deployments as [(typeof config.deployments)[0], (typeof config.deployments)[0], (typeof config.deployments)[0]];
    assert.equal(runtime.contextWindowFor(small), 4096);
    assert.ok((runtime.contextWindowFor(mini) ?? 0) >= 128_000, String(runtime.contextWindowFor(mini)));
    assert.equal(runtime.contextWindowFor(mystery), undefined);
  });
});

describe('runtime.capabilitiesFor (memoised per config snapshot)', () => {
  const config = (vision: boolean) => ({
    providers: { oa: { kind: 'openai' as const, baseUrl: 'http://127.0.0.1:9/v1', apiKeySecret: 'oa' } },
    deployments: [{ id: 'mini', provider: 'oa', model: 'gpt-4o-mini-2024-07-18', maxOutputTokens: 1000, capabilities: { vision } }],
    aliases: {},
  });

  it("is the provider's model table with the deployment's overrides, the same each time within a snapshot", () => {
    const cfg = config(false);
    const runtime = buildRuntime(cfg, { keys: () => undefined, now: Date.now, random: Math.random, prices });
    const d = cfg.deployments[0]!;
    const caps = runtime.capabilitiesFor(d);
    assert.equal(caps.vision, false);
    assert.equal(caps.maxOutputTokens, 1000);
    assert.equal(runtime.capabilitiesFor(d), caps);
  });

  it('a new snapshot (config change) reads the changed overrides', () => {
    const before = config(false);
    const after = config(true);
    const r1 = buildRuntime(before, { keys: () => undefined, now: Date.now, random: Math.random, prices });
    const r2 = buildRuntime(after, { keys: () => undefined, now: Date.now, random: Math.random, prices });
    assert.equal(r1.capabilitiesFor(before.deployments[0]!).vision, false);
    assert.equal(r2.capabilitiesFor(after.deployments[0]!).vision, true);
  });
});
