import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { validateConfig } from '../../../src/core/index';
import { CONFIG_KEYS } from '../../../src/extension/settings/config-controller-keys';

interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
  markdownDescription?: string;
  default?: unknown;
}

const root = path.resolve(__dirname, '..', '..', '..');
const generated = require(path.join(root, 'scripts', 'settings-schema', 'schema.js')) as { properties: Record<string, Schema> };
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { contributes: { configuration: unknown } };
const props = generated.properties;

/** What the core says it accepts at `at`: the "known: a, b." list of its unknown-key error. */
function coreKnownKeys(config: Record<string, unknown>, at: string): string[] {
  const v = validateConfig(config);
  const errors = v.ok ? [] : v.errors;
  const e = errors.find((x) => x.path === `${at}${at ? '.' : ''}zzzz` && /is not a known setting/.test(x.message));
  assert.ok(e, `no unknown-key error at ${at}: ${JSON.stringify(errors)}`);
  const known = /known: (.*)\.$/.exec(e.message)?.[1];
  assert.ok(known, e.message);
  return known.split(', ').sort();
}

const base = { providers: { p: { kind: 'openai', apiKeySecret: 'p' } }, deployments: [{ id: 'd', provider: 'p', model: 'm' }], aliases: { a: { deployments: ['d'] } } };

describe('settings schema (package.json contributes.configuration)', () => {
  it('package.json is what scripts/settings-schema writes (run node scripts/settings-schema/write.js)', () => {
    assert.deepEqual(pkg.contributes.configuration, JSON.parse(JSON.stringify(generated)));
  });

  it('every setting the extension reads has a markdownDescription and a default', () => {
    for (const key of [...CONFIG_KEYS, 'activeAlias']) {
      const s = props[`switchboard.${key}`];
      assert.ok(s, `switchboard.${key} missing from the schema`);
      assert.ok(s.markdownDescription && s.markdownDescription.length > 20, `switchboard.${key} needs a markdownDescription`);
      assert.notEqual(s.default, undefined, `switchboard.${key} needs a default`);
    }
  });

  const cases: [string, Schema | undefined, Record<string, unknown>, string][] = [
    ['providers.*', props['switchboard.providers']?.additionalProperties as Schema, { ...base, providers: { p: { kind: 'openai', apiKeySecret: 'p', zzzz: 1 } } }, 'providers.p'],
    ['deployments[]', props['switchboard.deployments']?.items, { ...base, deployments: [{ id: 'd', provider: 'p', model: 'm', zzzz: 1 }] }, 'deployments[0]'],
    ['deployments[].price', props['switchboard.deployments']?.items?.properties?.price, { ...base, deployments: [{ id: 'd', provider: 'p', model: 'm', price: { inputPerMTok: 1, outputPerMTok: 1, zzzz: 1 } }] }, 'deployments[0].price'],
    ['aliases.*', props['switchboard.aliases']?.additionalProperties as Schema, { ...base, aliases: { a: { deployments: ['d'], zzzz: 1 } } }, 'aliases.a'],
    ['retry', props['switchboard.retry'], { ...base, retry: { zzzz: 1 } }, 'retry'],
    ['timeouts', props['switchboard.timeouts'], { ...base, timeouts: { zzzz: 1 } }, 'timeouts'],
    ['cooldown', props['switchboard.cooldown'], { ...base, cooldown: { zzzz: 1 } }, 'cooldown'],
    ['limits', props['switchboard.limits'], { ...base, limits: { zzzz: 1 } }, 'limits'],
    ['cache', props['switchboard.cache'], { ...base, cache: { zzzz: 1 } }, 'cache'],
    ['budgets', props['switchboard.budgets'], { ...base, budgets: { zzzz: 1 } }, 'budgets'],
    ['auto', props['switchboard.auto'], { ...base, auto: { tiers: [{ alias: 'a' }], zzzz: 1 } }, 'auto'],
  ];
  for (const [name, schema, config, at] of cases) {
    it(`${name}: closed (additionalProperties: false) with exactly the fields the core accepts`, () => {
      assert.ok(schema, `${name} missing`);
      assert.equal(schema.additionalProperties, false, `${name} must refuse unknown fields, as the core does`);
      assert.deepEqual(Object.keys(schema.properties ?? {}).sort(), coreKnownKeys(config, at));
    });
  }
});
