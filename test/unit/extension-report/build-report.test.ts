import assert from 'node:assert/strict';
import { createMemoryLedgerStore } from '../../../src/core/index';
import { utcCalendar } from '../../../src/core/ledger/calendar';
import { buildReport } from '../../../src/extension/report/build-report';
import { parseFromReport, parseToReport } from '../../../src/protocol/report-messages';
import { makeRecord } from '../cost/make-record';

const NOW = Date.parse('2026-06-15T12:00:00Z');
const DAY = 86_400_000;

describe('cost report data', () => {
  it('30 days for the chart, the month by origin/model/alias/deployment, budgets with spend, unknown prices apart', async () => {
    const store = createMemoryLedgerStore({ workspaceId: 'ws', now: () => NOW, calendar: utcCalendar });
    await store.append(makeRecord({ startedAt: NOW - 1000, costUsd: 0.5, origin: 'chat', workspace: 'ws' }));
    await store.append(makeRecord({ startedAt: NOW - 2000, costUsd: 0.25, origin: 'command:explain', workspace: 'ws', savedUsd: 0.1, cache: 'hit' }));
    await store.append(makeRecord({ startedAt: NOW - 3 * DAY, costUsd: null, origin: 'command:fix', model: 'llama3', deploymentId: 'local', workspace: 'ws' }));
    await store.append(makeRecord({ startedAt: NOW - 20 * DAY, costUsd: 1, origin: 'chat', workspace: 'ws' })); // last month: chart only
    await store.append(makeRecord({ startedAt: NOW - 1000, costUsd: 9, origin: 'chat', workspace: 'other' })); // another workspace
    const r = await buildReport(store, NOW, 'ws', { workspace: { daily: { limitUsd: 1, action: 'warn' } } }, utcCalendar);
    const w = r.workspace;
    assert.equal(w.days.length, 30);
    assert.equal(w.days.at(-1)?.day, '2026-06-15');
    assert.equal(w.days.at(-1)?.costUsd, 0.75);
    assert.equal(w.days.find((d) => d.day === '2026-05-26')?.costUsd, 1);
    assert.equal(w.today.requests, 2);
    assert.equal(w.month.requests, 3);
    assert.equal(w.month.costUsd, 0.75);
    assert.equal(w.month.unknownPrice, 1);
    assert.equal(w.month.savedUsd, 0.1);
    assert.deepEqual(w.byOrigin.map((g) => [g.key, g.costUsd, g.requests]), [['chat', 0.5, 1], ['command:explain', 0.25, 1], ['command:fix', 0, 1]]);
    assert.deepEqual(w.byDeployment.map((g) => g.key), ['mini', 'local']);
    assert.deepEqual(r.budgets, [{ scope: 'workspace', period: 'daily', limitUsd: 1, action: 'warn', spentUsd: 0.75 }]);
    // What crosses to the webview survives its validation unchanged.
    assert.deepEqual(parseToReport(JSON.parse(JSON.stringify({ type: 'report', data: r }))), { type: 'report', data: r });
  });

  it('the webview\'s messages are validated: unknown commands and shapes are dropped', () => {
    assert.deepEqual(parseFromReport({ type: 'command', command: 'export-csv' }), { type: 'command', command: 'export-csv' });
    assert.equal(parseFromReport({ type: 'command', command: 'workbench.action.terminal.new' }), undefined);
    assert.equal(parseFromReport({ type: 'rendered', ms: -1 }), undefined);
    assert.equal(parseFromReport('ready'), undefined);
    assert.equal(parseToReport({ type: 'report', data: { dayKey: 'x' } }), undefined);
  });
});
