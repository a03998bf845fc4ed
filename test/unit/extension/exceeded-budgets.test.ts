import { strict as assert } from 'node:assert';
import { LedgerTotals } from '../../../src/core/index';
import { ScopeSpending, Spending, exceededBudgets } from '../../../src/extension/ledger/spending';

function totals(costUsd: number): LedgerTotals {
  return { requests: 1, inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, costUsd, costUnknownRequests: 0, estimatedRequests: 0, savedUsd: 0, errors: 0, cacheHits: 0 };
}

function scope(today: number, month: number): ScopeSpending {
  return { today: totals(today), month: totals(month), byModel: [], byOrigin: [] };
}

describe('exceededBudgets: what the alias picker marks as over budget', () => {
  const spending = (ws: ScopeSpending, global?: ScopeSpending): Spending => ({ dayKey: 'd', monthKey: 'm', workspace: ws, ...(global ? { global } : {}) });

  it('names each reached limit with its effect, and nothing under the limits', () => {
    const budgets = { workspace: { daily: { limitUsd: 2, action: 'block' as const } }, global: { monthly: { limitUsd: 10, action: 'downgrade' as const, downgradeTo: 'cheap' } } };
    assert.deepEqual(exceededBudgets(budgets, spending(scope(1.99, 5), scope(3, 9.99))), []);
    assert.deepEqual(exceededBudgets(budgets, spending(scope(2.1, 5), scope(3, 10))), [
      'Workspace daily budget reached: $2.10 of $2.00, requests blocked',
      'Global monthly budget reached: $10.00 of $10.00, requests go to "cheap"',
    ]);
  });

  it('says nothing before the spend is known or without budgets', () => {
    assert.deepEqual(exceededBudgets(undefined, spending(scope(100, 100))), []);
    assert.deepEqual(exceededBudgets({ workspace: { daily: { limitUsd: 1, action: 'warn' } } }, undefined), []);
    assert.deepEqual(exceededBudgets({ workspace: { daily: { limitUsd: 1, action: 'warn' } } }, spending(scope(1, 1))), ['Workspace daily budget reached: $1.00 of $1.00, warning only']);
  });
});
