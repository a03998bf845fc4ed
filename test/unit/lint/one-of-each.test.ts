import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * "Two of everything" (style.md) and module-level state, checked on the
 * source: one loopback check, one atomic writer, no barrels nothing imports,
 * no mutable module-level maps in the core (state lives in factory closures).
 */
const root = path.resolve(__dirname, '..', '..', '..');
const core = path.join(root, 'src', 'core');

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}
const sources = files(core).map((f) => ({ file: path.relative(root, f).split(path.sep).join('/'), text: fs.readFileSync(f, 'utf8') }));
const where = (re: RegExp): string[] => sources.filter((s) => re.test(s.text)).map((s) => s.file);

describe('lint: one of each in the core', () => {
  it('one loopback check (net/endpoint-policy.ts)', () => {
    assert.deepEqual(where(/=== 'localhost'/), ['src/core/net/endpoint-policy.ts']);
  });

  it('one atomic file writer (ledger/write-file-atomic.ts)', () => {
    // file-lock.ts renames a dead process's lock aside to break it; it writes no file content.
    assert.deepEqual(where(/\.rename\(/), ['src/core/ledger/file-lock.ts', 'src/core/ledger/write-file-atomic.ts']);
    assert.deepEqual(where(/\.tmp`;/), ['src/core/ledger/write-file-atomic.ts']);
  });

  it('no module-level mutable maps or counters', () => {
    assert.deepEqual(where(/^(const \w+ = new (Weak)?Map\b|let \w+ = \d)/m), []);
  });

  it('no barrels that nothing imports', () => {
    for (const barrel of ['pricing', 'usage', 'cache']) assert.equal(fs.existsSync(path.join(core, barrel, 'index.ts')), false, `src/core/${barrel}/index.ts`);
  });
});
