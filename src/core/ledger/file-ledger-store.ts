import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { CallRecord } from '../model/call-record';
import { Clock } from '../ports';
import { Calendar, localCalendar, withDayMemo } from './calendar';
import { compactLines, needsCompaction } from './compact-lines';
import { parseLedgerSliced } from './jsonl-reader';
import { toCsvSliced, toJsonSliced } from './ledger-export';
import { paced } from '../scheduling/paced';
import { createTimeSlicer } from '../scheduling/time-slicer';
import { ledgerFileName } from './ledger-file-name';
import { LedgerLine, recordToRow } from './ledger-row';
import { rowMatches, summarizeRowsSliced } from './ledger-summary';
import { CompactionReport, LedgerFilter, LedgerReadReport, LedgerRow, QueryableLedgerStore } from './ledger-types';
import { prepareRecord } from './prepare-record';
import { FileLock } from './file-lock';
import { LedgerFollower } from './ledger-follower';
import { removeLeftovers } from './remove-leftovers';
import { repairTail } from './repair-tail';
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
  /** The record as appended; serialised when its batch is written (off the request's path). */
  record: CallRecord;
  /** The secrets to scrub, as they were when it was appended. */
  secrets: readonly string[];
  resolve: () => void;
  reject: (e: unknown) => void;
}

const DAY_MS = 86_400_000;
/** Appends closer together than this share a batch (see `writes`). */
const GROUP_COMMIT_MS = 20;
/**
 * Batches written closer together than this share one `fdatasync` (see `syncs`). The sync is
 * what costs: ~100 µs of CPU per record on this 2-core machine with a sync per 20 ms batch (issue 15),
 * against ~10 µs written without it. A written line already survives the extension host crashing;
 * the sync only guards against the machine losing power, so under load that window is 250 ms.
 */
const SYNC_INTERVAL_MS = 250;

/**
 * Append-only JSONL ledger for one workspace, safe for several processes
 * (every VS Code window with no folder shares one; two windows on one folder
 * share theirs). Each write and each compaction holds a lock file; before
 * writing, a process re-opens the file if a compaction in another process
 * replaced it, and cuts a torn tail left by a writer that died. `summary`
 * first reads what other processes appended, so budgets see everyone's spend.
 * `append` resolves only after the line is written and `fdatasync`ed;
 * concurrent appends share one write (group commit) and batches close
 * together share one sync.
 * @see https://man7.org/linux/man-pages/man2/fdatasync.2.html
 */
export async function createFileLedgerStore(opts: FileLedgerOptions): Promise<FileLedgerStore> {
  const cal = withDayMemo(opts.calendar ?? localCalendar);
  const retentionMs = (opts.retentionDays ?? 90) * DAY_MS;
  const file = path.join(opts.dir, ledgerFileName(opts.workspaceId));
  await fsp.mkdir(opts.dir, { recursive: true });
  const lock = new FileLock(`${file}.lock`);
  /** Compact rows of parsed lines, in time slices (100k records must not freeze the extension host). */
  const rowsOf = async (lines: readonly LedgerLine[], into: LedgerRow[] = []): Promise<LedgerRow[]> => {
    const slicer = createTimeSlicer();
    for (const l of lines) {
      if (l.type === 'record') into.push(recordToRow(l.record, cal));
      else if (l.type === 'day') into.push(l.row);
      const wait = slicer.tick();
      if (wait) await wait;
    }
    return into;
  };

  /** The open file to append to: its inode, and its size as this process last left it. */
  let open: { fh: fsp.FileHandle; ino: number; size: number } | undefined;
  let tornAtOpen = 0;
  /**
   * The handle to append with (call holding the lock), re-opened when the path
   * now names another file (a compaction elsewhere), and the file's size with
   * any torn tail repaired. One `stat` of the path answers both questions when
   * nothing changed: same inode, and the size this process left it at, means
   * no other writer touched the file since, so there is no tail to inspect.
   */
  const current = async (): Promise<{ fh: fsp.FileHandle; size: number }> => {
    if (open) {
      const now = await fsp.stat(file).catch(() => undefined);
      if (now && now.ino === open.ino) {
        if (now.size !== open.size) open.size = (await repairTail(open.fh)).size;
        return open;
      }
      // Lines written through this handle and not yet synced are synced before it closes (a compaction
      // elsewhere read them into the file that replaced it and synced that; this costs nothing then).
      if (unsynced.length > 0) await open.fh.datasync().catch(() => undefined);
      await open.fh.close();
      open = undefined;
    }
    const fh = await fsp.open(file, 'a+');
    const { cutBytes: removed, size } = await repairTail(fh);
    let end = size;
    if (size === 0) {
      const header = Buffer.from(JSON.stringify({ v: 1, type: 'header', workspaceId: opts.workspaceId, createdAt: opts.now() } satisfies LedgerLine) + '\n', 'utf8');
      await fh.write(header);
      await fh.datasync();
      end = header.length;
    }
    tornAtOpen += removed;
    open = { fh, ino: (await fh.stat()).ino, size: end };
    return open;
  };

  // Opening repairs a torn tail and clears a dead compaction's leftovers, under the lock.
  await lock.run(async () => {
    await removeLeftovers(file);
    await current();
  });
  const follower = new LedgerFollower(file);
  // Only compact rows stay in memory; `query` and exports re-read the file.
  let rows: LedgerRow[] = [];
  const first = await follower.catchUp();
  rows = await rowsOf(first.lines);
  const openReport: LedgerReadReport = { ...(first.report ?? { records: 0, aggregates: 0, corruptLines: [] }), tornTailBytes: tornAtOpen };
  const catchUp = async (): Promise<void> => {
    const update = await follower.catchUp();
    if (update.reset) rows = await rowsOf(update.lines);
    else await rowsOf(update.lines, rows);
  };

  let chain: Promise<unknown> = Promise.resolve();
  let pending: Pending[] = [];
  /** Written, waiting for the next `fdatasync` to resolve. */
  let unsynced: Pending[] = [];
  let closed = false;

  /** Appends to the one chain every write, sync, read and compaction of this process goes through. */
  const enqueue = (run?: () => Promise<void>): Promise<unknown> => (run ? (chain = chain.then(run)) : chain);

  /** Every written line made durable; their appends resolve (or reject, if the sync fails). */
  const sync = async (): Promise<void> => {
    const batch = unsynced;
    unsynced = [];
    if (batch.length === 0) return;
    try {
      // Written through the handle still open (a replaced one was synced before it closed, see `current`).
      if (!open) throw new Error('The ledger file was closed before its last lines were synced.');
      await open.fh.datasync();
    } catch (e) {
      for (const p of batch) p.reject(e);
      return;
    }
    for (const p of batch) p.resolve();
  };
  /**
   * The sync over time: a lone batch is synced as soon as it is written; batches
   * written within {@link SYNC_INTERVAL_MS} of the last sync share the next one.
   */
  const syncs = paced({ intervalMs: SYNC_INTERVAL_MS, due: 'at-once', enqueue }, sync);

  const flush = async (): Promise<void> => {
    const taken = pending;
    pending = [];
    // Serialised here, not at `append`: off the request's path. A record that cannot be (a cycle, a
    // BigInt from a faulty stage) fails its own append only, never its batch or the chain after it.
    const batch: Pending[] = [];
    let text = '';
    for (const p of taken) {
      try {
        text += JSON.stringify({ v: 1, type: 'record', record: prepareRecord(p.record, opts.workspaceId, p.secrets) } satisfies LedgerLine) + '\n';
        batch.push(p);
      } catch (e) {
        p.reject(e);
      }
    }
    if (batch.length === 0) return;
    const buf = Buffer.from(text, 'utf8');
    try {
      await lock.run(async () => {
        const out = await current();
        const size = out.size;
        try {
          let off = 0;
          while (off < buf.length) off += (await out.fh.write(buf, off, buf.length - off)).bytesWritten;
          if (open?.fh === out.fh) open.size = size + buf.length;
        } catch (e) {
          await out.fh.truncate(size).catch(() => undefined); // never leave half a batch behind live appends
          throw e;
        }
      });
    } catch (e) {
      for (const p of batch) p.reject(e);
      return;
    }
    for (const p of batch) unsynced.push(p);
    syncs.schedule();
  };
  /**
   * Group commit over time: a lone append is written (and synced) right after the
   * code that appended has run on, so a request hands its answer to its caller
   * before its record's serialisation, lock and write begin; appends arriving
   * within {@link GROUP_COMMIT_MS} of the last batch wait for the next one, so a
   * burst (an agent's tool loop, parallel requests) pays one lock and write per
   * batch instead of per record. Nobody waits on it: `done` never did, and
   * `orchestrator.flush()` waits for every append.
   */
  const writes = paced({ intervalMs: GROUP_COMMIT_MS, due: 'next-turn', enqueue }, flush);
  /** The waiting batch written now: a read, a compaction or `close` sees every append made before it. */
  const writeWaiting = (): Promise<unknown> => writes.now();

  const readLines = async (): Promise<LedgerLine[]> => {
    await writeWaiting();
    return (await parseLedgerSliced(await fsp.readFile(file))).lines;
  };

  const detail = async (filter: LedgerFilter): Promise<{ records: CallRecord[]; aggregates: LedgerRow[] }> => {
    const all = await readLines();
    const records: CallRecord[] = [];
    const aggregates: LedgerRow[] = [];
    const slicer = createTimeSlicer();
    for (const l of all) {
      if (l.type === 'record' && rowMatches(recordToRow(l.record, cal), filter)) records.push(l.record);
      else if (l.type === 'day' && rowMatches(l.row, filter)) aggregates.push(l.row);
      const wait = slicer.tick();
      if (wait) await wait;
    }
    return { records, aggregates };
  };

  const compactNow = (): Promise<CompactionReport> =>
    lock.run(async () => {
      await current();
      const cutoff = cal.startOfDay(opts.now() - retentionMs);
      const all = (await parseLedgerSliced(await fsp.readFile(file))).lines;
      if (!needsCompaction(all, cutoff)) return { rolledUpRecords: 0, aggregates: all.filter((l) => l.type === 'day').length, keptRecords: all.filter((l) => l.type === 'record').length };
      const result = compactLines(all, cutoff, cal);
      await writeFileAtomic(file, result.lines.map((l) => JSON.stringify(l) + '\n').join(''));
      // The next append sees the new file's inode and re-opens; the follower re-reads it whole.
      return result.report;
    });

  const store: FileLedgerStore = {
    file,
    openReport,
    append(record) {
      if (closed) return Promise.reject(new Error('The ledger is closed.'));
      const secrets = opts.secrets?.() ?? [];
      return new Promise<void>((resolve, reject) => {
        pending.push({ record, secrets, resolve, reject });
        writes.schedule();
      });
    },
    async query(filter = {}) {
      return (await detail(filter)).records;
    },
    async summary(query = {}) {
      await writeWaiting();
      await catchUp();
      return summarizeRowsSliced(rows, query);
    },
    async exportCsv(filter = {}) {
      const d = await detail(filter);
      return toCsvSliced(d.records, d.aggregates, (ts) => cal.dayKey(ts));
    },
    async exportJson(filter = {}) {
      const d = await detail(filter);
      return toJsonSliced(opts.workspaceId, d.records, d.aggregates, opts.now());
    },
    compact() {
      const run = writeWaiting().then(compactNow);
      chain = run.catch(() => undefined);
      return run;
    },
    async close() {
      if (closed) return;
      closed = true;
      await writeWaiting();
      await syncs.now();
      await open?.fh.close();
      open = undefined;
    },
  };
  if (rows.some((r) => r.count === 1 && r.ts < cal.startOfDay(opts.now() - retentionMs))) await store.compact();
  return store;
}
