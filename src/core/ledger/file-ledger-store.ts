import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { CallRecord } from '../model/call-record';
import { Clock } from '../ports';
import { Calendar, localCalendar } from './calendar';
import { compactLines, needsCompaction } from './compact-lines';
import { parseLedger } from './jsonl-reader';
import { toCsv, toJson } from './ledger-export';
import { ledgerFileName } from './ledger-file-name';
import { LedgerLine, recordToRow } from './ledger-row';
import { rowMatches, summarizeRows } from './ledger-summary';
import { CompactionReport, LedgerFilter, LedgerReadReport, LedgerRow, QueryableLedgerStore } from './ledger-types';
import { prepareRecord } from './prepare-record';
import { writeFileAtomic } from './write-file-atomic';

export interface FileLedgerOptions {
  /** Folder holding one `*.ledger.jsonl` per workspace (the global storage folder makes a global roll-up possible). */
  dir: string;
  workspaceId: string;
  now: Clock;
  calendar?: Calendar;
  /** Detail older than this many days is rolled up by day (default 90). */
  retentionDays?: number;
  /** Exact secret values to scrub from free text, if the host can provide them. */
  secrets?: () => readonly string[];
}

export interface FileLedgerStore extends QueryableLedgerStore {
  readonly file: string;
  /** What opening found (and repaired): torn last line, corrupt lines. */
  readonly openReport: LedgerReadReport;
}

interface Pending {
  line: string;
  record: CallRecord;
  resolve: () => void;
  reject: (e: unknown) => void;
}

const DAY_MS = 86_400_000;

/**
 * Append-only JSONL ledger for one workspace. `append` resolves only after the
 * line is written and `fdatasync`ed; concurrent appends share one write and one
 * sync (group commit). Opening repairs a torn last line left by a crash.
 * @see https://man7.org/linux/man-pages/man2/fdatasync.2.html
 */
export async function createFileLedgerStore(opts: FileLedgerOptions): Promise<FileLedgerStore> {
  const cal = opts.calendar ?? localCalendar;
  const retentionMs = (opts.retentionDays ?? 90) * DAY_MS;
  const file = path.join(opts.dir, ledgerFileName(opts.workspaceId));
  await fsp.mkdir(opts.dir, { recursive: true });

  const existing = await fsp.readFile(file).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? undefined : Promise.reject(e)));
  const parsed = existing ? parseLedger(existing) : undefined;
  const openReport: LedgerReadReport = parsed?.report ?? { records: 0, aggregates: 0, tornTailBytes: 0, corruptLines: [] };
  const rowsOf = (lines: readonly LedgerLine[]): LedgerRow[] =>
    lines.flatMap((l) => (l.type === 'record' ? [recordToRow(l.record, cal)] : l.type === 'day' ? [l.row] : []));
  // Only compact rows stay in memory; `query` and exports re-read the file.
  let rows = rowsOf(parsed?.lines ?? []);

  let fh = await fsp.open(file, 'a');
  if (existing && parsed && parsed.goodLength < existing.length) {
    await fh.truncate(parsed.goodLength);
    await fh.datasync();
  } else if (parsed?.missingNewline) {
    await fh.write('\n');
    await fh.datasync();
  }
  let size = (await fh.stat()).size;
  if (size === 0) {
    const header: LedgerLine = { v: 1, type: 'header', workspaceId: opts.workspaceId, createdAt: opts.now() };
    const text = JSON.stringify(header) + '\n';
    await fh.write(text);
    await fh.datasync();
    size = Buffer.byteLength(text);
  }

  let chain: Promise<unknown> = Promise.resolve();
  let pending: Pending[] = [];
  let scheduled = false;
  let closed = false;

  const flush = async (): Promise<void> => {
    scheduled = false;
    const batch = pending;
    pending = [];
    if (batch.length === 0) return;
    const buf = Buffer.from(batch.map((p) => p.line).join(''), 'utf8');
    try {
      let off = 0;
      while (off < buf.length) off += (await fh.write(buf, off, buf.length - off)).bytesWritten;
      await fh.datasync();
      size += buf.length;
    } catch (e) {
      await fh.truncate(size).catch(() => undefined); // never leave half a batch behind live appends
      for (const p of batch) p.reject(e);
      return;
    }
    for (const p of batch) {
      rows.push(recordToRow(p.record, cal));
      p.resolve();
    }
  };

  const readLines = async (): Promise<LedgerLine[]> => {
    await chain;
    return parseLedger(await fsp.readFile(file)).lines;
  };

  const detail = async (filter: LedgerFilter): Promise<{ records: CallRecord[]; aggregates: LedgerRow[] }> => {
    const all = await readLines();
    const records: CallRecord[] = [];
    const aggregates: LedgerRow[] = [];
    for (const l of all) {
      if (l.type === 'record' && rowMatches(recordToRow(l.record, cal), filter)) records.push(l.record);
      else if (l.type === 'day' && rowMatches(l.row, filter)) aggregates.push(l.row);
    }
    return { records, aggregates };
  };

  const compactNow = async (): Promise<CompactionReport> => {
    const cutoff = cal.startOfDay(opts.now() - retentionMs);
    const all = parseLedger(await fsp.readFile(file)).lines;
    if (!needsCompaction(all, cutoff)) return { rolledUpRecords: 0, aggregates: all.filter((l) => l.type === 'day').length, keptRecords: all.filter((l) => l.type === 'record').length };
    const result = compactLines(all, cutoff, cal);
    await fh.close();
    try {
      await writeFileAtomic(file, result.lines.map((l) => JSON.stringify(l) + '\n').join(''));
      rows = rowsOf(result.lines);
    } finally {
      // Reopen whether or not the rewrite worked: later appends need a handle.
      fh = await fsp.open(file, 'a');
      size = (await fh.stat()).size;
    }
    return result.report;
  };

  const store: FileLedgerStore = {
    file,
    openReport,
    append(record) {
      if (closed) return Promise.reject(new Error('The ledger is closed.'));
      const stored = prepareRecord(record, opts.workspaceId, opts.secrets?.() ?? []);
      const line = JSON.stringify({ v: 1, type: 'record', record: stored } satisfies LedgerLine) + '\n';
      return new Promise<void>((resolve, reject) => {
        pending.push({ line, record: stored, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          chain = chain.then(flush);
        }
      });
    },
    async query(filter = {}) {
      return (await detail(filter)).records;
    },
    async summary(query = {}) {
      await chain;
      return summarizeRows(rows, query);
    },
    async exportCsv(filter = {}) {
      const d = await detail(filter);
      return toCsv(d.records, d.aggregates, (ts) => cal.dayKey(ts));
    },
    async exportJson(filter = {}) {
      const d = await detail(filter);
      return toJson(opts.workspaceId, d.records, d.aggregates, opts.now());
    },
    compact() {
      const run = chain.then(compactNow);
      chain = run.catch(() => undefined);
      return run;
    },
    async close() {
      if (closed) return;
      closed = true;
      await chain;
      await fh.close();
    },
  };
  if (rows.some((r) => r.count === 1 && r.ts < cal.startOfDay(opts.now() - retentionMs))) await store.compact();
  return store;
}
