import { CacheStatus, CallRecord, RecordStatus } from '../model/call-record';
import { Calendar } from './calendar';
import { LedgerRow } from './ledger-types';

/** One line of the JSONL file. `v` versions the format. */
export type LedgerLine =
  | { v: 1; type: 'header'; workspaceId: string; createdAt: number }
  | { v: 1; type: 'record'; record: CallRecord }
  | { v: 1; type: 'day'; row: LedgerRow };

export function recordToRow(r: CallRecord, cal: Calendar): LedgerRow {
  const u = r.usage;
  return {
    ts: r.startedAt,
    day: cal.dayKey(r.startedAt),
    month: cal.monthKey(r.startedAt),
    model: r.model ?? '',
    alias: r.alias ?? '',
    deploymentId: r.deploymentId ?? '',
    provider: r.provider ?? '',
    origin: r.origin ?? '',
    status: r.status,
    cache: r.cache,
    workspace: r.workspace ?? '',
    count: 1,
    inputTokens: u.inputTokens,
    outputTokens: u.outputTokens,
    cacheReadTokens: u.cacheReadTokens,
    cacheWriteTokens: u.cacheWriteTokens,
    reasoningTokens: u.reasoningTokens,
    costUsd: r.costUsd ?? 0,
    costUnknown: r.costUsd === null ? 1 : 0,
    estimated: u.estimated ? 1 : 0,
    savedUsd: r.savedUsd ?? 0,
  };
}

/** The identity of a per-day aggregate: everything reports can group by. */
export function aggregateKey(r: LedgerRow): string {
  return [r.day, r.workspace, r.model, r.alias, r.deploymentId, r.provider, r.origin, r.status, r.cache].join('\u0000');
}

/** Adds `b` into `a` (same aggregate key). */
export function mergeRow(a: LedgerRow, b: LedgerRow): void {
  a.ts = Math.min(a.ts, b.ts);
  a.count += b.count;
  a.inputTokens += b.inputTokens;
  a.outputTokens += b.outputTokens;
  a.cacheReadTokens += b.cacheReadTokens;
  a.cacheWriteTokens += b.cacheWriteTokens;
  a.reasoningTokens += b.reasoningTokens;
  a.costUsd += b.costUsd;
  a.costUnknown += b.costUnknown;
  a.estimated += b.estimated;
  a.savedUsd += b.savedUsd;
}

const STATUSES: ReadonlySet<string> = new Set<RecordStatus>(['ok', 'error', 'cancelled', 'incomplete']);
const CACHES: ReadonlySet<string> = new Set<CacheStatus>(['hit', 'semantic-hit', 'miss', 'bypass']);

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks a parsed line's shape (the file is data we did not necessarily write: another version, a hand edit). */
export function asLedgerLine(v: unknown): LedgerLine | undefined {
  if (!isObj(v) || v.v !== 1) return undefined;
  if (v.type === 'header') return typeof v.workspaceId === 'string' ? (v as LedgerLine) : undefined;
  if (v.type === 'record') {
    const r = v.record;
    if (!isObj(r) || typeof r.id !== 'string' || typeof r.startedAt !== 'number' || !isObj(r.usage)) return undefined;
    if (typeof r.status !== 'string' || !STATUSES.has(r.status) || typeof r.cache !== 'string' || !CACHES.has(r.cache)) return undefined;
    if (r.costUsd !== null && typeof r.costUsd !== 'number') return undefined;
    return v as LedgerLine;
  }
  if (v.type === 'day') {
    const row = v.row;
    if (!isObj(row) || typeof row.day !== 'string' || typeof row.count !== 'number') return undefined;
    return v as LedgerLine;
  }
  return undefined;
}
