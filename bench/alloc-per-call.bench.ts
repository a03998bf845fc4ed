/**
 * Issue 15 item 2, seen from the heap: how many bytes one call allocates through
 * each client (V8's sampling heap profiler, counting objects the GC already
 * collected), and so what Switchboard adds to a direct `openai` SDK call, with
 * the core's own allocation sites. In process, against a fake `fetch` that
 * answers at once: no sockets, no other process, so the figure repeats within
 * about 1 % from run to run, where the wall-clock and CPU figures of the peer
 * and CPU benchmarks move by a third on this shared machine.
 *
 * Why bytes: between two network waits every step of a request runs with cold
 * caches, and every object allocated is fresh memory touched (and later
 * scavenged). The loopback figures are about twice the in-process ones, and a
 * request that allocates less has less to fetch from memory.
 *
 * Run: node esbuild.js && node --require tsx/cjs bench/alloc-per-call.bench.ts [--calls 4000] [--sites 25]
 *      [--other-build path/to/core.js]  (another build of the core, measured the same way: an A/B)
 */
import * as inspector from 'node:inspector';
import * as os from 'node:os';
import * as path from 'node:path';
import { promises as fsp } from 'node:fs';
import OpenAI from 'openai';
import type { Orchestrator } from '../src/core/index';
import { KEY, loadCore } from './support/bench-utils';
import { PRIMARY, peerConfig } from './support/peer-clients';
import { writeResults } from './support/results-file';

const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const CALLS = arg('calls', 4000);
const SITES = arg('sites', 25);
const STREAM_CHUNKS = 50;
const BASE_URL = 'http://127.0.0.1:9/v1';

/** The provider's answers, made per request like a server would: JSON, or an SSE stream of `STREAM_CHUNKS` words. */
const fakeFetch = (async (_input: unknown, init?: RequestInit): Promise<Response> => {
  const req = JSON.parse(String(init?.body)) as { model: string; stream?: boolean };
  if (req.stream) {
    let sse = '';
    for (let i = 0; i < STREAM_CHUNKS; i++) sse += `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: req.model, choices: [{ index: 0, delta: { content: `w${i} ` }, finish_reason: null }] })}\n\n`;
    sse += `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: req.model, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }], usage: { prompt_tokens: 12, completion_tokens: STREAM_CHUNKS, total_tokens: 12 + STREAM_CHUNKS } })}\n\ndata: [DONE]\n\n`;
    return new Response(sse, { status: 200, headers: { 'content-type': 'text/event-stream' } });
  }
  const body = JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion', created: 1, model: req.model, choices: [{ index: 0, message: { role: 'assistant', content: 'hello there' }, finish_reason: 'stop' }], usage: { prompt_tokens: 12, completion_tokens: 5, total_tokens: 17 } });
  return new Response(body, { status: 200, headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } });
}) as typeof fetch;

interface Client {
  name: string;
  json(prompt: string): Promise<unknown>;
  stream(prompt: string): Promise<unknown>;
  /** The file of its code, whose allocation sites are listed (Switchboard's core). */
  sitesOf?: string;
  close(): Promise<void>;
}

const user = (content: string): { role: 'user'; content: string }[] => [{ role: 'user', content }];

function baseline(): Client {
  const sdk = new OpenAI({ baseURL: BASE_URL, apiKey: KEY, maxRetries: 0, fetch: fakeFetch });
  return {
    name: 'openai SDK (baseline)',
    json: async (prompt) => (await sdk.chat.completions.create({ model: PRIMARY, messages: user(prompt), temperature: 0 })).choices[0]?.message.content,
    async stream(prompt) {
      let n = 0;
      const s = await sdk.chat.completions.create({ model: PRIMARY, messages: user(prompt), temperature: 0, stream: true, stream_options: { include_usage: true } });
      for await (const c of s) if (c.choices[0]?.delta?.content) n++;
      return n;
    },
    close: async () => undefined,
  };
}

/** The peer benchmark's Switchboard (`peerConfig`, a real file ledger), a cache miss every call. */
async function switchboard(name: string, bundle?: string): Promise<Client> {
  const core = loadCore(bundle);
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'sb-alloc-ledger-'));
  const ledger = await core.createFileLedgerStore({ dir, workspaceId: 'bench', now: Date.now, calendar: core.localCalendar });
  const orch: Orchestrator = core.createOrchestrator(peerConfig(BASE_URL), { keys: () => KEY, ledger, workspace: 'bench', fetch: fakeFetch });
  orch.onRecord(() => undefined);
  return {
    name,
    sitesOf: path.resolve(bundle ?? path.join(__dirname, '../dist/core.js')),
    async json(prompt) {
      const r = await orch.chat({ model: 'fast', messages: user(prompt), temperature: 0 });
      if (r.record.cache !== 'miss') throw new Error(`expected a cache miss, got ${r.record.cache}`);
      return r.content;
    },
    async stream(prompt) {
      let n = 0;
      for await (const ev of orch.stream({ model: 'fast', messages: user(prompt), temperature: 0 })) {
        if (ev.type === 'text') n++;
        else if (ev.type === 'error') throw ev.error;
      }
      return n;
    },
    async close() {
      orch.dispose();
      await ledger.close();
      await fsp.rm(dir, { recursive: true, force: true });
    },
  };
}

interface SampledNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: SampledNode[];
}

interface Measured {
  bytesPerCall: number;
  /** Bytes per call by the function of `sitesOf` that allocated them (or that called the builtin that did). */
  sites: Array<{ site: string; bytes: number }>;
}

const session = new inspector.Session();
session.connect();
const post = <T>(method: string, params?: object): Promise<T> =>
  new Promise((resolve, reject) => session.post(method, params, (err, res) => (err ? reject(err) : resolve(res as T))));

let seq = 0;
async function measure(call: (prompt: string) => Promise<unknown>, calls: number, sitesOf?: string): Promise<Measured> {
  for (let i = 0; i < Math.min(2000, calls); i++) await call(`warm ${seq++} say hello`);
  // Every 64 bytes on average, objects the GC collects included: a call's garbage is what it costs.
  await post('HeapProfiler.startSampling', { samplingInterval: 64, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  for (let i = 0; i < calls; i++) await call(`Bench ${seq++} say hello`);
  const { profile } = await post<{ profile: { head: SampledNode } }>('HeapProfiler.stopSampling');
  let total = 0;
  const bySite = new Map<string, number>();
  const walk = (node: SampledNode, owner: string | undefined): void => {
    const f = node.callFrame;
    // CommonJS frames name their file as a path or as a file: URL.
    const mine = sitesOf !== undefined && (f.url === sitesOf || f.url === `file://${sitesOf}`);
    const site = mine ? `${f.functionName || '(anonymous)'}:${f.lineNumber + 1}` : f.url === '' ? owner : undefined;
    total += node.selfSize;
    if (site !== undefined && node.selfSize > 0) bySite.set(site, (bySite.get(site) ?? 0) + node.selfSize);
    for (const c of node.children) walk(c, site);
  };
  walk(profile.head, undefined);
  const sites = [...bySite].map(([site, bytes]) => ({ site, bytes: bytes / calls })).sort((a, b) => b.bytes - a.bytes);
  return { bytesPerCall: total / calls, sites };
}

async function main(): Promise<void> {
  await post('HeapProfiler.enable');
  const clients: Client[] = [baseline(), await switchboard('Switchboard (dist/core.js)')];
  const other = process.argv.indexOf('--other-build');
  if (other > 0) {
    const bundle = process.argv[other + 1] as string;
    clients.push(await switchboard(`Switchboard, ${path.basename(path.dirname(path.dirname(path.resolve(bundle))))} build`, bundle));
  }
  const rows: Array<{ name: string; json: Measured; stream: Measured }> = [];
  try {
    for (const c of clients) rows.push({ name: c.name, json: await measure((p) => c.json(p), CALLS, c.sitesOf), stream: await measure((p) => c.stream(p), Math.round(CALLS / 4), c.sitesOf) });
  } finally {
    for (const c of clients) await c.close();
  }
  const base = rows[0] as (typeof rows)[number];
  const kb = (b: number): string => (b / 1024).toFixed(1);
  console.log(`Bytes allocated per call — in process, fake fetch; ${CALLS} JSON calls and ${Math.round(CALLS / 4)} streams of ${STREAM_CHUNKS} chunks per client, sampled every 64 B; node ${process.version}`);
  console.log('| client | JSON call KB | added KB | stream KB | added KB |');
  console.log('|---|---:|---:|---:|---:|');
  for (const r of rows) {
    const added = (m: Measured, b: Measured): string => (r === base ? '—' : kb(m.bytesPerCall - b.bytesPerCall));
    console.log(`| ${r.name} | ${kb(r.json.bytesPerCall)} | ${added(r.json, base.json)} | ${kb(r.stream.bytesPerCall)} | ${added(r.stream, base.stream)} |`);
  }
  const sb = rows[1];
  if (sb && SITES > 0) {
    // V8 reports an inlined function's allocations as its caller's: the fake fetch's own (parsing the body, making the
    // Response) show up under the safe fetch that calls it, so that site is mostly this benchmark's.
    console.log(`\nSwitchboard's own allocation sites on a JSON call (bytes per call; a builtin's bytes go to the core function that called it; "safe" holds the inlined fake fetch's), top ${SITES}:`);
    for (const s of sb.json.sites.slice(0, SITES)) console.log(`  ${String(Math.round(s.bytes)).padStart(6)}  ${s.site}`);
    const ours = sb.json.sites.reduce((t, s) => t + s.bytes, 0);
    console.log(`  ${String(Math.round(ours)).padStart(6)}  in all, in the core's own functions`);
    console.log(`\nThe same for a stream of ${STREAM_CHUNKS} chunks (bytes per stream), top ${SITES}:`);
    for (const s of sb.stream.sites.slice(0, SITES)) console.log(`  ${String(Math.round(s.bytes)).padStart(6)}  ${s.site}`);
    const oursStream = sb.stream.sites.reduce((t, s) => t + s.bytes, 0);
    console.log(`  ${String(Math.round(oursStream)).padStart(6)}  in all, in the core's own functions`);
  }
  writeResults('allocations', {
    machine: { node: process.version, platform: `${process.platform}/${process.arch}` },
    params: { jsonCalls: CALLS, streams: Math.round(CALLS / 4), streamChunks: STREAM_CHUNKS, samplingIntervalBytes: 64 },
    clients: rows.map((r) => ({ name: r.name, jsonBytesPerCall: Math.round(r.json.bytesPerCall), streamBytesPerCall: Math.round(r.stream.bytesPerCall) })),
    switchboardJsonSites: sb ? sb.json.sites.slice(0, SITES).map((s) => ({ site: s.site, bytes: Math.round(s.bytes) })) : [],
    switchboardStreamSites: sb ? sb.stream.sites.slice(0, SITES).map((s) => ({ site: s.site, bytes: Math.round(s.bytes) })) : [],
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
