/**
 * The typed protocol between the extension and the cost report webview (its
 * own page, its own bundle). Each side validates what arrives: the report's
 * data is built by the extension, but the webview's messages are untrusted.
 */

/** Sums for one slice of the ledger. `costUsd` counts known prices only. */
export interface ReportTotals {
  costUsd: number;
  requests: number;
  tokens: number;
  /** Requests whose price is unknown (local or custom models without a `price`). */
  unknownPrice: number;
  /** Requests whose usage was estimated (the provider reported none). */
  estimated: number;
  savedUsd: number;
  cacheHits: number;
  errors: number;
}

export interface ReportDay extends ReportTotals {
  /** `YYYY-MM-DD` in local time. */
  day: string;
}

export interface ReportGroup extends ReportTotals {
  key: string;
}

/** Everything the report shows for one scope (this workspace, or all). */
export interface ScopeReport {
  today: ReportTotals;
  month: ReportTotals;
  /** The last 30 days, oldest first, every day present (zero when idle). */
  days: ReportDay[];
  /** This month, most expensive first. */
  byModel: ReportGroup[];
  byAlias: ReportGroup[];
  byDeployment: ReportGroup[];
  /** `chat`, `command:<name>`, `lm-api`...: where requests came from. */
  byOrigin: ReportGroup[];
}

export interface ReportBudget {
  scope: 'workspace' | 'global';
  period: 'daily' | 'monthly';
  limitUsd: number;
  /** Undefined when that scope's spend is not loaded yet. */
  spentUsd?: number;
  action: string;
}

export interface ReportData {
  dayKey: string;
  monthKey: string;
  workspace: ScopeReport;
  budgets: ReportBudget[];
}

/** Messages the extension sends to the report. */
export type ToReport =
  /** `asOf` (epoch ms): a saved snapshot shown while the ledger is read; live data follows without it. */
  | { type: 'report'; data: ReportData; asOf?: number }
  /** The roll-up over every workspace, read after the first paint (it re-reads every ledger file). */
  | { type: 'global'; scope: ScopeReport }
  | { type: 'globalFailed'; message: string };

export type ReportCommand = 'export-csv' | 'export-json' | 'price-settings' | 'refresh';
export const REPORT_COMMANDS: readonly ReportCommand[] = ['export-csv', 'export-json', 'price-settings', 'refresh'];

/** Messages the report sends to the extension. */
export type FromReport =
  /** Handshake: the script runs and can take data. */
  | { type: 'ready' }
  /** First data painted; `ms` from the script's start, for the open-time figure. */
  | { type: 'rendered'; ms: number }
  | { type: 'command'; command: ReportCommand };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validates a message from the report webview; undefined for anything else. */
export function parseFromReport(raw: unknown): FromReport | undefined {
  if (!isRecord(raw)) return undefined;
  switch (raw.type) {
    case 'ready':
      return { type: 'ready' };
    case 'rendered':
      return typeof raw.ms === 'number' && Number.isFinite(raw.ms) && raw.ms >= 0 ? { type: 'rendered', ms: raw.ms } : undefined;
    case 'command':
      return REPORT_COMMANDS.includes(raw.command as ReportCommand) ? { type: 'command', command: raw.command as ReportCommand } : undefined;
    default:
      return undefined;
  }
}

function isTotals(v: unknown): v is ReportTotals {
  return isRecord(v) && ['costUsd', 'requests', 'tokens', 'unknownPrice', 'estimated', 'savedUsd', 'cacheHits', 'errors'].every((k) => typeof v[k] === 'number' && Number.isFinite(v[k]));
}

function isGroups(v: unknown): v is ReportGroup[] {
  return Array.isArray(v) && v.every((g) => isTotals(g) && typeof (g as unknown as Record<string, unknown>).key === 'string');
}

export function isScopeReport(v: unknown): v is ScopeReport {
  return (
    isRecord(v) &&
    isTotals(v.today) &&
    isTotals(v.month) &&
    Array.isArray(v.days) &&
    v.days.every((d) => isTotals(d) && typeof (d as unknown as Record<string, unknown>).day === 'string') &&
    isGroups(v.byModel) &&
    isGroups(v.byAlias) &&
    isGroups(v.byDeployment) &&
    isGroups(v.byOrigin)
  );
}

/** A saved report (workspace storage) is data from disk: checked like a message. */
export function isReportData(v: unknown): v is ReportData {
  return parseToReport({ type: 'report', data: v }) !== undefined;
}

/** Validates a message from the extension (the webview trusts nothing either). */
export function parseToReport(raw: unknown): ToReport | undefined {
  if (!isRecord(raw)) return undefined;
  switch (raw.type) {
    case 'report': {
      const d = raw.data;
      if (!isRecord(d) || typeof d.dayKey !== 'string' || typeof d.monthKey !== 'string' || !isScopeReport(d.workspace) || !Array.isArray(d.budgets)) return undefined;
      const budgets = d.budgets.filter(
        (b): b is ReportBudget => isRecord(b) && (b.scope === 'workspace' || b.scope === 'global') && (b.period === 'daily' || b.period === 'monthly') && typeof b.limitUsd === 'number' && typeof b.action === 'string' && (b.spentUsd === undefined || typeof b.spentUsd === 'number'),
      );
      const data: ReportData = { dayKey: d.dayKey, monthKey: d.monthKey, workspace: d.workspace, budgets };
      return typeof raw.asOf === 'number' && Number.isFinite(raw.asOf) ? { type: 'report', data, asOf: raw.asOf } : { type: 'report', data };
    }
    case 'global':
      return isScopeReport(raw.scope) ? { type: 'global', scope: raw.scope } : undefined;
    case 'globalFailed':
      return typeof raw.message === 'string' ? { type: 'globalFailed', message: raw.message } : undefined;
    default:
      return undefined;
  }
}
