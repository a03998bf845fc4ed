import { Calendar } from './calendar';
import { LedgerLine, aggregateKey, mergeRow, recordToRow } from './ledger-row';
import { CompactionReport, LedgerRow } from './ledger-types';

/**
 * Retention: detail records that started before `cutoff` become per-day
 * aggregates (one per day × workspace × model × alias × deployment × provider
 * × origin × status × cache); existing aggregates are kept and merged. The
 * order of the remaining detail lines is preserved.
 */
export function compactLines(lines: readonly LedgerLine[], cutoff: number, cal: Calendar): { lines: LedgerLine[]; report: CompactionReport } {
  const header: LedgerLine[] = [];
  const kept: LedgerLine[] = [];
  const aggregates = new Map<string, LedgerRow>();
  let rolledUpRecords = 0;
  const addAggregate = (row: LedgerRow): void => {
    const key = aggregateKey(row);
    const existing = aggregates.get(key);
    if (existing) mergeRow(existing, row);
    else aggregates.set(key, { ...row });
  };
  for (const line of lines) {
    if (line.type === 'header') header.push(line);
    else if (line.type === 'day') addAggregate(line.row);
    else if (line.record.startedAt < cutoff) {
      addAggregate(recordToRow(line.record, cal));
      rolledUpRecords++;
    } else kept.push(line);
  }
  const days = [...aggregates.values()].sort((a, b) => a.ts - b.ts).map((row): LedgerLine => ({ v: 1, type: 'day', row }));
  return {
    lines: [...header.slice(0, 1), ...days, ...kept],
    report: { rolledUpRecords, aggregates: days.length, keptRecords: kept.length },
  };
}

/** Whether any detail record is older than `cutoff` (cheap check before rewriting a file). */
export function needsCompaction(lines: readonly LedgerLine[], cutoff: number): boolean {
  return lines.some((l) => l.type === 'record' && l.record.startedAt < cutoff);
}
