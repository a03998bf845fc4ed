#!/usr/bin/env node
// Runs every check and test, in order, and ends with one plain line
// "N passed, N failed, N skipped" (CI reads that line, not mocha's summary).
// Usage: node scripts/test.js [--suite unit|integration|e2e ...] [--no-checks]
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const chosen = args.flatMap((a, i) => (a === '--suite' ? [args[i + 1]] : []));
const suites = chosen.length > 0 ? chosen : ['unit', 'integration', 'e2e'];
const runChecks = !args.includes('--no-checks') && chosen.length === 0;

const SUITES = {
  unit: { spec: 'test/unit/**/*.test.ts', timeout: 10000 },
  integration: { spec: 'test/integration/**/*.test.ts', timeout: 30000 },
  e2e: { spec: 'test/e2e/**/*.test.ts', timeout: 300000, prepare: ['npm', ['run', 'package']], require: ['test/e2e/support/root-hooks.ts'] },
};

let passed = 0;
let failed = 0;
let skipped = 0;
const lines = [];

function run(cmd, cmdArgs, env = {}) {
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}

function check(name, cmd, cmdArgs) {
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const ok = run(cmd, cmdArgs);
  if (ok) passed += 1;
  else failed += 1;
  lines.push(`${ok ? 'ok  ' : 'FAIL'} ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

if (runChecks) {
  check('typecheck (tsc --noEmit)', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
  check('lint (eslint, layer import rules)', 'npx', ['eslint', 'src', 'test', 'scripts']);
  check('build (esbuild)', 'node', ['esbuild.js']);
}

for (const name of suites) {
  const suite = SUITES[name];
  if (!suite) {
    console.error(`Unknown suite "${name}"; use unit, integration or e2e.`);
    process.exit(2);
  }
  console.log(`\n=== ${name} tests ===`);
  const started = Date.now();
  if (suite.prepare && !run(suite.prepare[0], suite.prepare[1])) {
    failed += 1;
    lines.push(`FAIL ${name}: preparation (${suite.prepare.flat().join(' ')}) failed`);
    continue;
  }
  const tally = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sb-tally-')), 'tally.json');
  const requires = ['tsx/cjs', ...(suite.require ?? [])].flatMap((r) => ['--require', r]);
  const ok = run('npx', ['mocha', ...requires, '--reporter', path.join(__dirname, 'mocha-tally-reporter.js'), '--timeout', String(suite.timeout), '--exit', suite.spec], {
    SWITCHBOARD_TALLY_FILE: tally,
  });
  let counts = { passed: 0, failed: ok ? 0 : 1, skipped: 0 };
  if (fs.existsSync(tally)) counts = JSON.parse(fs.readFileSync(tally, 'utf8'));
  else if (!ok) console.error(`mocha for the ${name} suite exited before reporting (crash?)`);
  // A crashed runner with no failing test still counts as one failure.
  if (!ok && counts.failed === 0) counts.failed = 1;
  passed += counts.passed;
  failed += counts.failed;
  skipped += counts.skipped;
  lines.push(`${counts.failed ? 'FAIL' : 'ok  '} ${name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

console.log('\n=== summary ===');
for (const l of lines) console.log(l);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
