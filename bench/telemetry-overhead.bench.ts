/**
 * Telemetry cost when the collector is down (no pass/fail; target: within 5 %).
 * Orchestrators on the same loopback fake provider, calls interleaved:
 *  - telemetry off, twice (the second is an A/A control: the noise floor);
 *  - telemetry to a dead collector (nothing listens: every export is refused);
 *  - telemetry to a black-hole collector (accepts, never answers: exports time out).
 * Each call is a streamed cache miss; figures are per-request wall time (ms).
 *
 * Run: node esbuild.js && node --require tsx/cjs bench/telemetry-overhead.bench.ts [--n 1500]
 */
import * as net from 'node:net';
import { startFakeProvider } from '../test/support/fake-provider';
import { KEY, benchConfig, fmt, line, loadCore, msSince, stats } from './support/bench-utils';

const argN = process.argv.indexOf('--n');
const N = argN > 0 ? Number(process.argv[argN + 1]) : 1500;
const WARMUP = 200;

async function listen(server: net.Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as net.AddressInfo).port;
}

async function main(): Promise<void> {
  const core = loadCore();
  const fp = await startFakeProvider();
  const probe = net.createServer();
  const deadPort = await listen(probe);
  await new Promise<void>((r) => probe.close(() => r()));
  const held: net.Socket[] = [];
  const blackHole = net.createServer((s) => held.push(s));
  const holePort = await listen(blackHole);

  const drops: string[] = [];
  const log = { info: (): void => undefined, warn: (m: string): void => void drops.push(m), error: (m: string): void => void drops.push(m) };
  const make = (endpoint?: string): ReturnType<typeof core.createOrchestrator> =>
    core.createOrchestrator(benchConfig(fp.openaiBaseUrl, endpoint ? { telemetry: { otlp: { endpoint } } } : {}), { keys: () => KEY, log });
  const variants = [
    { name: 'telemetry off', orch: make(), ms: [] as number[] },
    // A second identical orchestrator: its difference from the first is the noise floor of this machine.
    { name: 'telemetry off (A/A control)', orch: make(), ms: [] as number[] },
    { name: 'collector down (refused)', orch: make(`http://127.0.0.1:${deadPort}`), ms: [] as number[] },
    { name: 'collector black hole (timeouts)', orch: make(`http://127.0.0.1:${holePort}`), ms: [] as number[] },
  ];
  const call = async (v: (typeof variants)[number], i: number): Promise<number> => {
    const t0 = process.hrtime.bigint();
    for await (const ev of v.orch.stream({ model: 'fast', messages: [{ role: 'user', content: `Bench ${v.name} ${String(i).padStart(7, '0')} say hello` }], temperature: 0 })) {
      if (ev.type === 'error') throw ev.error;
    }
    return msSince(t0);
  };

  for (let i = 0; i < WARMUP; i++) for (const v of variants) await call(v, -1 - i);
  for (let i = 0; i < N; i++) {
    // Rotate who goes first so drift and connection reuse affect all alike.
    for (let k = 0; k < variants.length; k++) {
      const v = variants[(i + k) % variants.length];
      if (v) v.ms.push(await call(v, i));
    }
  }
  const base = stats(variants[0]?.ms ?? []);
  console.log(`Telemetry with the collector down: ${N} streamed requests per variant after ${WARMUP} warm-up, interleaved (ms)`);
  for (const v of variants) {
    const s = stats(v.ms);
    const pct = (x: number, b: number): string => `${x >= b ? '+' : ''}${fmt(((x - b) / b) * 100, 1)} %`;
    line(v.name, `p50 ${fmt(s.p50)}   p99 ${fmt(s.p99)}   mean ${fmt(s.mean)}   vs off: p50 ${pct(s.p50, base.p50)}, mean ${pct(s.mean, base.mean)}`);
  }
  for (const v of variants) await v.orch.flush();
  line('dropped-span reports in the log', String(drops.filter((d) => /span\(s\) dropped/.test(d)).length));
  for (const v of variants) v.orch.dispose();
  for (const s of held) s.destroy();
  blackHole.close();
  await fp.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
