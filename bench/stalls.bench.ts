/**
 * Item 1 of issue 15 (figures, no pass/fail): the longest synchronous block on
 * the event loop for each normal path, each in a fresh process so "first" is
 * really first. Target: every path ≤ 50 ms.
 *
 *  - loading the extension: require() of a production build (node esbuild.js --production
 *    into a temp dir) with a stub vscode module (bench/support/activation-child.js);
 *  - activate(): its synchronous part and any block in the 300 ms after;
 *  - first request, first cancel, first usage estimate, config change: dist/core.js
 *    against the fake provider running in this (parent) process;
 *  - open + first cost report + CSV export over a 100k-record file ledger;
 *  - response cache save and load at 5k entries (~2 KB answers);
 *  - semantic lookup at 5k entries, dim 1536 (typical and no-pruning worst case).
 * Blocks are measured with perf_hooks.monitorEventLoopDelay (max, 1 ms resolution),
 * require() with timestamps around it (it is synchronous by nature).
 *
 * Run: node esbuild.js && node --require tsx/cjs bench/stalls.bench.ts [--runs 3]
 */
import { execFile, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { startFakeProvider } from '../test/support/fake-provider';
import { fmt, median } from './support/bench-utils';
import { writeLedgerFixture } from './support/ledger-fixture';
import { writeResults } from './support/results-file';

const root = path.resolve(__dirname, '..');
const argRuns = process.argv.indexOf('--runs');
const RUNS = argRuns > 0 ? Number(process.argv[argRuns + 1]) : 3;
const LIMIT_MS = 50;

interface Row {
  path: string;
  /** Wall clock (monitorEventLoopDelay max, or timestamps around require()). */
  longestBlockMs: number;
  /** CPU time of the longest block: what it would be on an idle machine. */
  longestBlockCpuMs: number;
  wallMs: number;
  note?: string;
}

const run = promisify(execFile);

/** Async: the fake provider answers from this process's event loop meanwhile. */
async function child(which: string, args: object): Promise<Row[]> {
  const { stdout: out } = await run(process.execPath, ['--expose-gc', '--require', 'tsx/cjs', path.join(__dirname, 'support/stall-child.ts'), which, JSON.stringify(args)], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24 });
  return JSON.parse(out.trim().split('\n').pop() ?? '[]') as Row[];
}

function activation(bundle: string): Row[] {
  const out = execFileSync(process.execPath, [path.join(__dirname, 'support/activation-child.js'), 'configured', bundle], { cwd: root, encoding: 'utf8' });
  const s = JSON.parse(out.trim().split('\n').pop() ?? '{}') as { requireMs: number; requireCpuMs: number; activateAwaitedMs: number; activateLongestBlockMs: number; activateSyncCpuMs: number; error?: string };
  if (s.error) throw new Error(`activation failed: ${s.error}`);
  return [
    { path: `load the extension: require() (${(fs.statSync(bundle).size / 1024).toFixed(0)} KB bundle)`, longestBlockMs: s.requireMs, longestBlockCpuMs: s.requireCpuMs, wallMs: s.requireMs },
    // CPU: the synchronous part of activate() (the later turns are covered by the wall figure only).
    { path: 'activate() and the 300 ms after it', longestBlockMs: s.activateLongestBlockMs, longestBlockCpuMs: s.activateSyncCpuMs, wallMs: s.activateAwaitedMs },
  ];
}

/** Per path over the RUNS fresh processes: the median longest block (headline), the worst, every run. */
function perPath(rows: Row[][]): (Row & { runs: number[]; cpuRuns: number[] })[] {
  const byPath = new Map<string, Row[]>();
  for (const r of rows.flat()) byPath.set(r.path, [...(byPath.get(r.path) ?? []), r]);
  return [...byPath.values()].map((rs) => {
    const runs = rs.map((r) => r.longestBlockMs);
    const cpuRuns = rs.map((r) => r.longestBlockCpuMs);
    const first = rs[0] as Row;
    return { ...first, longestBlockMs: median(runs), longestBlockCpuMs: median(cpuRuns), wallMs: median(rs.map((r) => r.wallMs)), runs, cpuRuns };
  });
}

async function main(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-stalls-'));
  execFileSync(process.execPath, ['esbuild.js', '--production', '--outdir', path.join(tmp, 'dist')], { cwd: root, stdio: 'inherit' });
  const bundle = path.join(tmp, 'dist/extension.js');
  const ledgerDir = path.join(tmp, 'ledger');
  fs.mkdirSync(ledgerDir);
  const ledger = await writeLedgerFixture(ledgerDir, 100_000);
  const fp = await startFakeProvider();
  const all: Row[][] = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      all.push(activation(bundle));
      fp.setDefault(undefined);
      for (const which of ['first-request', 'first-cancel', 'config-change']) all.push(await child(which, { baseUrl: fp.openaiBaseUrl }));
      fp.setDefault({ kind: 'answer', omitUsage: true });
      all.push(await child('first-estimate', { baseUrl: fp.openaiBaseUrl }));
      fp.setDefault(undefined);
      all.push(await child('ledger', { ledgerDir }));
      all.push(await child('cache', { entries: 5000 }));
      all.push(await child('semantic', { entries: 5000, dim: 1536 }));
      fp.reset();
    }
  } finally {
    await fp.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const rows = perPath(all);
  console.log(`Stalls — longest event-loop block per path, median of ${RUNS} fresh processes (ms); ${os.cpus().length}× ${os.cpus()[0]?.model ?? 'cpu'}, load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  console.log(`  ${'path'.padEnd(66)} ${'wall'.padStart(8)} ${'CPU'.padStart(8)} ${'bound'.padStart(8)}  ${'total'.padStart(8)}  ≤ ${LIMIT_MS} ms?`);
  for (const r of rows) {
    const bound = Math.min(r.longestBlockMs, r.longestBlockCpuMs);
    console.log(`  ${r.path.padEnd(66)} ${fmt(r.longestBlockMs, 1).padStart(8)} ${fmt(r.longestBlockCpuMs, 1).padStart(8)} ${fmt(bound, 1).padStart(8)}  ${fmt(r.wallMs, 1).padStart(8)}  ${bound <= LIMIT_MS ? 'under' : 'OVER'}${r.note ? `  (${r.note})` : ''}`);
  }
  console.log('  wall: monitorEventLoopDelay max (also counts time the OS ran other processes); CPU: process CPU time between two');
  console.log('  event-loop turns (also counts helper threads: GC, compilation). Both are upper bounds of the block on an idle');
  console.log('  machine; bound = the smaller, the verdict uses it. total: wall time of the whole path.');
  console.log(`  (ledger fixture: 100k records, ${(ledger.bytes / 1e6).toFixed(1)} MB)`);
  writeResults('stalls', { runs: RUNS, limitMs: LIMIT_MS, cpus: os.cpus().length, loadavg: os.loadavg(), ledgerBytes: ledger.bytes, rows: rows.map((r) => ({ ...r, boundMs: Math.min(r.longestBlockMs, r.longestBlockCpuMs) })) });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
