/**
 * R19 / P6 figures (no pass/fail): event-loop delay while 64 concurrent streams
 * (200 chunks each, 10 ms apart upstream) run through the orchestrator, against
 * an idle baseline and the same 64 streams on the raw `openai` SDK, in the same
 * run. Target: p99 ≤ 50 ms. The fake provider runs in a child process so only
 * the client side loads this event loop.
 *
 * Run: node esbuild.js && node --require tsx/cjs bench/event-loop.bench.ts
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import OpenAI from 'openai';
import { KEY, MODEL, benchConfig, fmt, line, loadCore } from './support/bench-utils';
import { startFakeProcess } from './support/fake-process';

const STREAMS = 64;
const CHUNKS = 200;
const SPACING_MS = 10;
const RESOLUTION_MS = 1;

async function measure(label: string, work: () => Promise<string>): Promise<void> {
  const h = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  h.enable();
  const t0 = Date.now();
  const note = await work();
  const elapsed = Date.now() - t0;
  h.disable();
  const ms = (ns: number): string => fmt(ns / 1e6, 2);
  line(label, `p50 ${ms(h.percentile(50))}   p99 ${ms(h.percentile(99))}   max ${ms(h.max)}   (${elapsed} ms${note ? `, ${note}` : ''})`);
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const core = loadCore();
  const fake = await startFakeProcess();
  await fake.setDefault({ kind: 'answer', chunks: Array.from({ length: CHUNKS }, (_, k) => `t${k} `), interChunkDelayMs: SPACING_MS });
  const sdk = new OpenAI({ baseURL: fake.openaiBaseUrl, apiKey: KEY, maxRetries: 0 });
  // maxConcurrent 64 so all 64 really stream at once (the default, 32, would queue half).
  const orch = core.createOrchestrator(benchConfig(fake.openaiBaseUrl, { limits: { maxConcurrent: STREAMS, maxQueue: 256 } }), { keys: () => KEY });
  orch.onRecord(() => undefined);
  const msgs = (i: number): { role: 'user'; content: string }[] => [{ role: 'user', content: `event loop bench ${i}` }];

  const sdkStreams = async (): Promise<string> => {
    let chunks = 0;
    await Promise.all(
      Array.from({ length: STREAMS }, async (_, i) => {
        const s = await sdk.chat.completions.create({ model: MODEL, messages: msgs(i), stream: true, stream_options: { include_usage: true } });
        for await (const c of s) if (c.choices[0]?.delta?.content) chunks++;
      }),
    );
    return `${chunks} chunks`;
  };
  const orchStreams = async (): Promise<string> => {
    let chunks = 0;
    let errors = 0;
    await Promise.all(
      Array.from({ length: STREAMS }, async (_, i) => {
        for await (const ev of orch.stream({ model: 'fast', messages: msgs(i) })) {
          if (ev.type === 'text') chunks++;
          else if (ev.type === 'error') errors++;
        }
      }),
    );
    return `${chunks} text events, ${errors} errors`;
  };

  // Warm up connections and JIT on a short answer.
  await fake.setDefault({ kind: 'answer', chunks: ['a ', 'b '] });
  for (let i = 0; i < 3; i++) {
    await Promise.all(Array.from({ length: STREAMS }, async (_, k) => orch.chat({ model: 'fast', messages: msgs(k) })));
    await Promise.all(Array.from({ length: STREAMS }, async (_, k) => sdk.chat.completions.create({ model: MODEL, messages: msgs(k) })));
  }
  await fake.setDefault({ kind: 'answer', chunks: Array.from({ length: CHUNKS }, (_, k) => `t${k} `), interChunkDelayMs: SPACING_MS });

  console.log(`R19/P6 — event-loop delay (monitorEventLoopDelay, resolution ${RESOLUTION_MS} ms), ${STREAMS} streams × ${CHUNKS} chunks, ${SPACING_MS} ms apart (ms)`);
  await measure('idle baseline (2 s)', async () => {
    await sleep(2000);
    return '';
  });
  await measure(`${STREAMS} concurrent streams, raw openai SDK`, sdkStreams);
  await measure(`${STREAMS} concurrent streams, orchestrator`, orchStreams);
  await measure(`${STREAMS} concurrent streams, orchestrator (again)`, orchStreams);
  console.log('  (target: orchestrator p99 ≤ 50 ms)');

  orch.dispose();
  await fake.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
