/**
 * P5 figures (no pass/fail): cold activation of the bundled extension with a
 * stub `vscode` module and a fake ExtensionContext, one fresh process per
 * sample (bench/support/activation-child.js): time to require the bundle, time
 * of the activate() call (target ≤ 50 ms), and network calls during activation
 * (fetch, http/https.request/get, net/tls connect, dns.lookup; expected 0).
 * Measured for dist/extension.js as on disk (`npm run bench` rebuilds it with `node esbuild.js`)
 * and the production build (`node esbuild.js --production --outdir <temp>`; dist/ is left
 * alone), each with empty and with valid settings.
 *
 * Run: node esbuild.js && node --require tsx/cjs bench/activation.bench.ts [--runs 7]
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fmt, line, stats } from './support/bench-utils';

const root = path.resolve(__dirname, '..');
const argRuns = process.argv.indexOf('--runs');
const RUNS = argRuns > 0 ? Number(process.argv[argRuns + 1]) : 7;

interface Sample {
  variant: string;
  requireMs: number;
  activateMs: number;
  activateAwaitedMs: number;
  activateReturnedPromise: boolean;
  networkDuringRequire: number;
  networkDuringActivate: number;
  networkAfterSettle: number;
  networkCalls: { api: string; target: string }[];
  subscriptions: number;
  errorsShown: string[];
  unknownApis: string[];
  activatedLine: string | null;
  logErrors: string[];
  error?: string;
}

function sample(variant: string, bundle: string): Sample {
  const out = execFileSync(process.execPath, [path.join(__dirname, 'support/activation-child.js'), variant, bundle], { cwd: root, encoding: 'utf8' });
  const s = JSON.parse(out.trim().split('\n').pop() ?? '{}') as Sample;
  if (s.error) throw new Error(`activation failed (${variant}, ${bundle}):\n${s.error}`);
  return s;
}

/** `node esbuild.js --production` into a temp folder: the bundle users get, with its lazily loaded siblings. */
async function productionBundle(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-activation-bundle-'));
  execFileSync(process.execPath, ['esbuild.js', '--production', '--outdir', dir], { cwd: root, stdio: 'inherit' });
  return path.join(dir, 'extension.js');
}

async function main(): Promise<void> {
  const dev = path.join(root, 'dist/extension.js');
  if (!fs.existsSync(dev)) throw new Error('dist/extension.js is missing: run `node esbuild.js` first');
  const prod = await productionBundle();
  const kb = (f: string): string => `${(fs.statSync(f).size / 1024).toFixed(0)} KB`;
  console.log(`P5 — cold activation with a stub vscode module, ${RUNS} fresh processes per row (ms; median / max)`);
  const notes = new Set<string>();
  for (const [label, bundle] of [[`dist/extension.js as on disk (${kb(dev)})`, dev], [`minified bundle (${kb(prod)})`, prod]] as const) {
    console.log(`  ${label}`);
    for (const variant of ['empty', 'configured']) {
      sample(variant, bundle); // warm the OS file cache
      const runs = Array.from({ length: RUNS }, () => sample(variant, bundle));
      const req = stats(runs.map((r) => r.requireMs));
      const act = stats(runs.map((r) => r.activateAwaitedMs));
      const net = runs.reduce((n, r) => n + r.networkDuringRequire + r.networkDuringActivate + r.networkAfterSettle, 0);
      line(`    ${variant} settings: require()`, `${fmt(req.p50, 1)} / ${fmt(req.max, 1)}`);
      line(`    ${variant} settings: activate()`, `${fmt(act.p50, 2)} / ${fmt(act.max, 2)}   (target ≤ 50)`);
      line(`    ${variant} settings: require + activate`, `${fmt(req.p50 + act.p50, 1)}`);
      line(`    ${variant} settings: network calls`, `${net} over ${runs.length} activations (incl. 300 ms after)   (expected 0)`);
      for (const r of runs) {
        for (const c of r.networkCalls) notes.add(`network during activation: ${c.api} ${c.target}`);
        for (const e of r.errorsShown) notes.add(`error shown (${variant}): ${e}`);
        for (const e of r.logErrors) notes.add(`log error (${variant}): ${e}`);
        for (const u of r.unknownApis) if (u !== 'vscode.__esModule') notes.add(`vscode API not in the stub (answered with a no-op): ${u}`);
        if (!r.activatedLine) notes.add(`no "activated" log line (${variant})`);
        if (r.activateReturnedPromise) notes.add('activate() returned a promise (time includes awaiting it)');
      }
    }
  }
  for (const n of notes) console.log(`  note: ${n}`);
  fs.rmSync(path.dirname(prod), { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
