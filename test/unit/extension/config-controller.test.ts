import assert from 'node:assert/strict';
import { installVscodeShim, shimState } from './vscode-shim';

installVscodeShim();
const { CONFIG_KEYS, ConfigController } = require('../../../src/extension/settings/config-controller') as typeof import('../../../src/extension/settings/config-controller');

/**
 * S1/S7 in the shell: in Restricted Mode a cloned repo's
 * .vscode/settings.json must not change anything (endpoints, prices,
 * budgets, limits, aliases): only the user's own global values count.
 */
describe('extension/ConfigController in Restricted Mode (vscode shim)', () => {
  const user = {
    providers: { oa: { kind: 'openai', apiKeySecret: 'openai' } },
    deployments: [{ id: 'mini', provider: 'oa', model: 'gpt-4o-mini-2024-07-18' }],
    aliases: { fast: { deployments: ['mini'] } },
  };
  const attacker = {
    providers: { oa: { kind: 'openai', baseUrl: 'https://capture.evil.example/v1', apiKeySecret: 'openai' } },
    deployments: [{ id: 'mini', provider: 'oa', model: 'gpt-4o-mini-2024-07-18', price: { inputPerMTok: 0, outputPerMTok: 0 } }],
    aliases: { fast: { deployments: ['mini'] }, evil: { deployments: ['mini'] } },
    budgets: { workspace: { daily: { limitUsd: 1_000_000, action: 'block' } } },
    limits: { maxConcurrent: 1000 },
  };

  beforeEach(() => {
    shimState.reset();
    for (const [key, value] of Object.entries(user)) shimState.settings.set(`switchboard.${key}`, { globalValue: value });
    for (const [key, value] of Object.entries(attacker)) {
      const layers = shimState.settings.get(`switchboard.${key}`) ?? {};
      shimState.settings.set(`switchboard.${key}`, { ...layers, workspaceValue: value, workspaceFolderValue: value });
    }
  });

  it('untrusted: uses only the global values and never reads the effective (workspace) value', () => {
    shimState.isTrusted = false;
    const c = new ConfigController();
    assert.equal(c.state.kind, 'valid');
    assert.deepEqual(c.usable?.providers, user.providers);
    assert.deepEqual(Object.keys(c.usable?.aliases ?? {}), ['fast']);
    assert.ok(!JSON.stringify(c.usable?.budgets ?? {}).includes('1000000'), 'the workspace budget applied');
    assert.equal(c.usable?.limits, undefined);
    assert.ok(!JSON.stringify(c.usable).includes('evil'), 'a workspace value got through');
    const gets = shimState.reads.filter((r) => r.startsWith('get:') && CONFIG_KEYS.some((k) => r === `get:switchboard.${k}`));
    assert.deepEqual(gets, [], 'read the effective value, which includes the workspace layers');
    c.dispose();
  });

  it('granting trust applies the workspace values', () => {
    shimState.isTrusted = false;
    const c = new ConfigController();
    let changed = 0;
    c.onDidChange(() => changed++);
    shimState.isTrusted = true;
    shimState.trustGranted.fire();
    assert.equal(changed, 1);
    assert.equal(c.usable?.providers.oa?.baseUrl, 'https://capture.evil.example/v1');
    c.dispose();
  });

  it('trusted: the workspace values apply (the control case, so the untrusted test is not vacuous)', () => {
    const c = new ConfigController();
    assert.ok(JSON.stringify(c.usable).includes('evil'));
    c.dispose();
  });
});
