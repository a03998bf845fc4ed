// Month report over a 100k-record file ledger: `node --require tsx/cjs bench/ledger-report.bench.ts`.
// Prints figures only (no pass/fail); the target for the warm report is < 100 ms.
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { utcCalendar } from '../src/core/ledger/calendar';
import { createFileLedgerStore } from '../src/core/ledger/file-ledger-store';
import { LEDGER_END as END, ledgerRecord, writeLedgerFixture } from './support/ledger-fixture';

const N = Number(process.env.RECORDS ?? 100_000);
const record = (i: number): ReturnType<typeof ledgerRecord> => ledgerRecord(i, N);

const ms = (t: bigint): string => (Number(process.hrtime.bigint() - t) / 1e6).toFixed(1);

async function main(): Promise<void> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'sb-bench-'));
  let t = process.hrtime.bigint();
  const { bytes: size } = await writeLedgerFixture(dir, N);
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
