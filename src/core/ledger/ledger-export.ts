import { CallRecord } from '../model/call-record';
import { LedgerRow } from './ledger-types';
import { TimeSlicer, createTimeSlicer } from '../scheduling/time-slicer';

const COLUMNS = [
  'kind', 'id', 'startedAt', 'endedAt', 'day', 'workspace', 'origin', 'requested', 'alias', 'deploymentId', 'provider', 'model',
  'status', 'errorKind', 'cache', 'requests', 'inputTokens', 'outputTokens', 'cacheReadTokens', 'cacheWriteTokens', 'reasoningTokens',
  'estimated', 'costUsd', 'costUnknown', 'priceSource', 'savedUsd', 'attempts', 'errorMessage',
] as const;
type Column = (typeof COLUMNS)[number];
type Cell = string | number | boolean | null | undefined;

/**
 * RFC 4180 quoting (fields with a comma, quote, CR or LF are quoted, quotes
 * doubled), and a leading `'` on text that a spreadsheet would run as a formula.
 * @see https://www.rfc-editor.org/rfc/rfc4180#section-2
 * @see https://owasp.org/www-community/attacks/CSV_Injection
 */
export function csvCell(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const text = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const iso = (ts: number): string => new Date(ts).toISOString();

function recordCells(r: CallRecord, day: string): Record<Column, Cell> {
  return {
    kind: 'record', id: r.id, startedAt: iso(r.startedAt), endedAt: iso(r.endedAt), day, workspace: r.workspace, origin: r.origin,
    requested: r.requested, alias: r.alias, deploymentId: r.deploymentId, provider: r.provider, model: r.model, status: r.status,
    errorKind: r.errorKind, cache: r.cache, requests: 1, inputTokens: r.usage.inputTokens, outputTokens: r.usage.outputTokens,
    cacheReadTokens: r.usage.cacheReadTokens, cacheWriteTokens: r.usage.cacheWriteTokens, reasoningTokens: r.usage.reasoningTokens,
    estimated: r.usage.estimated, costUsd: r.costUsd, costUnknown: r.costUsd === null ? 1 : 0, priceSource: r.priceSource,
    savedUsd: r.savedUsd, attempts: r.attempts.length, errorMessage: r.errorMessage,
  };
}

function aggregateCells(a: LedgerRow): Record<Column, Cell> {
  return {
    kind: 'day-aggregate', id: '', startedAt: iso(a.ts), endedAt: '', day: a.day, workspace: a.workspace, origin: a.origin, requested: '',
    alias: a.alias, deploymentId: a.deploymentId, provider: a.provider, model: a.model, status: a.status, errorKind: '', cache: a.cache,
    requests: a.count, inputTokens: a.inputTokens, outputTokens: a.outputTokens, cacheReadTokens: a.cacheReadTokens,
    cacheWriteTokens: a.cacheWriteTokens, reasoningTokens: a.reasoningTokens, estimated: a.estimated, costUsd: a.costUsd,
    costUnknown: a.costUnknown, priceSource: '', savedUsd: a.savedUsd, attempts: '', errorMessage: '',
  };
}

const csvLine = (c: Record<Column, Cell>): string => COLUMNS.map((k) => csvCell(c[k])).join(',') + '\r\n';

/** Aggregates first (older), then detail records; CRLF line ends as RFC 4180 asks. */
export function toCsv(records: readonly CallRecord[], aggregates: readonly LedgerRow[], dayOf: (ts: number) => string): string {
  let out = COLUMNS.join(',') + '\r\n';
  for (const a of aggregates) out += csvLine(aggregateCells(a));
  for (const r of records) out += csvLine(recordCells(r, dayOf(r.startedAt)));
  return out;
}

/**
 * {@link toCsv} in time slices with yields between them: a month of a
 * 100k-record ledger is ~0.5-1 s of formatting, which must not freeze the
 * extension host (P6). Appending builds a rope, so no final join copies it all.
 */
export async function toCsvSliced(records: readonly CallRecord[], aggregates: readonly LedgerRow[], dayOf: (ts: number) => string, slicer: TimeSlicer = createTimeSlicer()): Promise<string> {
  let out = COLUMNS.join(',') + '\r\n';
  for (const a of aggregates) {
    out += csvLine(aggregateCells(a));
    const wait = slicer.tick();
    if (wait) await wait;
  }
  for (const r of records) {
    out += csvLine(recordCells(r, dayOf(r.startedAt)));
    const wait = slicer.tick();
    if (wait) await wait;
  }
  return out;
}

export function toJson(workspace: string | undefined, records: readonly CallRecord[], aggregates: readonly LedgerRow[], exportedAt: number): string {
  return JSON.stringify({ format: 'switchboard-ledger', version: 1, workspace, exportedAt: iso(exportedAt), dailyAggregates: aggregates, records }, null, 2);
}

/**
 * {@link toJson}'s document in time slices: the envelope pretty-printed, one
 * record per line (a month of 100k records in one `JSON.stringify` with
 * indentation blocks the extension host for ~0.3 s).
 */
export async function toJsonSliced(workspace: string | undefined, records: readonly CallRecord[], aggregates: readonly LedgerRow[], exportedAt: number, slicer: TimeSlicer = createTimeSlicer()): Promise<string> {
  const head = JSON.stringify({ format: 'switchboard-ledger', version: 1, workspace, exportedAt: iso(exportedAt) }, null, 2).slice(0, -2);
  let out = `${head},\n  "dailyAggregates": [`;
  const list = async <T>(items: readonly T[]): Promise<void> => {
    let first = true;
    for (const item of items) {
      out += (first ? '\n    ' : ',\n    ') + JSON.stringify(item);
      first = false;
      const wait = slicer.tick();
      if (wait) await wait;
    }
    out += items.length > 0 ? '\n  ]' : ']';
  };
  await list(aggregates);
  out += ',\n  "records": [';
  await list(records);
  return out + '\n}';
}
