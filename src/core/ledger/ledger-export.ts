import { CallRecord } from '../model/call-record';
import { LedgerRow } from './ledger-types';

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

/** Aggregates first (older), then detail records; CRLF line ends as RFC 4180 asks. */
export function toCsv(records: readonly CallRecord[], aggregates: readonly LedgerRow[], dayOf: (ts: number) => string): string {
  const out = [COLUMNS.join(',')];
  for (const a of aggregates) {
    const c = aggregateCells(a);
    out.push(COLUMNS.map((k) => csvCell(c[k])).join(','));
  }
  for (const r of records) {
    const c = recordCells(r, dayOf(r.startedAt));
    out.push(COLUMNS.map((k) => csvCell(c[k])).join(','));
  }
  return out.join('\r\n') + '\r\n';
}

export function toJson(workspace: string | undefined, records: readonly CallRecord[], aggregates: readonly LedgerRow[], exportedAt: number): string {
  return JSON.stringify({ format: 'switchboard-ledger', version: 1, workspace, exportedAt: iso(exportedAt), dailyAggregates: aggregates, records }, null, 2);
}
