// Cost report open time over a month of 100k records:
// `node --require tsx/cjs bench/report-open.bench.ts`. Prints figures only (target: the report opens
// in < 300 ms). "warm": the workspace ledger is already open (any request opened it); "cold": the
// report is the first thing that reads it (read + parse + index included). The global roll-up
// is sent after the first paint; its time is printed apart.
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createLedgerIndex } from '../src/core/index';
import { utcCalendar } from '../src/core/ledger/calendar';
import { createFileLedgerStore } from '../src/core/ledger/file-ledger-store';
import { ledgerFileName } from '../src/core/ledger/ledger-file-name';
import { CallRecord } from '../src/core/model/call-record';
import { buildReport, buildScopeReport } from '../src/extension/report/build-report';

const N = Number(process.env.RECORDS ?? 100_000);
const DAY = 86_400_000;
const END = Date.parse('2026-06-29T20:00:00Z');
const MODELS = ['gpt-4o-mini-2024-07-18', 'claude-sonnet-4-6', 'gpt-5.1', 'llama-3.3-70b-versatile', 'gemini-2.5-pro'];
const ORIGINS = ['chat', 'command:explain', 'command:fix', 'command:tests', 'lm-api'];

/** A month of traffic: 100k records over 30 days. */
function record(i: number): CallRecord {
  const startedAt = END - Math.floor((i / N) * 30 * DAY);
  const model = MODELS[i % MODELS.length] ?? 'm';
  return {
    id: `r${i}`, requested: 'fast', alias: i % 3 === 0 ? 'smart' : 'fast', deploymentId: `d${i % 7}`, provider: 'p', model,
    attempts: [{ deploymentId: `d${i % 7}`, kind: 'first', outcome: 'ok', startedAt, latencyMs: 300 }],
    usage: { inputTokens: 1000 + (i % 500), outputTokens: 200, cacheReadTokens: i % 4 === 0 ? 512 : 0, cacheWriteTokens: 0, reasoningTokens: 0, estimated: i % 25 === 0 },
    costUsd: i % 50 === 0 ? null : 0.0004 + (i % 11) * 1e-5, priceSource: 'library', cache: i % 10 === 0 ? 'hit' : 'miss', savedUsd: i % 10 === 0 ? 0.0004 : 0,
    status: i % 40 === 0 ? 'error' : 'ok', startedAt, endedAt: startedAt + 900, origin: ORIGINS[i % ORIGINS.length] ?? 'chat', workspace: 'bench',
  };
}

const since = (t: bigint): number => Number(process.hrtime.bigint() - t) / 1e6;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function main(): Promise<void> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'sb-report-bench-'));
  const body: string[] = [JSON.stringify({ v: 1, type: 'header', workspaceId: 'bench', createdAt: END }) + '\n'];
  for (let i = N - 1; i >= 0; i--) body.push(JSON.stringify({ v: 1, type: 'record', record: record(i) }) + '\n');
  await fsp.writeFile(path.join(dir, ledgerFileName('bench')), body.join(''));
  console.log(`built ${N} records over 30 days, ${((await fsp.stat(path.join(dir, ledgerFileName('bench')))).size / 1e6).toFixed(1)} MB`);
  const now = END + 3_600_000;

  const cold: number[] = [];
  const warm: number[] = [];
  let summary = '';
  for (let k = 0; k < 5; k++) {
    let t = process.hrtime.bigint();
    const store = await createFileLedgerStore({ dir, workspaceId: 'bench', now: () => now, calendar: utcCalendar });
    const report = await buildReport(store, now, 'bench', { workspace: { daily: { limitUsd: 5, action: 'warn' } } }, utcCalendar);
    JSON.stringify(report); // what postMessage serialises
    cold.push(since(t));
    for (let j = 0; j < 3; j++) {
      t = process.hrtime.bigint();
      JSON.stringify(await buildReport(store, now, 'bench', undefined, utcCalendar));
      warm.push(since(t));
    }
    if (k === 0) {
      const m = report.workspace.month;
      summary = `month: ${m.requests} requests, $${m.costUsd.toFixed(2)}, ${m.unknownPrice} price unknown; ${report.workspace.byOrigin.length} origins (${report.workspace.byOrigin.map((g) => g.key).join(', ')}), ${report.workspace.days.filter((d) => d.requests > 0).length} days with spend; payload ${(JSON.stringify(report).length / 1024).toFixed(1)} KB`;
    }
    await store.close();
  }
  console.log(summary);
  console.log(`report data, warm (ledger open): median ${median(warm).toFixed(1)} ms, max ${Math.max(...warm).toFixed(1)} ms  (target < 300 ms)`);
  console.log(`report data, cold (opens the 100k-record ledger first): median ${median(cold).toFixed(1)} ms, max ${Math.max(...cold).toFixed(1)} ms  (target < 300 ms)`);

  const index = createLedgerIndex(dir);
  let t = process.hrtime.bigint();
  await index.refresh();
  const g1 = await buildScopeReport(index, now, undefined, utcCalendar);
  const globalCold = since(t);
  t = process.hrtime.bigint();
  await index.refresh();
  await buildScopeReport(index, now, undefined, utcCalendar);
  console.log(`all-workspaces roll-up (sent after the first paint): first ${globalCold.toFixed(1)} ms, again ${since(t).toFixed(1)} ms; ${g1.month.requests} requests`);
  await fsp.rm(dir, { recursive: true, force: true });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
