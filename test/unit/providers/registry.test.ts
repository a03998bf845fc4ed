import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { validateConfig } from '../../../src/core/config/validate-config';
import { libraryProviderFor } from '../../../src/core/pricing/provider-pricing-ref';
import { capabilitiesFor } from '../../../src/core/providers/capabilities-for';
import { createAdapter } from '../../../src/core/providers/create-adapter';
import { providerBaseUrl } from '../../../src/core/providers/provider-endpoint';
import { PROVIDER_DEFINITIONS, PROVIDER_KINDS, providerDefinition } from '../../../src/core/providers/registry';

const SRC = join(__dirname, '..', '..', '..', 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** A config of `kind` that its own definition accepts. */
function minimalConfig(kind: string): Record<string, unknown> {
  const c: Record<string, unknown> = { kind, apiKeySecret: 'k', baseUrl: kind === 'anthropic' ? 'https://api.anthropic.com' : 'https://api.example.com/v1' };
  if (kind === 'azure-openai') c.apiVersion = '2024-10-21';
  return c;
}

describe('provider registry: one definition per kind, one line per kind', () => {
  it('every generic path (validation, adapters, endpoints, pricing, capabilities) goes through the definition', () => {
    for (const kind of PROVIDER_KINDS) {
      const def = providerDefinition(kind);
      assert.equal(def.kind, kind);
      const config = minimalConfig(kind);
      const checked = validateConfig({ providers: { p: config }, deployments: [{ id: 'd', provider: 'p', model: 'some-model' }], aliases: {} });
      assert.ok(checked.ok, `${kind}: ${JSON.stringify(!checked.ok && checked.errors)}`);
      const provider = checked.config.providers.p;
      assert.ok(provider);
      assert.equal(createAdapter({ providerId: 'p', config: provider, keys: async () => 'k' }).providerId, 'p');
      assert.equal(providerBaseUrl(provider), config.baseUrl);
      assert.deepEqual(libraryProviderFor(provider), def.pricingRef(provider));
      assert.deepEqual(capabilitiesFor({ id: 'd', provider: 'p', model: 'some-model', capabilities: { vision: false } }, provider), { ...def.capabilities('some-model', provider), vision: false });
    }
  });

  it('a key of another kind is refused naming the kind it belongs to; an unknown kind lists the registry', () => {
    const r = validateConfig({ providers: { p: { kind: 'anthropic', apiKeySecret: 'k', apiVersion: '1' }, q: { kind: 'bedrock' } }, deployments: [], aliases: {} });
    assert.equal(r.ok, false);
    const messages = r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.message}`);
    assert.ok(messages.some((m) => m.startsWith('providers.p.apiVersion: applies only to "kind": "azure-openai"')), messages.join('\n'));
    assert.ok(messages.some((m) => m.startsWith('providers.q.kind') && Object.keys(PROVIDER_DEFINITIONS).every((k) => m.includes(`"${k}"`))), messages.join('\n'));
  });

  // The core: every kind goes through its definition. (The extension's Add Provider wizard in
  // src/extension/setup/ is a user-facing table of kinds and presets: a new kind adds a row there
  // to be offered in the wizard, but nothing in the core changes.)
  it('no code in the core outside providers/<kind>/ and the registry branches on a kind name', () => {
    const kinds = PROVIDER_KINDS.map((k) => k.replace(/[-]/g, '\\-')).join('|');
    const branch = new RegExp(`(case\\s+'(${kinds})'|kind\\s*[!=]==\\s*'(${kinds})')`);
    const offenders = files(SRC)
      .map((f) => relative(SRC, f).replace(/\\/g, '/'))
      .filter((f) => f.startsWith('core/') && !/^core\/providers\/[^/]+\//.test(f) && f !== 'core/providers/registry.ts')
      .filter((f) => branch.test(readFileSync(join(SRC, f), 'utf8')));
    assert.deepEqual(offenders, [], 'move kind-specific code into the kind\u2019s definition');
  });
});
