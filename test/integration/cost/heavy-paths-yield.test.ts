import assert from 'node:assert/strict';
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LEDGER_END, LEDGER_MONTH, writeLedgerFixture } from '../../../bench/support/ledger-fixture';
import { utcCalendar } from '../../../src/core/ledger/calendar';
import { FileLedgerStore, createFileLedgerStore } from '../../../src/core/ledger/file-ledger-store';
import { createLedgerIndex } from '../../../src/core/ledger/ledger-index';
import { finalizeUsage } from '../../../src/core/usage/finalize-usage';
import { TokenCountWorker } from '../../../src/core/usage/token-count-worker';

/**
 * Runs `work` while a 10 ms timer ticks. Work done in one synchronous block
 * starves the timer for the whole block; work cut into slices (or done on
 * another thread) lets it fire all along. Not a timing threshold: the verdict
 * compares the longest gap between ticks with the work's own duration, so a
 * slow machine stretches both alike.
 */
async function ticksDuring<T>(work: () => Promise<T>): Promise<{ result: T; ticks: number; longestGapMs: number; totalMs: number }> {
  let last = performance.now();
  let longestGapMs = 0;
  let ticks = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longestGapMs = Math.max(longestGapMs, now - last);
    last = now;
    ticks++;
  }, 10);
  const start = performance.now();
  last = start;
  try {
    const result = await work();
    const end = performance.now();
    longestGapMs = Math.max(longestGapMs, end - last);
    return { result, ticks, longestGapMs, totalMs: end - start };
  } finally {
    clearInterval(timer);
  }
}

function assertInterleaved(what: string, m: { ticks: number; longestGapMs: number; totalMs: number }): void {
  console.log(`      ${what}: ${m.ticks} ticks in ${m.totalMs.toFixed(0)} ms, longest gap ${m.longestGapMs.toFixed(0)} ms`);
  assert.ok(m.ticks >= 5, `${what}: the 10 ms timer fired ${m.ticks} times in ${m.totalMs.toFixed(0)} ms`);
  assert.ok(m.longestGapMs < m.totalMs / 4, `${what}: one block of ${m.longestGapMs.toFixed(0)} ms out of ${m.totalMs.toFixed(0)} ms (the work is not sliced)`);
}

describe('heavy paths leave the event loop running (P6)', function () {
  this.timeout(180_000);
  let dir: string;
  let store: FileLedgerStore | undefined;

  before(async () => {
    dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'sb-yield-'));
    await writeLedgerFixture(dir, 100_000);
  });
  after(async () => {
    await store?.close();
    await fsp.rm(dir, { recursive: true, force: true });
  });

  it('opening a 100k-record ledger, its first cost report and a month of CSV and JSON export', async () => {
    const now = (): number => LEDGER_END + 3_600_000;
    const opened = await ticksDuring(() => createFileLedgerStore({ dir, workspaceId: 'bench', now, calendar: utcCalendar }));
    store = opened.result;
    assertInterleaved('open', opened);
    assert.equal(store.openReport.records, 100_000);

    const report = await ticksDuring(() => store!.summary({ ...LEDGER_MONTH, groupBy: ['day', 'model'] }));
    assert.ok(report.result.totals.requests > 30_000, `a month of 85 days of 100k: ${report.result.totals.requests}`);

    const csv = await ticksDuring(() => store!.exportCsv(LEDGER_MONTH));
    assertInterleaved('CSV export', csv);
    assert.equal(csv.result.split('\r\n').length - 2, report.result.totals.requests, 'one CSV row per record of the month');

    const json = await ticksDuring(() => store!.exportJson(LEDGER_MONTH));
    assertInterleaved('JSON export', json);
    const doc = JSON.parse(json.result) as { format: string; records: { id: string }[] };
    assert.equal(doc.format, 'switchboard-ledger');
    assert.equal(doc.records.length, report.result.totals.requests, 'every record of the month');
  });

  it('the global roll-up re-reading a 100k-record file', async () => {
    const index = createLedgerIndex(dir, { calendar: utcCalendar });
    const m = await ticksDuring(() => index.refresh());
    assertInterleaved('global roll-up', m);
    assert.equal(m.result[0]?.report.records, 100_000);
  });

  it('the first usage estimate: the tokenizer loads on a worker thread', async () => {
    const worker = new TokenCountWorker();
    try {
      const req = { messages: [{ role: 'user' as const, content: 'How many tokens is this?' }] };
      const m = await ticksDuring(() => finalizeUsage(undefined, req, 'About seven or eight, I think.', true, (p) => worker.count(p)));
      assertInterleaved('first usage estimate', m);
      assert.equal(m.result.estimated, true);
      assert.ok(m.result.inputTokens > 0 && m.result.outputTokens > 0);
    } finally {
      worker.dispose();
    }
  });
});
