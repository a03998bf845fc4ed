/**
 * R17 soak run (a script, not a mocha file): 10,000 mixed requests through one
 * orchestrator against the in-process fake provider, then prints one JSON line
 * with heap / resource / socket measurements. Needs --expose-gc:
 *   node --expose-gc --require tsx/cjs test/integration/soak/soak-run.ts [--requests 10000] [--concurrency 32]
 * soak.test.ts runs it in a child process and asserts on the output.
 *
 * Mix (seeded): streams and JSON on an OpenAI-format alias with an
 * Anthropic-format fallback, Anthropic-format streams, exact-cache hits, cancels
 * mid-stream (AbortController after the 3rd text event), already-aborted
 * signals, and injected faults: 500s, 429 with a 20 ms retry-after, streams cut
 * after 2 chunks, connection resets. Requests run in batches of 500 with at most
 * `concurrency` in flight; between batches (nothing in flight) the fake server's
 * request log is cleared, since it keeps every request and is not under test.
 *
 * The ledger port is a constant-memory sink (running totals, `summary()` for the
 * budget guard): the in-memory and file ledgers keep one row per record by
 * design, which would hide or mimic an orchestrator leak. Everything else is
 * the production path (router, limits, budgets, cache, SDK adapters, fetch).
 */
import * as diagnostics from 'node:diagnostics_channel';
import * as path from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import type { Socket } from 'node:net';
import { createOrchestrator } from '../../../src/core/orchestrator/create-orchestrator';
import type { SwitchboardConfig } from '../../../src/core/config/switchboard-config';
import type { CallRecord } from '../../../src/core/model/call-record';
import type { ChatRequest } from '../../../src/core/model/chat-request';
import type { LedgerStore } from '../../../src/core/ports';
import type { LedgerSummary, LedgerTotals } from '../../../src/core/ledger/ledger-types';
import { Behaviour, rateLimited, serverError, startFakeProvider } from '../../support/fake-provider';

const arg = (name: string, def: number): number => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const TOTAL = arg('--requests', 10_000);
const CONCURRENCY = arg('--concurrency', 32);
const CHECKPOINT = Math.min(1000, TOTAL);
const BATCH = 500;
/** `--snapshots DIR`: also write heap snapshots at the post-1k checkpoint and at the end (leak hunting). */
const SNAPSHOTS = process.argv.includes('--snapshots') ? process.argv[process.argv.indexOf('--snapshots') + 1] : undefined;

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  process.stderr.write('soak-run needs node --expose-gc\n');
  process.exit(2);
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const immediate = (): Promise<void> => new Promise((r) => setImmediate(r));

/** Seeded uniform random in [0, 1) (mulberry32). */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// --- server-side socket accounting (every socket the fake server accepted and has not closed) ---
const serverSockets = new Set<Socket>();
let serverSocketsAccepted = 0;
diagnostics.subscribe('net.server.socket', (msg) => {
  const socket = (msg as { socket: Socket }).socket;
  serverSocketsAccepted++;
  serverSockets.add(socket);
  socket.once('close', () => serverSockets.delete(socket));
});

// --- a constant-memory ledger: totals only -------------------------------------------------------
function sinkLedger(): LedgerStore & { summary(): Promise<LedgerSummary>; count: number } {
  const totals: LedgerTotals = { requests: 0, inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, costUsd: 0, costUnknownRequests: 0, estimatedRequests: 0, savedUsd: 0, errors: 0, cacheHits: 0 };
  const sink = {
    count: 0,
    async append(r: CallRecord): Promise<void> {
      sink.count++;
      totals.requests++;
      totals.inputTokens += r.usage.inputTokens;
      totals.outputTokens += r.usage.outputTokens;
      if (typeof r.costUsd === 'number') totals.costUsd += r.costUsd;
      else totals.costUnknownRequests++;
      if (r.status !== 'ok') totals.errors++;
      if (r.cache === 'hit') totals.cacheHits++;
    },
    async summary(): Promise<LedgerSummary> {
      return { totals: { ...totals } };
    },
  };
  return sink;
}

type Kind = 'stream' | 'json' | 'ant-stream' | 'cached' | 'cancel' | 'pre-aborted' | 'fault-500' | 'fault-429' | 'fault-cut' | 'fault-reset';
const MIX: [Kind, number][] = [
  ['stream', 0.3],
  ['json', 0.2],
  ['ant-stream', 0.1],
  ['cached', 0.07],
  ['cancel', 0.1],
  ['pre-aborted', 0.02],
  ['fault-500', 0.06],
  ['fault-429', 0.06],
  ['fault-cut', 0.06],
  ['fault-reset', 0.03],
];
function pick(r: number): Kind {
  let acc = 0;
  for (const [k, w] of MIX) {
    acc += w;
    if (r < acc) return k;
  }
  return 'stream';
}

function resourceCounts(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const t of process.getActiveResourcesInfo()) counts[t] = (counts[t] ?? 0) + 1;
  return counts;
}

async function settledHeap(rounds = 4): Promise<number> {
  for (let i = 0; i < rounds; i++) {
    gc!();
    await immediate();
  }
  return process.memoryUsage().heapUsed;
}

async function main(): Promise<void> {
  const baselineResources = resourceCounts();
  const fp = await startFakeProvider({ answerText: 'one two three four five six seven' });
  const config: SwitchboardConfig = {
    providers: {
      oa: { kind: 'openai', baseUrl: fp.openaiBaseUrl, apiKeySecret: 'oa' },
      ant: { kind: 'anthropic', baseUrl: fp.anthropicBaseUrl, apiKeySecret: 'ant' },
    },
    deployments: [
      { id: 'a1', provider: 'oa', model: 'soak-a1', price: { inputPerMTok: 0.15, outputPerMTok: 0.6 } },
      { id: 'a2', provider: 'oa', model: 'soak-a2', price: { inputPerMTok: 0.15, outputPerMTok: 0.6 } },
      { id: 'c1', provider: 'ant', model: 'soak-c1', price: { inputPerMTok: 3, outputPerMTok: 15 } },
    ],
    aliases: {
      mix: { deployments: ['a1', 'a2'], strategy: 'round-robin', fallbacks: ['ant'], whenAllCooling: 'wait', maxWaitMs: 300 },
      ant: { deployments: ['c1'], strategy: 'ordered', whenAllCooling: 'wait', maxWaitMs: 300 },
    },
    retry: { maxRetries: 2, baseDelayMs: 2, maxDelayMs: 10, maxRetryAfterMs: 1000 },
    cooldown: { allowedFails: 1000, windowMs: 1000, cooldownMs: 100, minCooldownMs: 10, rateLimitMs: 50 },
    timeouts: { connectMs: 5000, firstTokenMs: 5000, idleMs: 5000, overallMs: 20000 },
    budgets: { workspace: { daily: { limitUsd: 1_000_000, action: 'warn' } } },
    limits: { maxConcurrent: CONCURRENCY, maxQueue: 256 },
  };
  const ledger = sinkLedger();
  const orch = createOrchestrator(config, { keys: (name) => `sk-soak-${name}-0123456789`, ledger });
  const statuses: Record<string, number> = {};
  const cacheStatuses: Record<string, number> = {};
  const sub = orch.onRecord((r) => {
    statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    cacheStatuses[r.cache] = (cacheStatuses[r.cache] ?? 0) + 1;
  });
  const kinds: Record<string, number> = {};
  const unexpected: string[] = [];
  const rnd = seeded(17);

  const fault: Partial<Record<Kind, Behaviour>> = {
    'fault-500': serverError(500),
    'fault-429': rateLimited({ retryAfterMs: 20 }),
    'fault-cut': { kind: 'cut', afterChunks: 2 },
    'fault-reset': { kind: 'reset' },
  };

  async function one(i: number): Promise<void> {
    const kind = pick(rnd());
    kinds[kind] = (kinds[kind] ?? 0) + 1;
    const f = fault[kind];
    if (f) fp.enqueue(f);
    const req: ChatRequest =
      kind === 'cached'
        ? { model: 'mix', messages: [{ role: 'user', content: `cached prompt ${i % 40}` }], temperature: 0 }
        : { model: kind === 'ant-stream' ? 'ant' : 'mix', messages: [{ role: 'user', content: `soak request ${i}` }] };
    const ac = new AbortController();
    if (kind === 'pre-aborted') ac.abort();
    const useChat = kind === 'json' || kind === 'cached' || kind === 'fault-429' || kind === 'fault-reset';
    try {
      if (useChat) {
        await orch.chat(req, { signal: ac.signal, origin: 'soak' });
        return;
      }
      let texts = 0;
      let terminal = 0;
      for await (const ev of orch.stream(req, { signal: ac.signal, origin: 'soak' })) {
        if (ev.type === 'text' && ++texts === 3 && kind === 'cancel') ac.abort();
        if (ev.type === 'done' || ev.type === 'error') terminal++;
      }
      if (terminal !== 1) unexpected.push(`${kind} #${i}: ${terminal} terminal events`);
    } catch (err) {
      const k = (err as { kind?: string }).kind;
      if (k === undefined) unexpected.push(`${kind} #${i}: ${err instanceof Error ? err.stack : String(err)}`);
    }
  }

  async function runRange(from: number, to: number): Promise<void> {
    for (let start = from; start < to; start += BATCH) {
      const end = Math.min(to, start + BATCH);
      let next = start;
      const worker = async (): Promise<void> => {
        while (next < end) await one(next++);
      };
      await Promise.all(Array.from({ length: Math.min(CONCURRENCY, end - start) }, worker));
      fp.reset(); // the fake server's request log is not under test
      trend.push({ after: end, heapUsed: await settledHeap(2) });
    }
  }

  const trend: { after: number; heapUsed: number }[] = [];
  const t0 = Date.now();
  await runRange(0, CHECKPOINT);
  await sleep(20);
  const post1k = { heapUsed: await settledHeap(), resources: resourceCounts(), serverSockets: serverSockets.size };
  if (SNAPSHOTS) writeHeapSnapshot(path.join(SNAPSHOTS, 'post1k.heapsnapshot'));
  await runRange(CHECKPOINT, TOTAL);
  await sleep(20);
  const end = { heapUsed: await settledHeap(), resources: resourceCounts(), serverSockets: serverSockets.size };
  if (SNAPSHOTS) writeHeapSnapshot(path.join(SNAPSHOTS, 'end.heapsnapshot'));
  const runMs = Date.now() - t0;

  // Idle keep-alive sockets close on their own (undici ~4 s, Node server 5 s); wait for that.
  const drainStart = Date.now();
  while (serverSockets.size > 0 && Date.now() - drainStart < 12_000) await sleep(100);
  const drained = { afterMs: Date.now() - drainStart, serverSockets: serverSockets.size, resources: resourceCounts() };

  sub.dispose();
  orch.dispose();
  await fp.close();
  await sleep(50);
  const afterClose = resourceCounts();

  process.stdout.write(
    JSON.stringify({
      total: TOTAL,
      concurrency: CONCURRENCY,
      runMs,
      records: ledger.count,
      kinds,
      statuses,
      cacheStatuses,
      unexpected: unexpected.slice(0, 20),
      unexpectedCount: unexpected.length,
      serverSocketsAccepted,
      baselineResources,
      post1k,
      end,
      drained,
      afterClose,
      trend,
    }) + '\n',
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`soak-run: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
