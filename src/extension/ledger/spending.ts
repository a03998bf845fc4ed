import { BudgetPeriods, BudgetsConfig, Calendar, LedgerGroup, LedgerIndex, LedgerTotals, QueryableLedgerStore, formatUsd as usd, localCalendar } from '../../core/index';

/** Spend for one scope (this workspace, or every workspace on this machine). */
export interface ScopeSpending {
  today: LedgerTotals;
  month: LedgerTotals;
  /** This month, by model. */
  byModel: LedgerGroup[];
  /** This month, by where the request came from (`chat`, `command:fixSelection`, `lm-api`...). */
  byOrigin: LedgerGroup[];
}

export interface Spending {
  dayKey: string;
  monthKey: string;
  workspace: ScopeSpending;
  /** Absent when only this workspace was read (a cheap refresh). */
  global?: ScopeSpending;
}

async function scope(source: Pick<QueryableLedgerStore, 'summary'>, now: number, cal: Calendar, workspace?: string): Promise<ScopeSpending> {
  const ws = workspace === undefined ? {} : { workspace };
  const day = { from: cal.startOfDay(now), to: cal.startOfNextDay(now), ...ws };
  const month = { from: cal.startOfMonth(now), to: cal.startOfNextMonth(now), ...ws };
  const [today, byModel, byOrigin] = await Promise.all([source.summary(day), source.summary({ ...month, groupBy: ['model'] }), source.summary({ ...month, groupBy: ['origin'] })]);
  return { today: today.totals, month: byModel.totals, byModel: byModel.groups ?? [], byOrigin: byOrigin.groups ?? [] };
}

/**
 * This workspace's spend from its own store, and (given an index) the roll-up
 * across every workspace from the ledger folder, re-read: other windows append too.
 */
export async function gatherSpending(store: QueryableLedgerStore, index: Pick<LedgerIndex, 'refresh' | 'summary'> | undefined, workspace: string, now: number, cal: Calendar = localCalendar): Promise<Spending> {
  await index?.refresh();
  const [ws, global] = await Promise.all([scope(store, now, cal, workspace), index ? scope(index, now, cal) : undefined]);
  return { dayKey: cal.dayKey(now), monthKey: cal.monthKey(now), workspace: ws, ...(global ? { global } : {}) };
}

/** The roll-up across every workspace alone, re-read from the ledger folder (the costly part). */
export async function gatherGlobalSpending(index: Pick<LedgerIndex, 'refresh' | 'summary'>, now: number, cal: Calendar = localCalendar): Promise<{ dayKey: string; monthKey: string; global: ScopeSpending }> {
  await index.refresh();
  return { dayKey: cal.dayKey(now), monthKey: cal.monthKey(now), global: await scope(index, now, cal) };
}

/** `$0.000123 · 3 requests · 1234 tokens` (+ how many had no known price). */
export function describeTotals(t: LedgerTotals): string {
  const unknown = t.costUnknownRequests > 0 ? ` (+${t.costUnknownRequests} with unknown price)` : '';
  const saved = t.savedUsd > 0 ? ` · saved ${usd(t.savedUsd)}` : '';
  return `${usd(t.costUsd)}${unknown} · ${t.requests} request${t.requests === 1 ? '' : 's'} · ${t.inputTokens + t.outputTokens} tokens${saved}`;
}

function periodLines(label: string, periods: BudgetPeriods | undefined, s: ScopeSpending | undefined): string[] {
  const out: string[] = [];
  for (const [period, rule, spent] of [['daily', periods?.daily, s?.today], ['monthly', periods?.monthly, s?.month]] as const) {
    if (!rule) continue;
    const used = spent ? `${usd(spent.costUsd)} of ` : '';
    const pct = spent && rule.limitUsd > 0 ? ` (${Math.round((spent.costUsd / rule.limitUsd) * 100)}%)` : '';
    const action = rule.action === 'downgrade' && rule.downgradeTo ? `downgrade to "${rule.downgradeTo}"` : rule.action;
    out.push(`${label} ${period} budget: ${used}${usd(rule.limitUsd)}${pct}, then ${action}`);
  }
  return out;
}

/** One line per configured budget; spend is included once known. */
export function budgetLines(budgets: BudgetsConfig | undefined, spending?: Spending): string[] {
  if (!budgets) return [];
  return [...periodLines('Workspace', budgets.workspace, spending?.workspace), ...periodLines('Global', budgets.global, spending?.global)];
}

/**
 * The budgets already used up, one line each ("Workspace daily budget reached:
 * $2.10 of $2.00, requests blocked"): what the alias picker marks as over budget.
 */
export function exceededBudgets(budgets: BudgetsConfig | undefined, spending?: Spending): string[] {
  if (!budgets || !spending) return [];
  const out: string[] = [];
  for (const [label, periods, s] of [['Workspace', budgets.workspace, spending.workspace], ['Global', budgets.global, spending.global]] as const) {
    for (const [period, rule, spent] of [['daily', periods?.daily, s?.today], ['monthly', periods?.monthly, s?.month]] as const) {
      if (!rule || !spent || spent.costUsd < rule.limitUsd) continue;
      const effect = rule.action === 'block' ? 'requests blocked' : rule.action === 'downgrade' ? `requests go to "${rule.downgradeTo ?? '?'}"` : 'warning only';
      out.push(`${label} ${period} budget reached: ${usd(spent.costUsd)} of ${usd(rule.limitUsd)}, ${effect}`);
    }
  }
  return out;
}
