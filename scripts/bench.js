#!/usr/bin/env node
// Builds the bundles (node esbuild.js), then runs every bench/*.bench.ts in turn
// (node --require tsx/cjs) and prints each one's figures; peers, stalls and
// profile also write their section of bench/results/latest.json. Benchmarks print
// figures and ratios against a baseline measured in the same run; they never
// pass or fail on timing. The exit code is non-zero only if a benchmark crashed.
// Usage: node scripts/bench.js [name-filter ...]   e.g. node scripts/bench.js overhead
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const filters = process.argv.slice(2);

function run(args) {
  return spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
}

console.log('=== build (node esbuild.js) ===');
const build = run(['esbuild.js']);
if (build.status !== 0) {
  console.error('build failed; no benchmark was run');
  process.exit(1);
}

const benches = fs
  .readdirSync(path.join(root, 'bench'))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

const results = [];
for (const file of benches) {
  console.log(`\n=== bench/${file} ===`);
  const started = Date.now();
  const r = run(['--require', 'tsx/cjs', path.join('bench', file)]);
  const ok = r.status === 0;
  results.push(`${ok ? 'ran ' : 'FAIL'} bench/${file} (${((Date.now() - started) / 1000).toFixed(1)} s)${ok ? '' : ` exit ${r.status ?? r.signal}`}`);
}

console.log('\n=== benchmarks ===');
for (const l of results) console.log(l);
const latest = path.join(root, 'bench', 'results', 'latest.json');
if (fs.existsSync(latest)) console.log(`figures (peers, stalls, profile): ${path.relative(root, latest)}`);
process.exit(results.some((l) => l.startsWith('FAIL')) ? 1 : 0);
