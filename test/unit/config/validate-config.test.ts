import assert from 'node:assert/strict';
import { validateConfig } from '../../../src/core/config/validate-config';

const good = {
  providers: {
    oa: { kind: 'openai', apiKeySecret: 'openai' },
    local: { kind: 'openai-compatible', baseUrl: 'http://127.0.0.1:11434/v1' },
    ant: { kind: 'anthropic', apiKeySecret: 'anthropic' },
  },
  deployments: [
    { id: 'mini', provider: 'oa', model: 'gpt-4o-mini-2024-07-18', rpm: 500, price: { inputPerMTok: 0.15, outputPerMTok: 0.6 } },
    { id: 'llama', provider: 'local', model: 'llama3.1' },
    { id: 'sonnet', provider: 'ant', model: 'claude-sonnet-4-5-20250929' },
  ],
  aliases: { fast: { deployments: ['llama', 'mini'], strategy: 'ordered', fallbacks: ['smart'] }, smart: { deployments: ['sonnet'] } },
};

function paths(raw: unknown): string[] {
  const v = validateConfig(raw);
  assert.equal(v.ok, false, 'expected the config to be rejected');
  return v.ok ? [] : v.errors.map((e) => e.path);
}

describe('validateConfig', () => {
  it('accepts the architecture contract example', () => {
    const v = validateConfig(good);
    assert.ok(v.ok, JSON.stringify(!v.ok && v.errors));
  });

  it('lists every problem with its JSON path (R20)', () => {
    const bad = {
      providers: { oa: { kind: 'opneai', apiKeySecret: 'x' }, remote: { kind: 'openai-compatible', baseUrl: 'http://evil.example.com/v1' } },
      deployments: [
        { id: 'a', provider: 'nope', model: 'm' },
        { id: 'b', provider: 'remote', model: 'm', rpm: -5 },
      ],
      aliases: { fast: { deployments: ['a', 'ghost'], strategy: 'random' } },
    };
    const p = paths(bad);
    for (const expected of ['providers.oa.kind', 'providers.remote.baseUrl', 'deployments[0].provider', 'deployments[1].rpm', 'aliases.fast.deployments[1]', 'aliases.fast.strategy']) {
      assert.ok(p.includes(expected), `missing ${expected} in ${JSON.stringify(p)}`);
    }
  });

  it('refuses keys written into settings and points at SecretStorage', () => {
    const v = validateConfig({ ...good, providers: { ...good.providers, oa: { kind: 'openai', apiKey: 'sk-test' } } });
    assert.equal(v.ok, false);
    const msg = !v.ok ? v.errors.find((e) => e.path === 'providers.oa.apiKey')?.message : undefined;
    assert.match(msg ?? '', /Set API Key/);
    assert.doesNotMatch(JSON.stringify(v), /sk-test/);
  });

  it('requires https for remote endpoints but allows loopback http', () => {
    assert.ok(validateConfig(good).ok);
    assert.deepEqual(paths({ ...good, providers: { ...good.providers, local: { kind: 'openai-compatible', baseUrl: 'http://10.0.0.5:11434/v1' } } }), ['providers.local.baseUrl']);
  });

  it('warns on fallback cycles instead of rejecting them', () => {
    const v = validateConfig({ ...good, aliases: { fast: { deployments: ['mini'], fallbacks: ['smart'] }, smart: { deployments: ['sonnet'], fallbacks: ['fast'] } } });
    assert.ok(v.ok);
    assert.equal(v.warnings.length, 1);
    assert.match(v.warnings[0]?.message ?? '', /cycle/);
  });

  it('rejects an alias named like a deployment and unknown fallback aliases', () => {
    const p = paths({ ...good, aliases: { mini: { deployments: ['mini'] }, fast: { deployments: ['mini'], fallbacks: ['nope'] } } });
    assert.deepEqual(p.sort(), ['aliases.fast.fallbacks[0]', 'aliases.mini']);
  });

  it('rejects a non-object config with a root-level message', () => {
    assert.deepEqual(paths('hello'), ['']);
  });
});
