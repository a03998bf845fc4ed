// Month report over a 100k-record file ledger: `node --require tsx/cjs bench/ledger-report.bench.ts`.
// Prints figures only (no pass/fail); the target for the warm report is < 100 ms.
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { utcCalendar } from '../src/core/ledger/calendar';
import { createFileLedgerStore } from '../src/core/ledger/file-ledger-store';
import { ledgerFileName } from '../src/core/ledger/ledger-file-name';
import { CallRecord } from '../src/core/model/call-record';

const N = Number(process.env.RECORDS ?? 100_000);
const DAY = 86_400_000;
const END = Date.parse('2026-06-30T23:00:00Z');
const MODELS = ['gpt-4o-mini-2024-07-18', 'claude-sonnet-4-6', 'gpt-5.1', 'llama-3.3-70b-versatile', 'gemini-2.5-pro'];

function record(i: number): CallRecord {
  const startedAt = END - Math.floor((i / N) * 85 * DAY); // spread over 85 days (inside retention)
  const model = MODELS[i % MODELS.length] ?? 'm';
  return {
    id: `r${i}`, requested: 'fast', alias: i % 3 === 0 ? 'smart' : 'fast', deploymentId: `d${i % 7}`, provider: 'p', model,
    attempts: [{ deploymentId: `d${i % 7}`, kind: 'first', outcome: 'ok', startedAt, latencyMs: 300 }],
    usage: { inputTokens: 1000 + (i % 500), outputTokens: 200, cacheReadTokens: i % 4 === 0 ? 512 : 0, cacheWriteTokens: 0, reasoningTokens: 0, estimated: false },
    costUsd: i % 50 === 0 ? null : 0.0004 + (i % 11) * 1e-5, priceSource: 'library', cache: i % 10 === 0 ? 'hit' : 'miss',
    status: i % 40 === 0 ? 'error' : 'ok', startedAt, endedAt: startedAt + 900, origin: i % 2 ? 'chat' : 'explain', workspace: 'bench',
  };
}

const ms = (t: bigint): string => (Number(process.hrtime.bigint() - t) / 1e6).toFixed(1);

async function main(): Promise<void> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'sb-bench-'));
  const file = path.join(dir, ledgerFileName('bench'));
  let t = process.hrtime.bigint();
  const header = JSON.stringify({ v: 1, type: 'header', workspaceId: 'bench', createdAt: END }) + '\n';
  const body: string[] = [header];
  for (let i = N - 1; i >= 0; i--) body.push(JSON.stringify({ v: 1, type: 'record', record: record(i) }) + '\n');
  await fsp.writeFile(file, body.join(''));
  const size = (await fsp.stat(file)).size;
  console.log(`built ${N} records, ${(size / 1e6).toFixed(1)} MB in ${ms(t)} ms (${dir})`);

  const now = () => END + 3_600_000;
  t = process.hrtime.bigint();
  const store = await createFileLedgerStore({ dir, workspaceId: 'bench', now, calendar: utcCalendar });
  console.log(`open (read + parse + index): ${ms(t)} ms; torn tail ${store.openReport.tornTailBytes} B`);

  const month = { from: Date.parse('2026-06-01T00:00:00Z'), to: Date.parse('2026-07-01T00:00:00Z') };
  const runs: number[] = [];
  let groups = 0;
  for (let k = 0; k < 10; k++) {
    const t1 = process.hrtime.bigint();
    const s = await store.summary({ ...month, groupBy: ['day', 'model'] });
    runs.push(Number(process.hrtime.bigint() - t1) / 1e6);
    groups = s.groups?.length ?? 0;
    if (k === 0) console.log(`month totals: ${s.totals.requests} requests, $${s.totals.costUsd.toFixed(4)}, ${s.totals.costUnknownRequests} unknown-cost`);
  }
  runs.sort((a, b) => a - b);
  console.log(`month report (by day × model, ${groups} groups): min ${runs[0]?.toFixed(2)} ms, median ${runs[5]?.toFixed(2)} ms, max ${runs[9]?.toFixed(2)} ms  (target < 100 ms)`);

  t = process.hrtime.bigint();
  await Promise.all(Array.from({ length: 100 }, (_, i) => store.append(record(N + i))));
  console.log(`100 concurrent durable appends (group commit): ${ms(t)} ms`);
  t = process.hrtime.bigint();
  const csv = await store.exportCsv(month);
  console.log(`CSV export of the month (${(csv.length / 1e6).toFixed(1)} MB): ${ms(t)} ms`);
  await store.close();
  await fsp.rm(dir, { recursive: true, force: true });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
