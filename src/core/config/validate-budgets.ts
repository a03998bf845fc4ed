import { BUDGET_ACTIONS, BudgetsConfig } from '../budget/budget-config';
import { IssueList, checkNumber, checkUnknownKeys, isRecord, joinPath } from './config-issues';

const EXAMPLE = 'e.g. "budgets": { "workspace": { "daily": { "limitUsd": 2, "action": "warn" } } }';

function validateRule(raw: unknown, path: string, issues: IssueList, aliasNames: ReadonlySet<string> | undefined): void {
  if (!isRecord(raw)) {
    issues.error(path, `must be an object like { "limitUsd": 5, "action": "block" }.`);
    return;
  }
  checkUnknownKeys(issues, raw, ['limitUsd', 'action', 'downgradeTo'], path);
  if (raw.limitUsd === undefined) issues.error(joinPath(path, 'limitUsd'), 'is required: the spend limit in US dollars, e.g. 5.');
  else checkNumber(issues, raw, 'limitUsd', path, { min: 0, exclusiveMin: true, hint: 'US dollars, e.g. 5.' });
  const action = raw.action;
  if (typeof action !== 'string' || !(BUDGET_ACTIONS as readonly string[]).includes(action)) {
    issues.error(joinPath(path, 'action'), `must be one of ${BUDGET_ACTIONS.map((a) => `"${a}"`).join(', ')}; got ${JSON.stringify(action)}.`);
  }
  const to = raw.downgradeTo;
  if (action === 'downgrade') {
    if (typeof to !== 'string' || to === '') issues.error(joinPath(path, 'downgradeTo'), 'is required with action "downgrade": the alias to use once the limit is reached, e.g. "cheap".');
    else if (aliasNames !== undefined && !aliasNames.has(to)) issues.error(joinPath(path, 'downgradeTo'), `names no alias "${to}"; known aliases: ${[...aliasNames].join(', ') || '(none)'}.`);
  } else if (to !== undefined) {
    issues.warn(joinPath(path, 'downgradeTo'), `is ignored unless "action" is "downgrade".`);
  }
}

/**
 * Validates `budgets` (see budget-config.ts for the shape). Pass the alias
 * names to check `downgradeTo` targets. Returns the typed value when the
 * section had no errors, else undefined.
 */
export function validateBudgets(raw: unknown, issues: IssueList, aliasNames?: ReadonlySet<string>): BudgetsConfig | undefined {
  if (raw === undefined) return {};
  const before = issues.errors.length;
  if (!isRecord(raw)) {
    issues.error('budgets', `must be an object; ${EXAMPLE}.`);
    return undefined;
  }
  checkUnknownKeys(issues, raw, ['workspace', 'global', 'warnAtFraction'], 'budgets');
  for (const scope of ['workspace', 'global'] as const) {
    const periods = raw[scope];
    if (periods === undefined) continue;
    const path = joinPath('budgets', scope);
    if (!isRecord(periods)) {
      issues.error(path, `must be an object with "daily" and/or "monthly"; ${EXAMPLE}.`);
      continue;
    }
    checkUnknownKeys(issues, periods, ['daily', 'monthly'], path);
    for (const period of ['daily', 'monthly'] as const) {
      if (periods[period] !== undefined) validateRule(periods[period], joinPath(path, period), issues, aliasNames);
    }
  }
  const w = raw.warnAtFraction;
  if (w !== undefined && (typeof w !== 'number' || !(w > 0 && w <= 1))) {
    issues.error('budgets.warnAtFraction', `must be a number in (0, 1]; got ${JSON.stringify(w)}. e.g. 0.8 warns at 80% of a limit.`);
  }
  return issues.errors.length === before ? (raw as BudgetsConfig) : undefined;
}
