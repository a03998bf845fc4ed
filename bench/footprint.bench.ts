/**
 * Issue 15, the code a call runs: how many distinct JavaScript functions one
 * JSON call executes through each client, and how many calls it makes to them
 * (V8's precise coverage with call counts), split into Switchboard's core, the
 * `openai` package and Node's own internals (undici's fetch and Response,
 * timers, crypto), with the core's modules that run the most functions.
 *
 * Why: in the peer benchmark every client's call runs between the other
 * clients' calls, with its code evicted from the CPU caches; what Switchboard
 * adds there is about twice what it adds warm (`cpu-per-call.bench.ts`), and
 * what it has to fetch again is the code (and its feedback, maps and constants)
 * each call runs. These counts are exact and repeat from run to run, where the
 * wall-clock figures move by ±40 µs with the machine's state: a change that
 * runs less code shows here first. In process, fake `fetch` (no sockets).
 *
 * Run: node esbuild.js && node --require tsx/cjs bench/footprint.bench.ts [--calls 200]
 *      [--other-build path/to/core.js]  (another build of the core, measured the same way: an A/B)
 */
import * as fs from 'node:fs';
import * as inspector from 'node:inspector';
import * as path from 'node:path';
import { InProcessClient, baselineClient, otherBuildArg, switchboardClient } from './support/in-process-clients';
import { writeResults } from './support/results-file';

const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const CALLS = arg('calls', 200);
const WARM_CALLS = 500;
const TOP_MODULES = 12;

interface CoverageFunction {
  functionName: string;
  ranges: { startOffset: number; endOffset: number; count: number }[];
}
interface ScriptCoverage {
  url: string;
  functions: CoverageFunction[];
}

type Area = 'core' | 'openai' | 'node' | 'other';

interface Footprint {
  /** Distinct functions run per call (on average at least once every other call), by area. */
  functions: Record<Area, number>;
  /** Calls into them per call (an async function's resumes count as calls, as V8 counts them), by area. */
  calls: Record<Area, number>;
  /** The core's modules by functions run per call (the bundle's `// src/…` markers). */
  coreModules: Array<{ module: string; functions: number; calls: number }>;
}

const session = new inspector.Session();
session.connect();
const post = <T>(method: string, params?: object): Promise<T> =>
  new Promise((resolve, reject) => session.post(method, params, (err, res) => (err ? reject(err) : resolve(res as T))));

/** Where each module of a non-minified esbuild bundle starts (its `// src/…` comment), by character offset. */
function moduleStarts(file: string): Array<{ at: number; module: string }> {
  const text = fs.readFileSync(file, 'utf8');
  const out: Array<{ at: number; module: string }> = [];
  const marker = /^\/\/ (src\/\S+)$/gm;
  for (let m = marker.exec(text); m; m = marker.exec(text)) out.push({ at: m.index, module: m[1] as string });
  return out;
}

function moduleAt(starts: Array<{ at: number; module: string }>, offset: number): string {
  let lo = 0;
  let hi = starts.length - 1;
  let found = '(bundle prelude)';
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = starts[mid] as { at: number; module: string };
    if (s.at <= offset) {
      found = s.module;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

function areaOf(url: string, codeFile: string | undefined): Area {
  if (codeFile !== undefined && (url === codeFile || url === `file://${codeFile}`)) return 'core';
  if (url.includes('/node_modules/openai/')) return 'openai';
  if (url.startsWith('node:')) return 'node';
  return 'other';
}

let seq = 0;
async function measure(client: InProcessClient): Promise<Footprint> {
  for (let i = 0; i < WARM_CALLS; i++) await client.json(`warm ${seq++} say hello`);
  await post('Profiler.startPreciseCoverage', { callCount: true, detailed: false });
  // Taking the coverage resets its counts: what follows is these calls' alone.
  await post('Profiler.takePreciseCoverage');
  for (let i = 0; i < CALLS; i++) await client.json(`Bench ${seq++} say hello`);
  const { result } = await post<{ result: ScriptCoverage[] }>('Profiler.takePreciseCoverage');
  await post('Profiler.stopPreciseCoverage');
  const functions: Record<Area, number> = { core: 0, openai: 0, node: 0, other: 0 };
  const calls: Record<Area, number> = { core: 0, openai: 0, node: 0, other: 0 };
  const starts = client.codeFile ? moduleStarts(client.codeFile) : [];
  const modules = new Map<string, { functions: number; calls: number }>();
  for (const script of result) {
    const area = areaOf(script.url, client.codeFile);
    for (const fn of script.functions) {
      const whole = fn.ranges[0];
      // A script's top-level code is reported as a function too; it ran when the script loaded.
      if (!whole || (whole.startOffset === 0 && fn.functionName === '')) continue;
      const perCall = whole.count / CALLS;
      // Run by at least every other call: the path's code, not a timer or a collection that happened to fall in.
      if (perCall < 0.5) continue;
      functions[area] += 1;
      calls[area] += perCall;
      if (area === 'core') {
        const module = moduleAt(starts, whole.startOffset);
        const m = modules.get(module) ?? { functions: 0, calls: 0 };
        m.functions += 1;
        m.calls += perCall;
        modules.set(module, m);
      }
    }
  }
  const coreModules = [...modules].map(([module, m]) => ({ module, ...m })).sort((a, b) => b.functions - a.functions || b.calls - a.calls);
  return { functions, calls, coreModules };
}

async function main(): Promise<void> {
  await post('Profiler.enable');
  const clients: InProcessClient[] = [baselineClient(), await switchboardClient()];
  const other = otherBuildArg();
  if (other) clients.push(await switchboardClient(other));
  const rows: Array<{ name: string; footprint: Footprint }> = [];
  try {
    for (const c of clients) rows.push({ name: c.name, footprint: await measure(c) });
  } finally {
    for (const c of clients) await c.close();
  }
  console.log(`Code run per JSON call — in process, fake fetch; ${CALLS} calls per client after ${WARM_CALLS} to warm up; node ${process.version}`);
  console.log('functions: distinct functions run per call; calls: calls into them per call (resumes of async functions included)');
  console.log('| client | own code: functions | calls | openai package: functions | calls | Node internals: functions | calls |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  const n = (x: number): string => x.toFixed(0);
  for (const r of rows) {
    const f = r.footprint;
    console.log(`| ${r.name} | ${n(f.functions.core)} | ${n(f.calls.core)} | ${n(f.functions.openai)} | ${n(f.calls.openai)} | ${n(f.functions.node)} | ${n(f.calls.node)} |`);
  }
  for (const r of rows.slice(1)) {
    console.log(`\n${r.name}: the core's modules that run the most functions per JSON call (top ${TOP_MODULES} of ${r.footprint.coreModules.length})`);
    for (const m of r.footprint.coreModules.slice(0, TOP_MODULES)) console.log(`  ${String(m.functions).padStart(4)} functions ${m.calls.toFixed(0).padStart(5)} calls  ${m.module}`);
  }
  writeResults('footprint', {
    machine: { node: process.version, platform: `${process.platform}/${process.arch}` },
    params: { calls: CALLS, warmCalls: WARM_CALLS },
    clients: rows.map((r) => ({ name: r.name, functions: r.footprint.functions, calls: Object.fromEntries(Object.entries(r.footprint.calls).map(([k, v]) => [k, Math.round(v)])) })),
    switchboardCoreModules: rows[1]?.footprint.coreModules.slice(0, TOP_MODULES).map((m) => ({ module: m.module, functions: m.functions, calls: Math.round(m.calls) })) ?? [],
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
