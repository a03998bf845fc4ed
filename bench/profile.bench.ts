/**
 * Issue 15 item 2 ("profile first"): where the Switchboard request path spends
 * its CPU. Runs bench/support/profile-request-path.ts under `node --cpu-prof`
 * (dist/core.js from `node esbuild.js`: not minified, so names are real) and
 * prints the top functions by self time, and self time per source area.
 * Figures only; the .cpuprofile is kept for Chrome DevTools / speedscope.
 *
 * Run: node esbuild.js && node --require tsx/cjs bench/profile.bench.ts [--calls 3000] [--streams 1000]
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeResults } from './support/results-file';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const root = path.resolve(__dirname, '..');

/** Which part of the program a frame belongs to: a source folder of ours, a package, or Node itself. */
function area(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1] as string;
  if (url.startsWith('node:')) return url.replace(/^node:(internal\/)?/, 'node:').split('/').slice(0, 2).join('/');
  const base = path.basename(url);
  return base.startsWith('lib-') ? `dist/${base}` : `dist/${base}`;
}

function selfTimes(profile: CpuProfile): { byFunction: Map<string, number>; byArea: Map<string, number>; total: number } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byFunction = new Map<string, number>();
  const byArea = new Map<string, number>();
  let total = 0;
  for (const [id, us] of selfUs) {
    const n = byId.get(id);
    if (!n) continue;
    const { functionName, url, lineNumber } = n.callFrame;
    total += us;
    if (functionName === '(idle)' || functionName === '(program)') continue;
    const key = `${functionName || '(anonymous)'}  ${url ? `${path.basename(url)}:${lineNumber + 1}` : ''}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    const a = area(url, functionName);
    byArea.set(a, (byArea.get(a) ?? 0) + us);
  }
  return { byFunction, byArea, total };
}

function main(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-cpuprof-'));
  const calls = arg('calls', 3000);
  const streams = arg('streams', 1000);
  const out = execFileSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, '--require', 'tsx/cjs', path.join(__dirname, 'support/profile-request-path.ts'), String(calls), String(streams)], { cwd: root, encoding: 'utf8' });
  const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no .cpuprofile in ${dir}`);
  const { byFunction, byArea, total } = selfTimes(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as CpuProfile);
  const busy = [...byFunction.values()].reduce((a, b) => a + b, 0);
  const pct = (us: number): string => `${((100 * us) / busy).toFixed(1).padStart(5)}%`;
  console.log(`CPU profile of the Switchboard request path: ${out.trim()}`);
  console.log(`  ${(total / 1e6).toFixed(2)} s profiled, ${(busy / 1e6).toFixed(2)} s on the CPU (idle and (program) excluded); shares are of the CPU time`);
  console.log('  self time by area:');
  const areas = [...byArea.entries()].sort((a, b) => b[1] - a[1]).slice(0, 14);
  for (const [a, us] of areas) console.log(`    ${pct(us)}  ${a}`);
  console.log('  top functions by self time:');
  const top = [...byFunction.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25);
  for (const [f, us] of top) console.log(`    ${pct(us)}  ${f}`);
  console.log(`  profile: ${path.join(dir, file)}`);
  writeResults('profile', {
    calls,
    streams,
    cpuSeconds: busy / 1e6,
    byArea: areas.map(([a, us]) => ({ area: a, share: us / busy })),
    topFunctions: top.map(([f, us]) => ({ function: f, share: us / busy })),
  });
}

main();
