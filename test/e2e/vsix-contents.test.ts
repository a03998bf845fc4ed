import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readZipEntries } from '../support/zip-entries';

/** S11: the packaged .vsix holds exactly the allow-listed files and nothing key-shaped. */
const root = path.resolve(__dirname, '..', '..');
const version = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
const vsix = path.join(root, `switchboard-${version}.vsix`);

const EXPECTED = [
  '[Content_Types].xml',
  'extension.vsixmanifest',
  'extension/LICENSE.txt',
  'extension/changelog.md',
  'extension/dist/codicons/codicon.css',
  'extension/dist/codicons/codicon.ttf',
  'extension/dist/extension.js',
  'extension/dist/telemetry.js',
  'extension/dist/lib-anthropic.js',
  'extension/dist/lib-genai-prices.js',
  'extension/dist/lib-openai.js',
  'extension/dist/tokenizer.js',
  'extension/dist/webview.js',
  'extension/dist/report.js',
  'extension/media/chat.css',
  'extension/media/report.css',
  'extension/media/switchboard.svg',
  'extension/package.json',
  'extension/readme.md',
];

const KEY_PATTERNS: Array<[string, RegExp]> = [
  ['OpenAI key', /sk-(?:proj-)?[A-Za-z0-9_-]{32,}/],
  ['Anthropic key', /sk-ant-[A-Za-z0-9_-]{20,}/],
  ['Groq key', /gsk_[A-Za-z0-9]{40,}/],
  ['xAI key', /xai-[A-Za-z0-9]{40,}/],
  ['Google API key', /AIza[0-9A-Za-z_-]{35}/],
  ['AWS access key', /AKIA[0-9A-Z]{16}/],
  ['GitHub token', /gh[pousr]_[A-Za-z0-9]{36,}/],
  ['Slack token', /xox[abposr]-[0-9A-Za-z-]{10,}/],
  ['private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
];

/** Synthetic keys of each vendor's shape (assembled at run time, so this file is no match itself). */
const SAMPLES: Record<string, string> = {
  'OpenAI key': 'sk-proj-' + 'A1b2C3d4'.repeat(6),
  'Anthropic key': 'sk-ant-api03-' + 'Z9y8X7w6'.repeat(4),
  'Groq key': 'gsk_' + 'Q1w2E3r4T5y6'.repeat(5).slice(0, 52),
  'xAI key': 'xai-' + 'M1n2B3v4C5x6'.repeat(7).slice(0, 80),
  'Google API key': 'AIza' + 'Sy' + 'D4f5G6h7J8'.repeat(4).slice(0, 33),
  'AWS access key': 'AKIA' + 'IOSFODNN7EXAMPLE',
  'GitHub token': 'ghp_' + 'a1B2c3D4e5F6'.repeat(3),
  'Slack token': 'xoxb-' + '1234567890-abcdefghij',
  'private key': '-----BEGIN ' + 'RSA PRIVATE KEY-----',
};

describe('packaged .vsix (S11)', () => {
  it('the key patterns recognise every vendor shape they guard against', () => {
    for (const what of Object.keys(SAMPLES)) assert.ok(KEY_PATTERNS.some(([w]) => w === what), `no pattern for a ${what}`);
    for (const [what, re] of KEY_PATTERNS) {
      const sample = SAMPLES[what];
      assert.ok(sample !== undefined, `no sample for ${what}`);
      assert.match(`const leaked = "${sample}";`, re, `${what} pattern misses ${sample}`);
    }
  });

  it('contains exactly the allow-listed files', () => {
    assert.ok(fs.existsSync(vsix), `${vsix} missing: run "npm run package"`);
    const names = readZipEntries(vsix).map((e) => e.name).sort();
    assert.deepEqual(names, [...EXPECTED].sort());
  });

  it('contains no key-shaped strings, source maps or sources', () => {
    for (const entry of readZipEntries(vsix)) {
      const text = entry.data.toString('utf8');
      for (const [what, re] of KEY_PATTERNS) assert.doesNotMatch(text, re, `${entry.name} contains something shaped like a ${what}`);
      assert.doesNotMatch(text, /sourceMappingURL=/, `${entry.name} references a source map`);
    }
  });
});
