import { CacheStatus, CallRecord, RecordStatus } from '../model/call-record';
import { LedgerStore } from '../ports';

/** Which records a query or summary covers. Times are `startedAt`, [from, to). */
export interface LedgerFilter {
  from?: number;
  to?: number;
  model?: string;
  alias?: string;
  deploymentId?: string;
  origin?: string;
  status?: RecordStatus;
  workspace?: string;
}

export type LedgerGroupKey = 'day' | 'month' | 'model' | 'alias' | 'deploymentId' | 'provider' | 'origin' | 'status' | 'cache' | 'workspace';

/** Sums over a set of records. `costUsd` sums only known costs; `costUnknownRequests` counts the rest. */
export interface LedgerTotals {
  requests: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  costUsd: number;
  costUnknownRequests: number;
  estimatedRequests: number;
  savedUsd: number;
  errors: number;
  cacheHits: number;
}

export interface LedgerGroup {
  key: Partial<Record<LedgerGroupKey, string>>;
  totals: LedgerTotals;
}

export interface LedgerSummary {
  totals: LedgerTotals;
  /** Present when `groupBy` was given; sorted by key. */
  groups?: LedgerGroup[];
}

export type SummaryQuery = LedgerFilter & { groupBy?: readonly LedgerGroupKey[] };

/**
 * One ledger entry in compact form: a detail record (`count` 1) or a per-day
 * aggregate of records older than the retention window. Reports run over rows,
 * so they work the same before and after compaction.
 */
export interface LedgerRow {
  ts: number;
  day: string;
  month: string;
  model: string;
  alias: string;
  deploymentId: string;
  provider: string;
  origin: string;
  status: RecordStatus;
  cache: CacheStatus;
  workspace: string;
  count: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  costUsd: number;
  costUnknown: number;
  estimated: number;
  savedUsd: number;
}

/** What a tolerant read found wrong (and, for a writable store, repaired). */
export interface LedgerReadReport {
  records: number;
  aggregates: number;
  /** Bytes of an incomplete last line (a crash mid-write), dropped. */
  tornTailBytes: number;
  /** 1-based numbers of unparseable lines elsewhere, skipped. */
  corruptLines: number[];
}

export interface CompactionReport {
  rolledUpRecords: number;
  aggregates: number;
  keptRecords: number;
}

/** The core's `LedgerStore` port plus the queries reports and budgets need. */
export interface QueryableLedgerStore extends LedgerStore {
  /** Detail records (not yet rolled up) matching `filter`, oldest first. */
  query(filter?: LedgerFilter): Promise<CallRecord[]>;
  summary(query?: SummaryQuery): Promise<LedgerSummary>;
  exportCsv(filter?: LedgerFilter): Promise<string>;
  exportJson(filter?: LedgerFilter): Promise<string>;
  /** Rolls detail older than the retention window into per-day aggregates. */
  compact(): Promise<CompactionReport>;
  close(): Promise<void>;
}
