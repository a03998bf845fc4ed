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
import { InProcessClient, STREAM_CHUNKS, baselineClient, otherBuildArg, switchboardClient } from './support/in-process-clients';
import { writeResults } from './support/results-file';

const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const CALLS = arg('calls', 4000);
const SITES = arg('sites', 25);
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
  const clients: InProcessClient[] = [baselineClient(), await switchboardClient()];
  const other = otherBuildArg();
  if (other) clients.push(await switchboardClient(other));
  const rows: Array<{ name: string; json: Measured; stream: Measured }> = [];
  try {
    for (const c of clients) rows.push({ name: c.name, json: await measure((p) => c.json(p), CALLS, c.codeFile), stream: await measure((p) => c.stream(p), Math.round(CALLS / 4), c.codeFile) });
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
