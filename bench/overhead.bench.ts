/**
 * P1 / P2 figures (no pass/fail): the orchestrator against a direct `openai`
 * SDK call (maxRetries 0) to the same loopback fake provider, in the same run.
 *
 *  P1  JSON call on a cache miss: p50/p99 of each, added p50/p99 (target ≤ 0.5 ms / ≤ 2 ms).
 *  P2  streaming: added time to first token p50 (target ≤ 1 ms), per-chunk overhead over a
 *      500-chunk stream (target ≤ 10 µs/chunk), and no buffering: chunks spaced 20 ms
 *      upstream arrive at the consumer spaced 20 ± 5 ms.
 *
 * Run: node esbuild.js && node --require tsx/cjs bench/overhead.bench.ts [--n 2000]
 */
import OpenAI from 'openai';
import { startFakeProvider } from '../test/support/fake-provider';
import { KEY, MODEL, benchConfig, fmt, line, loadCore, median, msSince, stats } from './support/bench-utils';

const argN = process.argv.indexOf('--n');
const N = argN > 0 ? Number(process.argv[argN + 1]) : 2000;
const WARMUP = Math.min(300, Math.max(50, Math.floor(N / 5)));

type Msgs = { role: 'user'; content: string }[];
/** Unique prompts of equal length so every orchestrator call is a cache miss (temperature 0: keyed and stored). */
const prompt = (tag: string, i: number): Msgs => [{ role: 'user', content: `Bench ${tag} ${String(i).padStart(7, '0')} say hello` }];

async function main(): Promise<void> {
  const core = loadCore();
  const fp = await startFakeProvider();
  const sdk = new OpenAI({ baseURL: fp.openaiBaseUrl, apiKey: KEY, maxRetries: 0 });
  const orch = core.createOrchestrator(benchConfig(fp.openaiBaseUrl), { keys: () => KEY });
  let records = 0;
  orch.onRecord(() => records++); // telemetry listener, as the extension installs one

  const sdkJson = async (i: number): Promise<number> => {
    const t0 = process.hrtime.bigint();
    const r = await sdk.chat.completions.create({ model: MODEL, messages: prompt('sdk', i), temperature: 0 });
    const ms = msSince(t0);
    if (!r.choices[0]?.message.content) throw new Error('sdk: empty answer');
    return ms;
  };
  const orchJson = async (i: number): Promise<number> => {
    const t0 = process.hrtime.bigint();
    const r = await orch.chat({ model: 'fast', messages: prompt('orc', i), temperature: 0 });
    const ms = msSince(t0);
    if (r.record.cache !== 'miss') throw new Error(`orchestrator: expected a cache miss, got ${r.record.cache}`);
    return ms;
  };

  console.log(`P1 — JSON call on a cache miss, ${N} sequential calls each after ${WARMUP} warm-up, interleaved (ms)`);
  for (let i = 0; i < WARMUP; i++) {
    await sdkJson(-1 - i);
    await orchJson(-1 - i);
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < N; i++) {
    // Alternate who goes first so drift and connection reuse affect both alike.
    if (i % 2 === 0) {
      a.push(await sdkJson(i));
      b.push(await orchJson(i));
    } else {
      b.push(await orchJson(i));
      a.push(await sdkJson(i));
    }
  }
  const sa = stats(a);
  const sb = stats(b);
  line('openai SDK direct', `p50 ${fmt(sa.p50)}   p99 ${fmt(sa.p99)}   mean ${fmt(sa.mean)}`);
  line('orchestrator chat()', `p50 ${fmt(sb.p50)}   p99 ${fmt(sb.p99)}   mean ${fmt(sb.mean)}`);
  line('added by the orchestrator', `p50 ${fmt(sb.p50 - sa.p50)}   p99 ${fmt(sb.p99 - sa.p99)}   (targets ≤ 0.500 / ≤ 2.000)`);
  line('ratio orchestrator / SDK', `p50 ${fmt(sb.p50 / sa.p50, 2)}x   p99 ${fmt(sb.p99 / sa.p99, 2)}x`);

  // --- P2: time to first token -------------------------------------------------------------
  const TTFT_N = Math.max(200, Math.floor(N / 4));
  const sdkTtft = async (i: number): Promise<number> => {
    const t0 = process.hrtime.bigint();
    let first = NaN;
    const s = await sdk.chat.completions.create({ model: MODEL, messages: prompt('sdk-st', i), stream: true, stream_options: { include_usage: true } });
    for await (const c of s) if (Number.isNaN(first) && c.choices[0]?.delta?.content) first = msSince(t0);
    return first;
  };
  const orchTtft = async (i: number): Promise<number> => {
    const t0 = process.hrtime.bigint();
    let first = NaN;
    for await (const ev of orch.stream({ model: 'fast', messages: prompt('orc-st', i) })) {
      if (Number.isNaN(first) && ev.type === 'text') first = msSince(t0);
      if (ev.type === 'error') throw ev.error;
    }
    return first;
  };
  for (let i = 0; i < 50; i++) {
    await sdkTtft(-1 - i);
    await orchTtft(-1 - i);
  }
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < TTFT_N; i++) {
    if (i % 2 === 0) {
      ta.push(await sdkTtft(i));
      tb.push(await orchTtft(i));
    } else {
      tb.push(await orchTtft(i));
      ta.push(await sdkTtft(i));
    }
  }
  const sta = stats(ta);
  const stb = stats(tb);
  console.log(`\nP2 — streaming, ${TTFT_N} streams each (ms)`);
  line('time to first token, openai SDK stream', `p50 ${fmt(sta.p50)}   p99 ${fmt(sta.p99)}`);
  line('time to first token, orchestrator stream()', `p50 ${fmt(stb.p50)}   p99 ${fmt(stb.p99)}`);
  line('added time to first token', `p50 ${fmt(stb.p50 - sta.p50)}   p99 ${fmt(stb.p99 - sta.p99)}   (target p50 ≤ 1.000)`);

  // --- P2: per-chunk overhead over a 500-chunk stream ----------------------------------------
  const CHUNKS = 500;
  fp.setDefault({ kind: 'answer', chunks: Array.from({ length: CHUNKS }, (_, k) => `w${k} `), interChunkDelayMs: 0 });
  const sdkFull = async (i: number): Promise<number> => {
    const t0 = process.hrtime.bigint();
    let n = 0;
    const s = await sdk.chat.completions.create({ model: MODEL, messages: prompt('sdk-500', i), stream: true, stream_options: { include_usage: true } });
    for await (const c of s) if (c.choices[0]?.delta?.content) n++;
    if (n !== CHUNKS) throw new Error(`sdk: ${n} chunks`);
    return msSince(t0);
  };
  const orchFull = async (i: number): Promise<number> => {
    const t0 = process.hrtime.bigint();
    let n = 0;
    for await (const ev of orch.stream({ model: 'fast', messages: prompt('orc-500', i) })) {
      if (ev.type === 'text') n++;
      if (ev.type === 'error') throw ev.error;
    }
    if (n !== CHUNKS) throw new Error(`orchestrator: ${n} text events`);
    return msSince(t0);
  };
  for (let i = 0; i < 10; i++) {
    await sdkFull(-1 - i);
    await orchFull(-1 - i);
  }
  const fa: number[] = [];
  const fb: number[] = [];
  const diffs: number[] = [];
  for (let i = 0; i < 60; i++) {
    const x = await sdkFull(i);
    const y = await orchFull(i);
    fa.push(x);
    fb.push(y);
    diffs.push(y - x);
  }
  line(`whole ${CHUNKS}-chunk stream, openai SDK`, `median ${fmt(median(fa))} ms`);
  line(`whole ${CHUNKS}-chunk stream, orchestrator`, `median ${fmt(median(fb))} ms`);
  line('per-chunk overhead (median paired diff / 500)', `${fmt((median(diffs) * 1000) / CHUNKS, 2)} µs/chunk   (target ≤ 10)`);

  // --- P2: no buffering: 20 ms upstream spacing ------------------------------------------------
  const SPACED = 40;
  const SPACING = 20;
  fp.setDefault({ kind: 'answer', chunks: Array.from({ length: SPACED }, (_, k) => `s${k} `), interChunkDelayMs: SPACING });
  const gapsOrch: number[] = [];
  const gapsSdk: number[] = [];
  for (let r = 0; r < 5; r++) {
    let last = 0n;
    const s = await sdk.chat.completions.create({ model: MODEL, messages: prompt('sdk-sp', r), stream: true });
    for await (const c of s) {
      if (!c.choices[0]?.delta?.content) continue;
      const now = process.hrtime.bigint();
      if (last) gapsSdk.push(Number(now - last) / 1e6);
      last = now;
    }
    last = 0n;
    for await (const ev of orch.stream({ model: 'fast', messages: prompt('orc-sp', r) })) {
      if (ev.type !== 'text') continue;
      const now = process.hrtime.bigint();
      if (last) gapsOrch.push(Number(now - last) / 1e6);
      last = now;
    }
  }
  const gs = stats(gapsSdk);
  const go = stats(gapsOrch);
  line(`arrival spacing, SDK (${gs.n} gaps, ${SPACING} ms upstream)`, `mean ${fmt(gs.mean, 2)}   p5 ${fmt(gs.p5, 2)}   p95 ${fmt(gs.p95, 2)}   max ${fmt(gs.max, 2)}`);
  line(`arrival spacing, orchestrator (${go.n} gaps)`, `mean ${fmt(go.mean, 2)}   p5 ${fmt(go.p5, 2)}   p95 ${fmt(go.p95, 2)}   max ${fmt(go.max, 2)}   (target 20 ± 5)`);

  fp.setDefault(undefined);
  console.log(`\n  (${records} records published; fake server saw ${fp.requests.length} requests)`);
  orch.dispose();
  await fp.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
