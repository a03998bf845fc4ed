import assert from 'node:assert/strict';
import { lintSettings } from '../../../src/extension/lint/lint-rules';

const oa = { kind: 'openai', apiKeySecret: 'openai' };
const local = { kind: 'openai-compatible', baseUrl: 'http://127.0.0.1:9999/v1' };

describe('config lint: the seed pitfalls', () => {
  it('an undated model name, with the dated ids from the price library (newest first)', () => {
    const f = lintSettings({ providers: { oa }, deployments: [{ id: 'a', provider: 'oa', model: 'gpt-4o' }], aliases: {}, secretsWithKeys: new Set(['openai']) });
    const undated = f.find((x) => x.code === 'undated-model');
    assert.ok(undated && undated.code === 'undated-model');
    assert.deepEqual(undated.path, ['switchboard.deployments', 0, 'model']);
    assert.equal(undated.datedIds[0], 'gpt-4o-2024-11-20');
    assert.ok(undated.datedIds.includes('gpt-4o-2024-08-06'));
  });

  it('a dated name is quiet; a name the library does not know is not called undated', () => {
    const f = lintSettings({ providers: { oa, local }, deployments: [{ id: 'a', provider: 'oa', model: 'gpt-4o-2024-08-06' }, { id: 'b', provider: 'local', model: 'llama3', price: { inputPerMTok: 0, outputPerMTok: 0 } }], aliases: {}, secretsWithKeys: new Set(['openai']) });
    assert.deepEqual(f, []);
  });

  it('a deployment with no known price', () => {
    const f = lintSettings({ providers: { local }, deployments: [{ id: 'b', provider: 'local', model: 'llama3' }], aliases: {}, secretsWithKeys: new Set() });
    assert.deepEqual(f.map((x) => x.code), ['unknown-price']);
  });

  it('alias with no fallback, alias all on one provider, cost over unknown prices, provider with no key', () => {
    const f = lintSettings({
      providers: { oa, local },
      deployments: [
        { id: 'mini', provider: 'oa', model: 'gpt-4o-mini-2024-07-18' },
        { id: 'big', provider: 'oa', model: 'gpt-4o-2024-08-06' },
        { id: 'llama', provider: 'local', model: 'llama3' },
      ],
      aliases: { fast: { deployments: ['mini'] }, smart: { deployments: ['big', 'mini'] }, cheap: { deployments: ['llama', 'mini'], strategy: 'cost' } },
      secretsWithKeys: new Set(),
    });
    const codes = f.map((x) => `${x.code}@${x.path.join('.')}`);
    assert.ok(codes.includes('no-key@switchboard.providers.oa'), codes.join('\n'));
    assert.ok(codes.includes('no-fallback@switchboard.aliases.fast'), codes.join('\n'));
    assert.ok(codes.includes('single-provider@switchboard.aliases.smart'), codes.join('\n'));
    assert.ok(codes.includes('cost-unknown-prices@switchboard.aliases.cheap.strategy'), codes.join('\n'));
    assert.ok(!codes.includes('single-provider@switchboard.aliases.cheap'), 'cheap spans two providers');
  });

  it('a fallback to an alias on another provider counts as failover', () => {
    const f = lintSettings({
      providers: { oa, local },
      deployments: [{ id: 'mini', provider: 'oa', model: 'gpt-4o-mini-2024-07-18' }, { id: 'big', provider: 'oa', model: 'gpt-4o-2024-08-06' }, { id: 'llama', provider: 'local', model: 'llama3', price: { inputPerMTok: 0, outputPerMTok: 0 } }],
      aliases: { smart: { deployments: ['big', 'mini'], fallbacks: ['local'] }, local: { deployments: ['llama'], fallbacks: ['smart'] } },
      secretsWithKeys: new Set(['openai']),
    });
    assert.deepEqual(f, []);
  });
});
