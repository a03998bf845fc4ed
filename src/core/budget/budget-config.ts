/**
 * `budgets` in the config:
 * ```jsonc
 * "budgets": {
 *   "workspace": { "daily": { "limitUsd": 2, "action": "warn" },
 *                  "monthly": { "limitUsd": 20, "action": "downgrade", "downgradeTo": "cheap" } },
 *   "global":    { "monthly": { "limitUsd": 50, "action": "block" } },
 *   "warnAtFraction": 0.8
 * }
 * ```
 */
export type BudgetAction = 'warn' | 'block' | 'downgrade';
export const BUDGET_ACTIONS: readonly BudgetAction[] = ['warn', 'block', 'downgrade'];

export interface BudgetRule {
  limitUsd: number;
  action: BudgetAction;
  /** Alias to route to once the limit is reached (action `downgrade` only). */
  downgradeTo?: string;
}

export interface BudgetPeriods {
  daily?: BudgetRule;
  monthly?: BudgetRule;
}

export interface BudgetsConfig {
  /** This workspace's spend. */
  workspace?: BudgetPeriods;
  /** Spend across every workspace on this machine. */
  global?: BudgetPeriods;
  /** Warn once spend passes this fraction of a limit (default 0.8). */
  warnAtFraction?: number;
}

export type BudgetScope = 'workspace' | 'global';
export type BudgetPeriod = 'daily' | 'monthly';
