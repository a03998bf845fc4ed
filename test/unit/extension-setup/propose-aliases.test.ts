import assert from 'node:assert/strict';
import { createModelCatalog } from '../../../src/core/index';
import { pinModel } from '../../../src/extension/setup/pin-model';
import { proposeAliases } from '../../../src/extension/setup/propose-aliases';

const catalog = createModelCatalog();
const chosen = (ids: string[]) => ids.map((m) => ({ id: `oa/${m}`, facts: catalog('openai', m) }));

describe('setup: default aliases proposed from the chosen models', () => {
  it('three models: cheap = cheapest, smart = dearest, fast = next-cheapest; fallbacks without a cycle', () => {
    const p = proposeAliases(chosen(['gpt-4o-2024-08-06', 'gpt-4o-mini-2024-07-18', 'gpt-4.1-nano-2025-04-14']), {});
    const by = Object.fromEntries(p.map((x) => [x.name, x]));
    assert.equal(by.cheap?.deploymentId, 'oa/gpt-4.1-nano-2025-04-14');
    assert.equal(by.fast?.deploymentId, 'oa/gpt-4o-mini-2024-07-18');
    assert.equal(by.smart?.deploymentId, 'oa/gpt-4o-2024-08-06');
    assert.deepEqual(by.smart?.alias.fallbacks, ['fast']);
    assert.deepEqual(by.fast?.alias.fallbacks, ['cheap']);
    assert.equal(by.cheap?.alias.fallbacks, undefined);
  });

  it('one model gives only fast; an existing alias gets the new deployment appended (failover across providers)', () => {
    const p = proposeAliases(chosen(['gpt-4o-mini-2024-07-18']), { fast: { deployments: ['groq/llama'] } });
    assert.equal(p.length, 1);
    assert.equal(p[0]?.isNew, false);
    assert.deepEqual(p[0]?.alias.deployments, ['groq/llama', 'oa/gpt-4o-mini-2024-07-18']);
  });

  it('unknown prices sort after known ones', () => {
    const p = proposeAliases([{ id: 'x/mystery', facts: { price: 'unknown', datedIds: [] } }, ...chosen(['gpt-4o-mini-2024-07-18'])], {});
    assert.equal(p.find((x) => x.name === 'fast')?.deploymentId, 'oa/gpt-4o-mini-2024-07-18');
    assert.equal(p.find((x) => x.name === 'smart')?.deploymentId, 'x/mystery');
  });
});

describe('setup: pinning an undated model name', () => {
  it('prefers a dated id the server lists, else the library newest', () => {
    const facts = catalog('openai', 'gpt-4o');
    assert.deepEqual(facts.datedIds.slice(0, 2), ['gpt-4o-2024-11-20', 'gpt-4o-2024-08-06']);
    assert.equal(pinModel('gpt-4o', facts, new Set(['gpt-4o', 'gpt-4o-2024-08-06'])), 'gpt-4o-2024-08-06');
    assert.equal(pinModel('gpt-4o', facts, new Set(['gpt-4o'])), 'gpt-4o-2024-11-20');
    assert.equal(pinModel('llama3', catalog({ kind: 'openai-compatible', preset: 'ollama' }, 'llama3'), new Set()), 'llama3');
  });
});
