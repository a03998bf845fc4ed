/**
 * One stall measurement in a fresh process (so "first" means first: nothing
 * loaded or warmed yet), for bench/stalls.bench.ts. argv: <path> <json args>.
 * Prints one JSON line: [{ path, longestBlockMs, wallMs, note? }, ...].
 */
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CachedAnswer } from '../../src/core/cache/cache-entry';
import { loadExactCacheFile, saveExactCacheFile } from '../../src/core/cache/cache-persistence';
import { createExactCache } from '../../src/core/cache/exact-cache';
import { SemanticMiss, createSemanticCache } from '../../src/core/cache/semantic-cache';
import { ChatRequest } from '../../src/core/model/chat-request';
import { KEY, benchConfig, loadCore } from './bench-utils';
import { LEDGER_END, LEDGER_MONTH } from './ledger-fixture';
import { StallFigures, measureStall } from './stall-probe';

interface Row extends StallFigures {
  path: string;
  note?: string;
}

const [which = '', rawArgs = '{}'] = process.argv.slice(2);
const args = JSON.parse(rawArgs) as { baseUrl?: string; ledgerDir?: string; entries?: number; dim?: number };

async function row(label: string, work: () => unknown, note?: string): Promise<Row> {
  return { path: label, ...(await measureStall(work)), ...(note ? { note } : {}) };
}

/** Heap and RSS after a full GC (when node runs with --expose-gc), as a note. */
function memoryNote(heapBefore: number): string {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return `heap +${((m.heapUsed - heapBefore) / 1e6).toFixed(0)} MB, rss ${(m.rss / 1e6).toFixed(0)} MB`;
}
const heapNow = (): number => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
};

const ask = (text: string): ChatRequest => ({ model: 'fast', messages: [{ role: 'user', content: text }] });

async function requestPaths(): Promise<Row[]> {
  const core = loadCore();
  const baseUrl = args.baseUrl ?? '';
  const orch = core.createOrchestrator(benchConfig(baseUrl), { keys: () => KEY });
  try {
    if (which === 'first-request') return [await row('first request (chat, cache miss)', () => orch.chat(ask('first request')))];
    if (which === 'first-cancel') {
      const stop = new AbortController();
      return [
        await row('first cancel (stream aborted after the first token)', async () => {
          for await (const ev of orch.stream(ask('first cancel please'), { signal: stop.signal })) if (ev.type === 'text') stop.abort();
        }),
      ];
    }
    if (which === 'first-estimate') return [await row('first usage estimate (answer without usage)', () => orch.chat(ask('no usage here')))];
    const next = benchConfig(baseUrl, { aliases: { fast: { deployments: ['mini'], strategy: 'round-robin' }, other: { deployments: ['mini'] } } });
    await orch.chat(ask('warm'));
    return [await row('config change (updateConfig)', () => orch.updateConfig(next))];
  } finally {
    orch.dispose();
  }
}

async function ledgerPaths(): Promise<Row[]> {
  const core = loadCore();
  const dir = args.ledgerDir ?? '';
  const now = (): number => LEDGER_END + 3_600_000;
  let store: Awaited<ReturnType<typeof core.createFileLedgerStore>> | undefined;
  const heap = heapNow();
  const opened = await row('open a 100k-record ledger', async () => (store = await core.createFileLedgerStore({ dir, workspaceId: 'bench', now, calendar: core.localCalendar })));
  const rows: Row[] = [{ ...opened, note: `${memoryNote(heap)} once open` }];
  if (!store) throw new Error('the ledger did not open');
  const s = store;
  rows.push(await row('first cost report (month by day × model, 100k)', () => s.summary({ ...LEDGER_MONTH, groupBy: ['day', 'model'] })));
  rows.push(await row('CSV export (a month of a 100k ledger)', () => s.exportCsv(LEDGER_MONTH)));
  await s.close();
  return rows;
}

function answer(i: number): CachedAnswer {
  return {
    content: `answer ${i} `.padEnd(2000, 'lorem ipsum dolor sit amet '),
    usage: { inputTokens: 800, outputTokens: 400, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, estimated: false },
    finishReason: { unified: 'stop', raw: 'stop' },
    deploymentId: 'mini',
    model: 'gpt-4o-mini-2024-07-18',
    costUsd: 0.0004,
    createdAt: Date.now(),
    request: { messageCount: 2, promptChars: 600, preview: `question ${i}`.padEnd(120, '.'), temperature: 0 },
    tags: { workspace: 'file:///ws', alias: 'fast', fingerprint: 'fp1:bench' },
  };
}

async function cachePaths(): Promise<Row[]> {
  const n = args.entries ?? 5000;
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'sb-stall-cache-'));
  const opts = { maxEntries: n, maxBytes: 1 << 30, ttlMs: 86_400_000, now: Date.now };
  const cache = createExactCache(opts);
  for (let i = 0; i < n; i++) cache.set(i.toString(16).padStart(64, '0'), answer(i));
  const rows = [await row(`response cache save (${n} entries)`, () => saveExactCacheFile(dir, cache, { now: Date.now() }))];
  const size = (await fsp.stat(path.join(dir, 'switchboard-exact-cache.json'))).size;
  const restored = createExactCache(opts);
  rows.push(await row(`response cache load (${n} entries)`, () => loadExactCacheFile(dir, restored), `${(size / 1e6).toFixed(1)} MB file`));
  if (restored.size !== n) throw new Error(`loaded ${restored.size} of ${n} entries`);
  await fsp.rm(dir, { recursive: true, force: true });
  return rows;
}

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function semanticPaths(): Promise<Row[]> {
  const n = args.entries ?? 5000;
  const dim = args.dim ?? 1536;
  const rand = rng(7);
  const random = (): number[] => Array.from({ length: dim }, () => rand() * 2 - 1);
  // Worst case for the pruning bound: every stored vector is close to every query.
  const base = random();
  const near = (): number[] => base.map((x) => x + (rand() - 0.5) * 0.6);
  const rows: Row[] = [];
  for (const [label, make] of [['unrelated entries', random], ['similar entries (no pruning, worst)', near]] as const) {
    let next: number[] = [];
    const heap = heapNow();
    const cache = createSemanticCache({ embed: async () => next, maxEntries: n + 10, now: Date.now });
    const q = (i: number): { request: ChatRequest; resolvedTarget: string; deployments: []; accountFingerprint: string; workspace: string } => ({
      request: { model: 'fast', messages: [{ role: 'user', content: `question ${i}` }], temperature: 0 },
      resolvedTarget: 'fast',
      deployments: [],
      accountFingerprint: 'fp1:x',
      workspace: 'w',
    });
    for (let i = 0; i < n; i++) {
      next = make();
      cache.store((await cache.lookup(q(i))) as SemanticMiss, answer(i));
    }
    const memory = memoryNote(heap);
    next = make();
    rows.push(await row(`semantic lookup, ${n} × dim ${dim}, ${label}`, () => cache.lookup(q(-1)), `${memory} with the cache loaded`));
  }
  return rows;
}

async function main(): Promise<void> {
  let rows: Row[];
  if (['first-request', 'first-cancel', 'first-estimate', 'config-change'].includes(which)) rows = await requestPaths();
  else if (which === 'ledger') rows = await ledgerPaths();
  else if (which === 'cache') rows = await cachePaths();
  else if (which === 'semantic') rows = await semanticPaths();
  else throw new Error(`unknown stall path '${which}'`);
  process.stdout.write(`${JSON.stringify(rows)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
