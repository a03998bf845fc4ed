/**
 * Issue 15 item 2, seen from the CPU: how many microseconds of this process's
 * CPU (user + system, `process.cpuUsage`) one call costs through each client,
 * and so what Switchboard adds to a direct `openai` SDK call. CPU time does
 * not count the wait for the fake provider (its own process) or for other
 * processes on a loaded machine, so it is the steadiest figure for the
 * request path's own work; the peer benchmark's wall-clock table remains the
 * one the issue names. Clients run in alternating blocks; the median block
 * per client is printed. Work a call leaves behind (the ledger's write and
 * sync after `done`) lands in the block's total: nothing escapes.
 *
 * Run: node esbuild.js && node --require tsx/cjs bench/cpu-per-call.bench.ts [--blocks 10 --n 300]
 *      [--other-build path/to/core.js]  (adds another build of the core in the same blocks: an A/B)
 */
import { median } from './support/bench-utils';
import { startFakeProcess } from './support/fake-process';
import { PeerClient, baselineClient, switchboardClient, vercelClient } from './support/peer-clients';

const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};

async function cpuPerCall(run: () => Promise<unknown>, n: number): Promise<number> {
  const before = process.cpuUsage();
  for (let i = 0; i < n; i++) await run();
  // Let the work a call scheduled after answering (ledger write, sync) finish inside the block.
  await new Promise((r) => setTimeout(r, 20));
  const d = process.cpuUsage(before);
  return (d.user + d.system) / n;
}

async function main(): Promise<void> {
  const blocks = arg('blocks', 10);
  const n = arg('n', 300);
  const fake = await startFakeProcess();
  const clients: PeerClient[] = [
    baselineClient(fake.openaiBaseUrl),
    vercelClient(fake.openaiBaseUrl),
    await switchboardClient(fake.openaiBaseUrl),
    await switchboardClient(fake.openaiBaseUrl, 'memory'),
  ];
  const other = process.argv.indexOf('--other-build');
  if (other > 0) clients.push(await switchboardClient(fake.openaiBaseUrl, 'file', process.argv[other + 1]));
  const streamChunks = 50;
  const json = new Map<string, number[]>();
  const stream = new Map<string, number[]>();
  try {
    for (const c of clients) for (let i = 0; i < 50; i++) await c.json(`warm ${c.name} ${i}`); // JIT and connections
    let k = 0;
    for (let b = 0; b < blocks; b++) {
      for (const c of b % 2 === 0 ? clients : [...clients].reverse()) {
        const us = await cpuPerCall(() => c.json(`cpu ${c.name} ${k++} say hello`), n);
        json.set(c.label, [...(json.get(c.label) ?? []), us]);
      }
      await fake.reset();
    }
    await fake.setDefault({ kind: 'answer', chunks: Array.from({ length: streamChunks }, (_, i) => `w${i} `) });
    for (let b = 0; b < Math.max(3, Math.round(blocks / 2)); b++) {
      for (const c of b % 2 === 0 ? clients : [...clients].reverse()) {
        const us = await cpuPerCall(() => c.stream(`cpu stream ${c.name} ${k++}`, () => undefined), Math.round(n / 3));
        stream.set(c.label, [...(stream.get(c.label) ?? []), us]);
      }
      await fake.reset();
    }
  } finally {
    for (const c of clients) await c.close();
    await fake.close();
  }
  const base = (m: Map<string, number[]>): number => median(m.get(clients[0]!.label) ?? []);
  console.log(`CPU µs per call (median of ${blocks} blocks × ${n} calls; streams: ${streamChunks} chunks)`);
  console.log('| client | JSON call µs | added µs | stream µs | added µs |');
  console.log('|---|---:|---:|---:|---:|');
  for (const c of clients) {
    const j = median(json.get(c.label) ?? []);
    const s = median(stream.get(c.label) ?? []);
    const add = (v: number, b: number): string => (c === clients[0] ? '—' : (v - b).toFixed(0));
    console.log(`| ${c.label} | ${j.toFixed(0)} | ${add(j, base(json))} | ${s.toFixed(0)} | ${add(s, base(stream))} |`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
