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
  'extension/dist/extension.js',
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
  ['AWS access key', /AKIA[0-9A-Z]{16}/],
  ['GitHub token', /gh[pousr]_[A-Za-z0-9]{36,}/],
  ['private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
];

describe('packaged .vsix (S11)', () => {
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
