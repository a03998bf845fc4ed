import { TimeSlicer, createTimeSlicer } from '../scheduling/time-slicer';
import { LedgerFilter, LedgerGroup, LedgerGroupKey, LedgerRow, LedgerSummary, LedgerTotals, SummaryQuery } from './ledger-types';

function emptyTotals(): LedgerTotals {
  return { requests: 0, inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, costUsd: 0, costUnknownRequests: 0, estimatedRequests: 0, savedUsd: 0, errors: 0, cacheHits: 0 };
}

function add(t: LedgerTotals, r: LedgerRow): void {
  t.requests += r.count;
  t.inputTokens += r.inputTokens;
  t.outputTokens += r.outputTokens;
  t.cacheReadTokens += r.cacheReadTokens;
  t.cacheWriteTokens += r.cacheWriteTokens;
  t.reasoningTokens += r.reasoningTokens;
  t.costUsd += r.costUsd;
  t.costUnknownRequests += r.costUnknown;
  t.estimatedRequests += r.estimated;
  t.savedUsd += r.savedUsd;
  if (r.status === 'error') t.errors += r.count;
  if (r.cache === 'hit' || r.cache === 'semantic-hit') t.cacheHits += r.count;
}

export function rowMatches(r: LedgerRow, f: LedgerFilter): boolean {
  return (
    (f.from === undefined || r.ts >= f.from) &&
    (f.to === undefined || r.ts < f.to) &&
    (f.model === undefined || r.model === f.model) &&
    (f.alias === undefined || r.alias === f.alias) &&
    (f.deploymentId === undefined || r.deploymentId === f.deploymentId) &&
    (f.origin === undefined || r.origin === f.origin) &&
    (f.status === undefined || r.status === f.status) &&
    (f.workspace === undefined || r.workspace === f.workspace)
  );
}

/** Adds rows one at a time to the totals and groups a query asks for. */
function summaryBuilder(q: SummaryQuery): { add(r: LedgerRow): void; result(): LedgerSummary } {
  const totals = emptyTotals();
  const groupBy: readonly LedgerGroupKey[] = q.groupBy ?? [];
  const groups = new Map<string, LedgerGroup>();
  return {
    add(r) {
      if (!rowMatches(r, q)) return;
      add(totals, r);
      if (groupBy.length === 0) return;
      const id = groupBy.length === 1 ? r[groupBy[0] as LedgerGroupKey] : groupBy.map((k) => r[k]).join('\u0000');
      let g = groups.get(id);
      if (g === undefined) {
        const key: Partial<Record<LedgerGroupKey, string>> = {};
        for (const k of groupBy) key[k] = r[k];
        g = { key, totals: emptyTotals() };
        groups.set(id, g);
      }
      add(g.totals, r);
    },
    result() {
      if (groupBy.length === 0) return { totals };
      const sorted = [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, g]) => g);
      return { totals, groups: sorted };
    },
  };
}

/** Totals and optional groups over rows; one pass, no sorting of rows. */
export function summarizeRows(rows: Iterable<LedgerRow>, q: SummaryQuery = {}): LedgerSummary {
  const b = summaryBuilder(q);
  for (const r of rows) b.add(r);
  return b.result();
}

/**
 * {@link summarizeRows} over the rows as they are now, in time slices: a cost
 * report over 100k rows was one 40-50 ms block on the extension host (P6).
 * Rows appended while it runs belong to the next summary.
 */
export async function summarizeRowsSliced(rows: readonly LedgerRow[], q: SummaryQuery = {}, slicer: TimeSlicer = createTimeSlicer()): Promise<LedgerSummary> {
  const b = summaryBuilder(q);
  const n = rows.length;
  for (let i = 0; i < n; i++) {
    b.add(rows[i] as LedgerRow);
    const wait = slicer.tick();
    if (wait) await wait;
  }
  return b.result();
}
