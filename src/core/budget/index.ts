export { BUDGET_ACTIONS, type BudgetAction, type BudgetPeriod, type BudgetPeriods, type BudgetRule, type BudgetScope, type BudgetsConfig } from './budget-config';
export { createBudgetGuard, type BudgetGuard, type BudgetGuardOptions, type BudgetWarning, type Reservation, type ReserveResult, type SpendSource } from './budget-guard';
