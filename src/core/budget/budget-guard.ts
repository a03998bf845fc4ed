import { Calendar, localCalendar } from '../ledger/calendar';
import { LedgerSummary, SummaryQuery } from '../ledger/ledger-types';
import { MaybePromise } from '../model/maybe-promise';
import { SwitchboardError } from '../model/switchboard-error';
import { Clock } from '../ports';
import { BudgetPeriod, BudgetRule, BudgetScope, BudgetsConfig } from './budget-config';
import { usageLine } from './format-budget';

/** Anything that can sum spend: a ledger store, or the global ledger index. */
export interface SpendSource {
  summary(query?: SummaryQuery): Promise<LedgerSummary>;
}

export interface Reservation {
  readonly id: number;
  readonly workspace: string;
  readonly alias: string;
  readonly worstCaseUsd: number;
  /** Spend buckets (budget × period instance) this reservation counts against. */
  readonly buckets: readonly string[];
}

export interface BudgetWarning {
  budget: string;
  spentUsd: number;
  limitUsd: number;
  message: string;
}

export type ReserveResult =
  | { ok: true; reservation: Reservation; warnings: BudgetWarning[] }
  | { ok: true; downgradeTo: string; budget: string; warnings: BudgetWarning[] }
  | { ok: false; error: SwitchboardError };

export interface BudgetGuard {
  /**
   * Call before sending (after picking the deployment, with its worst-case cost). Null cost = unknown price: admitted with a warning.
   * The answer is at hand once this period's spend is loaded (every request after the first of the month).
   */
  reserve(req: { workspace: string; alias: string; worstCaseUsd: number | null }): MaybePromise<ReserveResult>;
  /** Call once when the request ends (any status). Null actual keeps the worst case counted. Idempotent. */
  settle(reservation: Reservation, actualUsd: number | null): void;
  /** Current spend (settled + in flight) per budget, for the status bar. */
  snapshot(workspace: string): Array<{ budget: string; spentUsd: number; reservedUsd: number; limitUsd: number; resetsAt: number }>;
}

export interface BudgetGuardOptions {
  budgets: BudgetsConfig;
  /** This workspace's ledger (spend is loaded once per workspace and period, then kept incrementally). */
  ledger: SpendSource;
  /** The cross-workspace roll-up; defaults to `ledger` unfiltered. */
  globalLedger?: SpendSource;
  now: Clock;
  calendar?: Calendar;
}

interface Applicable {
  name: string;
  rule: BudgetRule;
  bucket: string;
  resetsAt: number;
}

export function createBudgetGuard(opts: BudgetGuardOptions): BudgetGuard {
  const cal = opts.calendar ?? localCalendar;
  const warnAt = opts.budgets.warnAtFraction ?? 0.8;
  const spent = new Map<string, number>();
  const reserved = new Map<string, number>();
  const loads = new Map<string, Promise<void>>();
  /** Until when the month's spend of a workspace (and the global roll-up) is known to be in: a reservation then needs no wait. */
  let readyUntil: { workspace: string; until: number } | undefined;
  /**
   * Ids of the reservations not settled yet: settling twice is a no-op. A set of small numbers,
   * bounded by the requests in flight (a WeakSet of every reservation cost ~0.25 µs a request and
   * GC work for each dead key).
   */
  const open = new Set<number>();
  let nextId = 1;

  const bucketKey = (scope: BudgetScope, workspace: string, period: BudgetPeriod, ts: number): string =>
    `${scope}|${scope === 'global' ? '*' : workspace}|${period === 'daily' ? cal.dayKey(ts) : cal.monthKey(ts)}`;

  /** Loads this month's (and today's) spend once per scope × month; later spend is added by `settle`. */
  const ensureLoaded = (scope: BudgetScope, workspace: string, ts: number): Promise<void> => {
    const loadKey = `${scope}|${scope === 'global' ? '*' : workspace}|${cal.monthKey(ts)}`;
    let p = loads.get(loadKey);
    if (p === undefined) {
      const source = scope === 'global' ? (opts.globalLedger ?? opts.ledger) : opts.ledger;
      const query: SummaryQuery = { from: cal.startOfMonth(ts), to: cal.startOfNextMonth(ts), groupBy: ['day'] };
      if (scope === 'workspace') query.workspace = workspace;
      p = source.summary(query).then((s) => {
        const month = bucketKey(scope, workspace, 'monthly', ts);
        spent.set(month, (spent.get(month) ?? 0) + s.totals.costUsd);
        for (const g of s.groups ?? []) {
          const day = `${scope}|${scope === 'global' ? '*' : workspace}|${g.key.day ?? ''}`;
          spent.set(day, (spent.get(day) ?? 0) + g.totals.costUsd);
        }
      });
      // A failed load is not remembered: the next request tries again.
      p.catch(() => loads.delete(loadKey));
      loads.set(loadKey, p);
    }
    return p;
  };

  /** The last day's answer: bucket keys and reset times only change at midnight (local dates cost µs per request). */
  let today: { workspace: string; from: number; until: number; list: Applicable[] } | undefined;
  const applicable = (workspace: string, ts: number): Applicable[] => {
    if (today && today.workspace === workspace && ts >= today.from && ts < today.until) return today.list;
    const list = applicableAt(workspace, ts);
    today = { workspace, from: cal.startOfDay(ts), until: cal.startOfNextDay(ts), list };
    return list;
  };
  const applicableAt = (workspace: string, ts: number): Applicable[] => {
    const out: Applicable[] = [];
    for (const scope of ['workspace', 'global'] as const) {
      for (const period of ['daily', 'monthly'] as const) {
        const rule = opts.budgets[scope]?.[period];
        if (rule === undefined) continue;
        out.push({
          name: `${scope} ${period}`,
          rule,
          bucket: bucketKey(scope, workspace, period, ts),
          resetsAt: period === 'daily' ? cal.startOfNextDay(ts) : cal.startOfNextMonth(ts),
        });
      }
    }
    return out;
  };

  const add = (m: Map<string, number>, key: string, v: number): void => {
    m.set(key, (m.get(key) ?? 0) + v);
  };

  /** The check and the reservation, synchronous (atomic) once the spend is loaded. */
  const check = ({ workspace, alias, worstCaseUsd }: { workspace: string; alias: string; worstCaseUsd: number | null }, ts: number): ReserveResult => {
    const budgets = applicable(workspace, ts);
    const worst = worstCaseUsd ?? 0;
    const warnings: BudgetWarning[] = [];
    let downgrade: { to: string; budget: string } | undefined;
    for (const b of budgets) {
      const s = spent.get(b.bucket) ?? 0;
      const r = reserved.get(b.bucket) ?? 0;
      const over = s + r + worst > b.rule.limitUsd;
      // Formatted only when a message needs it: most requests are well within every budget.
      const detail = (): string => usageLine(b.name, s, r, b.rule.limitUsd, worst, b.resetsAt);
      if (over && b.rule.action === 'block') {
        return { ok: false, error: new SwitchboardError({ kind: 'budget_exceeded', message: `Budget exceeded: ${detail()}`, retryable: false }) };
      }
      if (over && b.rule.action === 'downgrade' && b.rule.downgradeTo !== undefined && b.rule.downgradeTo !== alias) {
        downgrade ??= { to: b.rule.downgradeTo, budget: b.name };
      } else if (over) {
        warnings.push({ budget: b.name, spentUsd: s, limitUsd: b.rule.limitUsd, message: `Over budget: ${detail()}` });
      } else if (s + r + worst > warnAt * b.rule.limitUsd) {
        warnings.push({ budget: b.name, spentUsd: s, limitUsd: b.rule.limitUsd, message: `Near budget: ${detail()}` });
      }
    }
    if (worstCaseUsd === null && budgets.length > 0) {
      warnings.push({ budget: '(unknown price)', spentUsd: 0, limitUsd: 0, message: 'The price of this request is unknown, so no budget can bound it; set a "price" on the deployment to budget it.' });
    }
    if (downgrade) return { ok: true, downgradeTo: downgrade.to, budget: downgrade.budget, warnings };
    const reservation: Reservation = { id: nextId++, workspace, alias, worstCaseUsd: worst, buckets: budgets.map((b) => b.bucket) };
    open.add(reservation.id);
    for (const key of reservation.buckets) add(reserved, key, worst);
    return { ok: true, reservation, warnings };
  };

  return {
    reserve(req) {
      const ts = opts.now();
      // The month's spend is read once; after that the check runs at once, with no promise turn.
      if (readyUntil !== undefined && readyUntil.workspace === req.workspace && ts < readyUntil.until) return check(req, ts);
      return Promise.all([ensureLoaded('workspace', req.workspace, ts), ensureLoaded('global', req.workspace, ts)]).then(() => {
        readyUntil = { workspace: req.workspace, until: cal.startOfNextMonth(ts) };
        return check(req, ts);
      });
    },
    settle(reservation, actualUsd) {
      if (!open.delete(reservation.id)) return;
      const actual = actualUsd ?? reservation.worstCaseUsd;
      for (const key of reservation.buckets) {
        add(reserved, key, -reservation.worstCaseUsd);
        add(spent, key, actual);
      }
    },
    snapshot(workspace) {
      const ts = opts.now();
      return applicable(workspace, ts).map((b) => ({ budget: b.name, spentUsd: spent.get(b.bucket) ?? 0, reservedUsd: reserved.get(b.bucket) ?? 0, limitUsd: b.rule.limitUsd, resetsAt: b.resetsAt }));
    },
  };
}
