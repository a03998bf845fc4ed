/**
 * Item 3 of issue 15 / P1, P2 (figures, no pass/fail): Switchboard against its peers,
 * interleaved, against the same fake provider (its own process, loopback):
 * the raw `openai` SDK (baseline), Vercel AI SDK + ai-fallback, Portkey's
 * open-source gateway with a fallback config, Switchboard through dist/core.js
 * (two-deployment alias with limits, file ledger, budgets, cache miss every call).
 *
 *  JSON calls: R rounds; in each round every client makes N calls, interleaved call by
 *  call in a fresh shuffled order each cycle. Per client: p50/p99 over all calls, the median of round
 *  medians [min–max], and the added µs vs the baseline (median over rounds of the
 *  round-median difference [min–max]).
 *  Streaming: time to first token (same scheme) and per-chunk added time over a
 *  500-chunk stream (median paired difference to the baseline / 500).
 * Writes bench/results/latest.json (peers section; other benches add theirs).
 *
 * Run: node esbuild.js && node --require tsx/cjs bench/peers.bench.ts [--rounds 12] [--n 200]
 *      [--with-memory-ledger]  (adds Switchboard with an in-memory ledger, a diagnostic row)
 *      [--other-build path/to/core.js]  (adds another build of the core, e.g. main before a change, file
 *      ledger like the main row: an A/B in the same rounds, so the machine's state falls on both alike)
 *      [--only switchboard,vercel]  (the baseline and these clients only: what the others' work between
 *      Switchboard's calls costs it)
 */
import * as os from 'node:os';
import { fmt } from './support/bench-utils';
import { startFakeProcess } from './support/fake-process';
import { PRIMARY, PeerClient, baselineClient, portkeyClient, switchboardClient, vercelClient } from './support/peer-clients';
import { ClientSummary, RoundSamples, summarise } from './support/rounds';
import { writeResults } from './support/results-file';

const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const ROUNDS = arg('rounds', 12);
const N = arg('n', 200);
const TTFT_ROUNDS = arg('ttft-rounds', 20);
const TTFT_N = arg('ttft-n', 60);
const CHUNKS = 500;
const CHUNK_ROUNDS = arg('chunk-rounds', 15);

const msSince = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e6;

/** A small seeded PRNG: the same orders on every run of the benchmark. */
function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Fisher–Yates. */
function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

async function interleaved(clients: PeerClient[], rounds: number, n: number, once: (c: PeerClient, tag: string) => Promise<number>, reset: () => Promise<void>): Promise<RoundSamples[]> {
  const out: RoundSamples[] = [];
  const random = seededRandom(15);
  let seq = 0;
  for (let r = 0; r < rounds; r++) {
    const round: RoundSamples = new Map(clients.map((c) => [c.name, [] as number[]]));
    for (let i = 0; i < n; i++) {
      // A fresh order for every cycle, so drift, GC and connection reuse fall on every client alike,
      // and no client always runs right after the same one: a rotation kept Switchboard behind
      // Portkey's gateway every time, and the gateway's work after its answer (another process on
      // this 2-core machine) landed on Switchboard's calls (~300 µs in the file-ledger row).
      for (const c of shuffled(clients, random)) round.get(c.name)?.push(await once(c, `${r}-${i}-${seq++}`));
    }
    out.push(round);
    await reset();
  }
  return out;
}

function table(title: string, rows: ClientSummary[], unit: 'ms'): void {
  console.log(`\n${title}`);
  console.log(`  ${'client'.padEnd(34)} ${'p50'.padStart(8)} ${'p99'.padStart(8)}   ${'median of round medians [spread]'.padEnd(34)} added vs baseline, µs [spread]`);
  for (const r of rows) {
    const med = `${fmt(r.roundMedian)} [${fmt(r.roundMin)}–${fmt(r.roundMax)}]`;
    const added = r.name === 'baseline' ? '—' : `${fmt(r.addedUs, 0)} [${fmt(r.addedMinUs, 0)}–${fmt(r.addedMaxUs, 0)}]`;
    console.log(`  ${r.label.padEnd(34)} ${fmt(r.p50).padStart(8)} ${fmt(r.p99).padStart(8)}   ${med.padEnd(34)} ${added}`);
  }
  console.log(`  (${unit}; added = median over rounds of (client round median − baseline round median))`);
}

async function main(): Promise<void> {
  const fake = await startFakeProcess();
  const sb = await switchboardClient(fake.openaiBaseUrl);
  const clients: PeerClient[] = [baselineClient(fake.openaiBaseUrl), vercelClient(fake.openaiBaseUrl), await portkeyClient(fake.openaiBaseUrl), sb];
  if (process.argv.includes('--with-memory-ledger')) clients.push(await switchboardClient(fake.openaiBaseUrl, 'memory'));
  const other = process.argv.indexOf('--other-build');
  if (other > 0) clients.push(await switchboardClient(fake.openaiBaseUrl, 'file', process.argv[other + 1]));
  // How much the other clients' work between Switchboard's calls costs it: run with some left out.
  const onlyAt = process.argv.indexOf('--only');
  const only = onlyAt > 0 ? String(process.argv[onlyAt + 1]).split(',') : undefined;
  if (only) {
    const unknown = only.filter((name) => !clients.some((c) => c.name === name));
    if (unknown.length > 0) throw new Error(`--only: no client named ${unknown.join(', ')} (clients: ${clients.map((c) => c.name).join(', ')})`);
    const keep = new Set(['baseline', ...only]);
    for (const c of clients.filter((c) => !keep.has(c.name))) await c.close();
    clients.splice(0, clients.length, ...clients.filter((c) => keep.has(c.name)));
  }
  try {
    // Every peer really falls back: the primary fails once, the answer comes from the secondary.
    for (const c of clients.slice(1)) {
      await fake.forModel(PRIMARY, [{ kind: 'error', status: 500, preset: 'server_error' }]);
      const text = await c.json(`fallback check ${c.name}`);
      if (!text.includes('fallback check')) throw new Error(`${c.label}: fallback answered ${JSON.stringify(text)}`);
      c.settle?.();
    }
    await fake.reset();
    // Warm-up: JIT, connection pools, the gateway's own caches.
    await interleaved(clients, 1, 150, (c, tag) => c.json(`warm ${tag}`).then(() => 0), () => fake.reset());
    console.log(`Peers — ${os.cpus().length}× ${os.cpus()[0]?.model ?? 'cpu'}, load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}, node ${process.version}`);

    const jsonRounds = await interleaved(
      clients,
      ROUNDS,
      N,
      async (c, tag) => {
        const t0 = process.hrtime.bigint();
        const text = await c.json(`Bench ${tag} say hello`);
        const ms = msSince(t0);
        if (!text) throw new Error(`${c.label}: empty answer`);
        return ms;
      },
      () => fake.reset(),
    );
    const json = summarise(clients, jsonRounds);
    table(`JSON call on a cache miss: ${ROUNDS} rounds × ${N} calls per client, interleaved (ms)`, json, 'ms');

    const ttftRounds = await interleaved(
      clients,
      TTFT_ROUNDS,
      TTFT_N,
      async (c, tag) => {
        const t0 = process.hrtime.bigint();
        let first = NaN;
        await c.stream(`Bench stream ${tag} say hello`, () => {
          if (Number.isNaN(first)) first = msSince(t0);
        });
        return first;
      },
      () => fake.reset(),
    );
    const ttft = summarise(clients, ttftRounds);
    table(`Streaming, time to first token: ${TTFT_ROUNDS} rounds × ${TTFT_N} streams per client (ms)`, ttft, 'ms');

    // reset() also clears the default answer, so every round sets it again.
    const longAnswer = async (): Promise<void> => {
      await fake.reset();
      await fake.setDefault({ kind: 'answer', chunks: Array.from({ length: CHUNKS }, (_, k) => `w${k} `), interChunkDelayMs: 0 });
    };
    await longAnswer();
    const wholeRounds = await interleaved(
      clients,
      CHUNK_ROUNDS,
      2,
      async (c, tag) => {
        const t0 = process.hrtime.bigint();
        let n = 0;
        await c.stream(`Bench chunks ${tag}`, () => n++);
        if (n < CHUNKS) throw new Error(`${c.label}: ${n} of ${CHUNKS} chunks`);
        return msSince(t0);
      },
      longAnswer,
    );
    await fake.reset();
    const whole = summarise(clients, wholeRounds);
    console.log(`\nStreaming, per-chunk added time over a ${CHUNKS}-chunk stream (${CHUNK_ROUNDS} rounds × 2 streams per client)`);
    for (const r of whole) {
      const perChunk = r.name === 'baseline' ? '—' : `${fmt(r.addedUs / CHUNKS, 2)} µs/chunk [${fmt(r.addedMinUs / CHUNKS, 2)}–${fmt(r.addedMaxUs / CHUNKS, 2)}]`;
      console.log(`  ${r.label.padEnd(34)} whole stream median ${fmt(r.roundMedian).padStart(8)} ms   ${perChunk}`);
    }
    if (clients.includes(sb)) console.log(`\n  (${sb.records()} Switchboard records written to the file ledger)`);

    // A run with clients left out is a diagnostic: the README's tables come from the whole run.
    if (only) return;
    writeResults('peers', {
      machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, loadavg: os.loadavg(), node: process.version, platform: `${process.platform}/${process.arch}` },
      params: { rounds: ROUNDS, callsPerRound: N, ttftRounds: TTFT_ROUNDS, ttftPerRound: TTFT_N, chunks: CHUNKS, chunkRounds: CHUNK_ROUNDS },
      json,
      ttft,
      perChunk: whole.map((r) => ({ name: r.name, label: r.label, wholeStreamMs: r.roundMedian, addedUsPerChunk: r.name === 'baseline' ? 0 : r.addedUs / CHUNKS, spreadUsPerChunk: [r.addedMinUs / CHUNKS, r.addedMaxUs / CHUNKS] })),
    });
  } finally {
    for (const c of clients) await c.close();
    await fake.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
