import assert from 'node:assert/strict';
import { createBudgetGuard } from '../../../src/core/budget/budget-guard';
import { formatResetTime } from '../../../src/core/budget/format-reset-time';
import { BudgetsConfig } from '../../../src/core/budget/budget-config';
import { IssueList } from '../../../src/core/config/config-issues';
import { validateBudgets } from '../../../src/core/config/validate-budgets';
import { utcCalendar } from '../../../src/core/ledger/calendar';
import { createMemoryLedgerStore } from '../../../src/core/ledger/memory-ledger-store';
import { SwitchboardError } from '../../../src/core/model/switchboard-error';
import { makeRecord } from './make-record';

const T0 = Date.parse('2026-06-15T10:00:00Z');
const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('cost/budget guard', () => {
  it('R13: 20 concurrent requests near the cap overshoot by at most one worst case', async () => {
    const ledger = createMemoryLedgerStore({ now: () => T0, calendar: utcCalendar, workspaceId: 'ws' });
    await ledger.append(makeRecord({ startedAt: T0 - 1000, costUsd: 0.9, workspace: 'ws' }));
    const limit = 1;
    const guard = createBudgetGuard({ budgets: { workspace: { daily: { limitUsd: limit, action: 'block' } } }, ledger, now: () => T0, calendar: utcCalendar });
    const worst = 0.03;
    let settledSpend = 0;
    const outcomes = await Promise.all(Array.from({ length: 20 }, async (_, i) => {
      const r = await guard.reserve({ workspace: 'ws', alias: 'smart', worstCaseUsd: worst });
      if (!r.ok) return r.error;
      assert.ok('reservation' in r);
      await tick(1 + (i % 5)); // the stream runs
      const actual = worst * (0.5 + (i % 3) * 0.25);
      settledSpend += actual;
      await ledger.append(makeRecord({ startedAt: T0, costUsd: actual, workspace: 'ws' }));
      guard.settle(r.reservation, actual);
      return 'ok';
    }));
    const admitted = outcomes.filter((o) => o === 'ok').length;
    const blocked = outcomes.filter((o): o is SwitchboardError => o instanceof SwitchboardError);
    assert.equal(admitted, 3); // 0.9 + 3 × 0.03 ≤ 1 < 0.9 + 4 × 0.03
    assert.equal(blocked.length, 17);
    const total = (await ledger.summary({ workspace: 'ws' })).totals.costUsd;
    assert.ok(total <= limit + worst + 1e-12, `total ${total}`);
    assert.ok(Math.abs(total - (0.9 + settledSpend)) < 1e-12);
    const e = blocked[0];
    assert.ok(e);
    assert.equal(e.kind, 'budget_exceeded');
    assert.equal(e.retryable, false);
    assert.match(e.message, /workspace daily/);
    assert.match(e.message, /\$0\.9\d* spent/);
    assert.match(e.message, /\$1\.00 limit/);
    assert.ok(e.message.includes(`resets at ${formatResetTime(Date.UTC(2026, 5, 16))}.`), e.message);
  });

  it('settled spend frees room; settle is idempotent; a new day resets the daily bucket', async () => {
    let now = T0;
    const ledger = createMemoryLedgerStore({ now: () => now, calendar: utcCalendar });
    const guard = createBudgetGuard({ budgets: { workspace: { daily: { limitUsd: 1, action: 'block' } } }, ledger, now: () => now, calendar: utcCalendar });
    const a = await guard.reserve({ workspace: 'ws', alias: 'x', worstCaseUsd: 0.8 });
    assert.ok(a.ok && 'reservation' in a);
    assert.equal((await guard.reserve({ workspace: 'ws', alias: 'x', worstCaseUsd: 0.3 })).ok, false);
    guard.settle(a.reservation, 0.1);
    guard.settle(a.reservation, 0.1);
    assert.deepEqual(guard.snapshot('ws').map((s) => [s.spentUsd, s.reservedUsd]), [[0.1, 0]]);
    const b = await guard.reserve({ workspace: 'ws', alias: 'x', worstCaseUsd: 0.85 });
    assert.ok(b.ok && 'reservation' in b);
    guard.settle(b.reservation, 0.85);
    assert.equal((await guard.reserve({ workspace: 'ws', alias: 'x', worstCaseUsd: 0.1 })).ok, false);
    now = T0 + 86_400_000;
    assert.equal((await guard.reserve({ workspace: 'ws', alias: 'x', worstCaseUsd: 0.1 })).ok, true);
  });

  it('warn admits with warnings; downgrade names the alias; already-downgraded requests pass', async () => {
    const ledger = createMemoryLedgerStore({ now: () => T0, calendar: utcCalendar });
    await ledger.append(makeRecord({ startedAt: T0, costUsd: 4.5, workspace: 'ws' }));
    const budgets: BudgetsConfig = {
      workspace: { daily: { limitUsd: 5, action: 'warn' } },
      global: { monthly: { limitUsd: 4.6, action: 'downgrade', downgradeTo: 'cheap' } },
    };
    const guard = createBudgetGuard({ budgets, ledger, now: () => T0, calendar: utcCalendar });
    const r = await guard.reserve({ workspace: 'ws', alias: 'smart', worstCaseUsd: 0.2 });
    assert.ok(r.ok && 'downgradeTo' in r);
    assert.equal(r.downgradeTo, 'cheap');
    assert.equal(r.budget, 'global monthly');
    const c = await guard.reserve({ workspace: 'ws', alias: 'cheap', worstCaseUsd: 0.2 });
    assert.ok(c.ok && 'reservation' in c);
    assert.deepEqual(c.warnings.map((w) => w.budget), ['workspace daily', 'global monthly']);
    assert.match(c.warnings[0]?.message ?? '', /^Near budget/);
    assert.match(c.warnings[1]?.message ?? '', /^Over budget/);
  });

  it('an unknown price is admitted with a warning, never counted as $0 silently', async () => {
    const guard = createBudgetGuard({ budgets: { workspace: { daily: { limitUsd: 1, action: 'block' } } }, ledger: createMemoryLedgerStore(), now: () => T0, calendar: utcCalendar });
    const r = await guard.reserve({ workspace: 'ws', alias: 'x', worstCaseUsd: null });
    assert.ok(r.ok && 'reservation' in r);
    assert.match(r.warnings[0]?.message ?? '', /unknown/);
  });

  it('loads spend from the ledger once, not per request', async () => {
    const ledger = createMemoryLedgerStore({ now: () => T0, calendar: utcCalendar });
    let calls = 0;
    const counting = { summary: (q?: Parameters<typeof ledger.summary>[0]) => { calls++; return ledger.summary(q); } };
    const guard = createBudgetGuard({ budgets: { workspace: { daily: { limitUsd: 100, action: 'block' } }, global: { monthly: { limitUsd: 100, action: 'block' } } }, ledger: counting, now: () => T0, calendar: utcCalendar });
    for (let i = 0; i < 50; i++) {
      const r = await guard.reserve({ workspace: 'ws', alias: 'x', worstCaseUsd: 0.01 });
      if (r.ok && 'reservation' in r) guard.settle(r.reservation, 0.01);
    }
    assert.equal(calls, 2);
  });
});

describe('cost/budget guard: a failed spend load', () => {
  it('is not cached: the next reserve loads again', async () => {
    const ledger = createMemoryLedgerStore({ now: () => T0, calendar: utcCalendar, workspaceId: 'ws' });
    await ledger.append(makeRecord({ startedAt: T0 - 1000, costUsd: 0.5, workspace: 'ws' }));
    let calls = 0;
    const flaky = {
      summary: (q?: Parameters<typeof ledger.summary>[0]) => {
        calls += 1;
        return calls === 1 ? Promise.reject(new Error('disk busy')) : ledger.summary(q);
      },
    };
    const guard = createBudgetGuard({ budgets: { workspace: { daily: { limitUsd: 1, action: 'block' } } }, ledger: flaky, now: () => T0, calendar: utcCalendar });
    await assert.rejects(async () => guard.reserve({ workspace: 'ws', alias: 'x', worstCaseUsd: 0.1 }), /disk busy/);
    const second = await guard.reserve({ workspace: 'ws', alias: 'x', worstCaseUsd: 0.1 });
    assert.ok(second.ok);
    assert.deepEqual(guard.snapshot('ws').map((b) => b.spentUsd), [0.5]);
  });
});

describe('cost/validate-budgets', () => {
  it('accepts a full config', () => {
    const issues = new IssueList();
    const raw = { workspace: { daily: { limitUsd: 2, action: 'warn' }, monthly: { limitUsd: 20, action: 'downgrade', downgradeTo: 'cheap' } }, global: { monthly: { limitUsd: 50, action: 'block' } }, warnAtFraction: 0.9 };
    assert.deepEqual(validateBudgets(raw, issues, new Set(['cheap'])), raw);
    assert.deepEqual(issues.errors, []);
  });

  it('reports every problem with its JSON path and a fix', () => {
    const issues = new IssueList();
    const out = validateBudgets({ workspace: { daily: { limitUsd: -1, action: 'stop' }, monthly: { action: 'downgrade', downgradeTo: 'nope' }, weekly: {} }, global: 5, warnAtFraction: 2, extra: 1 }, issues, new Set(['cheap']));
    assert.equal(out, undefined);
    const paths = issues.errors.map((e) => e.path);
    for (const p of ['budgets.workspace.daily.limitUsd', 'budgets.workspace.daily.action', 'budgets.workspace.monthly.limitUsd', 'budgets.workspace.monthly.downgradeTo', 'budgets.workspace.weekly', 'budgets.global', 'budgets.warnAtFraction', 'budgets.extra']) {
      assert.ok(paths.includes(p), `missing ${p} in ${paths.join(', ')}`);
    }
    assert.match(issues.errors.find((e) => e.path === 'budgets.workspace.daily.action')?.message ?? '', /"warn", "block", "downgrade"/);
  });
});

describe('budget reset time as a person reads it', () => {
  it('is the local date and time with the UTC offset, whatever the zone', () => {
    const ts = Date.UTC(2026, 10, 26, 23, 0);
    const text = formatResetTime(ts);
    const m = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d) \(UTC(?:([+-])(\d\d):(\d\d))?\)$/.exec(text);
    assert.ok(m, text);
    // Reading it back with its offset gives the same instant.
    const offsetMin = m[6] ? (m[6] === '-' ? -1 : 1) * (Number(m[7]) * 60 + Number(m[8])) : 0;
    assert.equal(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5])) - offsetMin * 60_000, ts);
  });
});

describe('cost/budget guard: reservations once the spend is in', () => {
  it('the first of a month waits for the spend; later ones are answered at once (no promise) and still add up; a new month loads again', async () => {
    let now = T0;
    const ledger = createMemoryLedgerStore({ now: () => now, calendar: utcCalendar, workspaceId: 'ws' });
    await ledger.append(makeRecord({ startedAt: T0 - 1000, costUsd: 0.5, workspace: 'ws' }));
    let loads = 0;
    const counting = {
      summary: (q?: Parameters<typeof ledger.summary>[0]) => {
        loads += 1;
        return ledger.summary(q);
      },
    };
    const guard = createBudgetGuard({ budgets: { workspace: { monthly: { limitUsd: 1, action: 'block' } } }, ledger: counting, now: () => now, calendar: utcCalendar });
    const first = guard.reserve({ workspace: 'ws', alias: 'x', worstCaseUsd: 0.2 });
    assert.ok(first instanceof Promise, 'the month is read first');
    assert.ok((await first).ok);
    const second = guard.reserve({ workspace: 'ws', alias: 'x', worstCaseUsd: 0.2 });
    assert.ok(!(second instanceof Promise) && second.ok, 'at hand');
    // 0.5 spent + 0.4 reserved: another 0.2 would make 1.1, over the limit — refused at once (the same check, only sooner).
    assert.equal((guard.reserve({ workspace: 'ws', alias: 'x', worstCaseUsd: 0.2 }) as { ok: boolean }).ok, false);
    assert.equal(loads, 2, 'workspace and global spend, read once');
    // Another workspace, or the next month, reads its spend again.
    assert.ok(guard.reserve({ workspace: 'other', alias: 'x', worstCaseUsd: 0.1 }) instanceof Promise);
    now = Date.parse('2026-07-01T00:00:01Z');
    const july = guard.reserve({ workspace: 'ws', alias: 'x', worstCaseUsd: 0.2 });
    assert.ok(july instanceof Promise, 'a new month is read first');
    assert.ok((await july).ok);
  });
});
