import assert from 'node:assert/strict';
import { withoutProvider } from '../../../src/extension/setup/without-provider';

describe('Remove Provider: the settings that remain', () => {
  const setup = {
    providers: { oa: { kind: 'openai' as const, apiKeySecret: 'oa' }, groq: { kind: 'openai-compatible' as const, preset: 'groq', apiKeySecret: 'groq' } },
    deployments: [
      { id: 'oa/mini', provider: 'oa', model: 'gpt-4o-mini-2024-07-18' },
      { id: 'groq/llama', provider: 'groq', model: 'llama-3.3-70b-versatile' },
    ],
    aliases: {
      fast: { deployments: ['groq/llama', 'oa/mini'], fallbacks: ['smart'] },
      smart: { deployments: ['oa/mini'], fallbacks: ['fast'] },
    },
    activeAlias: 'smart',
  };

  it('drops the provider, its deployments, aliases left empty, fallbacks to them; picks another active alias', () => {
    const next = withoutProvider(setup, 'oa');
    assert.deepEqual(Object.keys(next.providers), ['groq']);
    assert.deepEqual(next.deployments.map((d) => d.id), ['groq/llama']);
    assert.deepEqual(next.aliases, { fast: { deployments: ['groq/llama'] } });
    assert.equal(next.activeAlias, 'fast');
  });

  it('keeps what does not depend on it, and leaves the input untouched', () => {
    const next = withoutProvider(setup, 'groq');
    assert.deepEqual(next.aliases, { fast: { deployments: ['oa/mini'], fallbacks: ['smart'] }, smart: { deployments: ['oa/mini'], fallbacks: ['fast'] } });
    assert.equal(next.activeAlias, 'smart');
    assert.equal(setup.deployments.length, 2);
    assert.deepEqual(setup.aliases.fast.deployments, ['groq/llama', 'oa/mini']);
  });
});
