import { BudgetsConfig, Calendar, LedgerTotals, QueryableLedgerStore, localCalendar } from '../../core/index';

type GroupKey = 'model' | 'alias' | 'deploymentId' | 'origin';
import type { ReportBudget, ReportData, ReportGroup, ReportTotals, ScopeReport } from '../../protocol/report-messages';

/** Days on the chart. */
export const REPORT_DAYS = 30;

type Source = Pick<QueryableLedgerStore, 'summary'>;

function totals(t: LedgerTotals): ReportTotals {
  return {
    costUsd: t.costUsd,
    requests: t.requests,
    tokens: t.inputTokens + t.outputTokens,
    unknownPrice: t.costUnknownRequests,
    estimated: t.estimatedRequests,
    savedUsd: t.savedUsd,
    cacheHits: t.cacheHits,
    errors: t.errors,
  };
}

const ZERO: ReportTotals = Object.freeze({ costUsd: 0, requests: 0, tokens: 0, unknownPrice: 0, estimated: 0, savedUsd: 0, cacheHits: 0, errors: 0 });

function addInto(into: ReportTotals, t: ReportTotals): void {
  into.costUsd += t.costUsd;
  into.requests += t.requests;
  into.tokens += t.tokens;
  into.unknownPrice += t.unknownPrice;
  into.estimated += t.estimated;
  into.savedUsd += t.savedUsd;
  into.cacheHits += t.cacheHits;
  into.errors += t.errors;
}

/** Sums `t` into the entry for `key` of `map`. */
function tally(map: Map<string, ReportTotals>, key: string, t: ReportTotals): void {
  let entry = map.get(key);
  if (!entry) {
    entry = { ...ZERO };
    map.set(key, entry);
  }
  addInto(entry, t);
}

function sorted(map: Map<string, ReportTotals>): ReportGroup[] {
  return [...map].map(([key, t]) => ({ key, ...t })).sort((a, b) => b.costUsd - a.costUsd || b.requests - a.requests);
}

const NONE: Record<GroupKey, string> = { model: '(none)', alias: '(deployment id)', deploymentId: '(not served)', origin: 'chat' };

/**
 * One scope's report from a ledger's in-memory summary in ONE pass over its
 * rows (grouped by day × model × alias × deployment × origin), folded here
 * into the 30 days of the chart and the month's four breakdowns. The store's
 * rows are compact, so this stays well under the open-time target on 100k
 * records (bench/report-open.bench.ts).
 */
export async function buildScopeReport(source: Source, now: number, workspace: string | undefined, cal: Calendar = localCalendar): Promise<ScopeReport> {
  const ws = workspace === undefined ? {} : { workspace };
  const dayStarts: number[] = [cal.startOfDay(now)];
  for (let i = 1; i < REPORT_DAYS; i++) dayStarts.unshift(cal.startOfDay((dayStarts[0] ?? now) - 1));
  const monthKey = cal.monthKey(now);
  const from = Math.min(dayStarts[0] ?? now, cal.startOfMonth(now));
  const to = Math.max(cal.startOfNextDay(now), cal.startOfNextMonth(now));
  const keys = ['model', 'alias', 'deploymentId', 'origin'] as const;
  const summary = await source.summary({ from, to, groupBy: ['day', 'month', ...keys], ...ws });
  const dayKeys = new Set(dayStarts.map((t) => cal.dayKey(t)));
  const byDay = new Map<string, ReportTotals>();
  const month: ReportTotals = { ...ZERO };
  const by: Record<GroupKey, Map<string, ReportTotals>> = { model: new Map(), alias: new Map(), deploymentId: new Map(), origin: new Map() };
  for (const g of summary.groups ?? []) {
    const t = totals(g.totals);
    const day = g.key.day ?? '';
    if (dayKeys.has(day)) tally(byDay, day, t);
    if (g.key.month !== monthKey) continue;
    addInto(month, t);
    for (const k of keys) tally(by[k], g.key[k] || NONE[k], t);
  }
  return {
    today: byDay.get(cal.dayKey(now)) ?? { ...ZERO },
    month,
    days: dayStarts.map((t) => {
      const day = cal.dayKey(t);
      return { day, ...(byDay.get(day) ?? ZERO) };
    }),
    byModel: sorted(by.model),
    byAlias: sorted(by.alias),
    byDeployment: sorted(by.deploymentId),
    byOrigin: sorted(by.origin),
  };
}

/** Budgets with the spend each one is measured against (when that scope is loaded). */
export function reportBudgets(budgets: BudgetsConfig | undefined, workspace: ScopeReport, global: ScopeReport | undefined): ReportBudget[] {
  const out: ReportBudget[] = [];
  for (const scope of ['workspace', 'global'] as const) {
    const periods = budgets?.[scope];
    const spend = scope === 'workspace' ? workspace : global;
    for (const period of ['daily', 'monthly'] as const) {
      const rule = periods?.[period];
      if (!rule) continue;
      const spent = spend ? (period === 'daily' ? spend.today.costUsd : spend.month.costUsd) : undefined;
      const action = rule.action === 'downgrade' && rule.downgradeTo ? `downgrade to "${rule.downgradeTo}"` : rule.action;
      out.push({ scope, period, limitUsd: rule.limitUsd, action, ...(spent !== undefined ? { spentUsd: spent } : {}) });
    }
  }
  return out;
}

export async function buildReport(source: Source, now: number, workspace: string, budgets: BudgetsConfig | undefined, cal: Calendar = localCalendar): Promise<ReportData> {
  const ws = await buildScopeReport(source, now, workspace, cal);
  return { dayKey: cal.dayKey(now), monthKey: cal.monthKey(now), workspace: ws, budgets: reportBudgets(budgets, ws, undefined) };
}
