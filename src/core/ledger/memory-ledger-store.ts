import { CallRecord } from '../model/call-record';
import { clonePlain } from '../model/clone-plain';
import { Clock } from '../ports';
import { Calendar, localCalendar, withDayMemo } from './calendar';
import { compactLines } from './compact-lines';
import { toCsv, toJson } from './ledger-export';
import { LedgerLine, recordToRow } from './ledger-row';
import { rowMatches, summarizeRows } from './ledger-summary';
import { LedgerRow, QueryableLedgerStore } from './ledger-types';
import { prepareRecord } from './prepare-record';

export interface MemoryLedgerOptions {
  workspaceId?: string;
  now?: Clock;
  calendar?: Calendar;
  retentionDays?: number;
}

/** The default ledger when the host gives none (tests, scripts): same queries, nothing on disk. */
export function createMemoryLedgerStore(opts: MemoryLedgerOptions = {}): QueryableLedgerStore {
  const cal = withDayMemo(opts.calendar ?? localCalendar);
  const now = opts.now ?? Date.now;
  const workspaceId = opts.workspaceId ?? 'memory';
  let lines: LedgerLine[] = [];
  let rows: LedgerRow[] = [];
  const split = (filter: Parameters<QueryableLedgerStore['query']>[0] = {}) => {
    const records: CallRecord[] = [];
    const aggregates: LedgerRow[] = [];
    for (const l of lines) {
      if (l.type === 'record' && rowMatches(recordToRow(l.record, cal), filter)) records.push(l.record);
      else if (l.type === 'day' && rowMatches(l.row, filter)) aggregates.push(l.row);
    }
    return { records, aggregates };
  };
  return {
    async append(record) {
      const stored = prepareRecord(record, workspaceId, []);
      lines.push({ v: 1, type: 'record', record: clonePlain(stored) });
      rows.push(recordToRow(stored, cal));
    },
    async query(filter) {
      return split(filter).records.map((r) => clonePlain(r));
    },
    async summary(query) {
      return summarizeRows(rows, query);
    },
    async exportCsv(filter) {
      const d = split(filter);
      return toCsv(d.records, d.aggregates, (ts) => cal.dayKey(ts));
    },
    async exportJson(filter) {
      const d = split(filter);
      return toJson(workspaceId, d.records, d.aggregates, now());
    },
    async compact() {
      const cutoff = cal.startOfDay(now() - (opts.retentionDays ?? 90) * 86_400_000);
      const result = compactLines(lines, cutoff, cal);
      lines = result.lines;
      rows = lines.flatMap((l) => (l.type === 'record' ? [recordToRow(l.record, cal)] : l.type === 'day' ? [l.row] : []));
      return result.report;
    },
    async close() {},
  };
}
