import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { Calendar, localCalendar, withDayMemo } from './calendar';
import { parseLedgerSliced } from './jsonl-reader';
import { createTimeSlicer } from '../scheduling/time-slicer';
import { LEDGER_SUFFIX } from './ledger-file-name';
import { recordToRow } from './ledger-row';
import { summarizeRowsSliced } from './ledger-summary';
import { LedgerReadReport, LedgerRow, LedgerSummary, SummaryQuery } from './ledger-types';

export interface LedgerIndexEntry {
  workspaceId: string;
  file: string;
  report: LedgerReadReport;
}

export interface LedgerIndex {
  /** Re-reads every workspace's ledger file (read only: a live store may be appending). */
  refresh(): Promise<LedgerIndexEntry[]>;
  /** Summary across every workspace; group by `workspace` to compare them. */
  summary(query?: SummaryQuery): Promise<LedgerSummary>;
}

/**
 * The global roll-up: every `*.ledger.jsonl` under `rootDir` (one per
 * workspace, as `createFileLedgerStore` writes them into a shared folder).
 */
export function createLedgerIndex(rootDir: string, opts: { calendar?: Calendar } = {}): LedgerIndex {
  const cal = withDayMemo(opts.calendar ?? localCalendar);
  let rows: LedgerRow[] | undefined;
  const refresh = async (): Promise<LedgerIndexEntry[]> => {
    const names = await fsp.readdir(rootDir).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? [] : Promise.reject(e)));
    const entries: LedgerIndexEntry[] = [];
    const next: LedgerRow[] = [];
    const slicer = createTimeSlicer();
    for (const name of names.filter((n) => n.endsWith(LEDGER_SUFFIX)).sort()) {
      const file = path.join(rootDir, name);
      const buf = await fsp.readFile(file).catch(() => undefined);
      if (!buf) continue;
      const parsed = await parseLedgerSliced(buf, slicer);
      let workspaceId = name.slice(0, -LEDGER_SUFFIX.length);
      for (const l of parsed.lines) {
        if (l.type === 'header') workspaceId = l.workspaceId;
        else if (l.type === 'record') next.push(recordToRow(l.record, cal));
        else next.push(l.row);
        const wait = slicer.tick();
        if (wait) await wait;
      }
      entries.push({ workspaceId, file, report: parsed.report });
    }
    rows = next;
    return entries;
  };
  return {
    refresh,
    async summary(query) {
      if (rows === undefined) await refresh();
      return summarizeRowsSliced(rows ?? [], query);
    },
  };
}
