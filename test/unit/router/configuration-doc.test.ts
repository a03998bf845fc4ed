import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_ALIAS_WAIT, DEFAULT_COOLDOWN, DEFAULT_LIMITS, DEFAULT_RETRY, DEFAULT_TIMEOUTS } from '../../../src/core/config/defaults';
import { validateConfig } from '../../../src/core/config/validate-config';

const doc = readFileSync(join(__dirname, '../../../docs/configuration.md'), 'utf8');

describe('docs/configuration.md', () => {
  it('its example config is valid', () => {
    const json = /```json\n([\s\S]*?)```/.exec(doc)?.[1];
    assert.ok(json);
    const v = validateConfig(JSON.parse(json));
    assert.ok(v.ok, JSON.stringify(!v.ok && v.errors));
  });

  it('documents every default with its current value', () => {
    const all: Record<string, unknown> = { ...DEFAULT_RETRY, ...DEFAULT_TIMEOUTS, ...DEFAULT_COOLDOWN, ...DEFAULT_LIMITS, ...DEFAULT_ALIAS_WAIT };
    for (const [key, value] of Object.entries(all)) {
      const row = new RegExp('\\| `' + key + '` \\| `?' + String(value) + '`? \\|');
      assert.match(doc, row, `${key} = ${String(value)}`);
    }
  });
});

describe('README configuration section', () => {
  const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');

  it('its settings example is a valid config (fast / smart / cheap / auto)', () => {
    const jsonc = /```jsonc\n(\{\n {2}"switchboard\.providers"[\s\S]*?)```/.exec(readme)?.[1];
    assert.ok(jsonc, 'the settings example is missing');
    const settings = JSON.parse(jsonc.replace(/\/\/[^\n"]*$/gm, '').replace(/^\s*\/\/.*$/gm, '')) as Record<string, unknown>;
    const config = Object.fromEntries(Object.entries(settings).filter(([k]) => k !== 'switchboard.activeAlias').map(([k, v]) => [k.replace(/^switchboard\./, ''), v]));
    const v = validateConfig(config);
    assert.ok(v.ok, JSON.stringify(!v.ok && v.errors));
    assert.deepEqual(Object.keys(v.ok ? v.config.aliases : {}).sort(), ['cheap', 'fast', 'smart']);
    assert.ok(v.ok && v.config.auto, 'auto tiers');
  });

  it('lists every default with its current value', () => {
    const all: Record<string, unknown> = { ...DEFAULT_RETRY, ...DEFAULT_TIMEOUTS, ...DEFAULT_COOLDOWN, ...DEFAULT_LIMITS, ...DEFAULT_ALIAS_WAIT };
    for (const [key, value] of Object.entries(all)) {
      const shown = typeof value === 'string' ? `"${value}"` : String(value);
      assert.ok(readme.includes(`\`${key}\` ${shown}`), `${key} = ${shown} missing from the README defaults table`);
    }
  });
});
