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
