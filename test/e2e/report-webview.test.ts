import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Frame, Page } from 'playwright-core';
import { CallRecord, createFileLedgerStore, formatUsd } from '../../src/core/index';
import { FakeProvider, startFakeProvider } from '../support/fake-provider';
import { STATUS_ID, SwitchboardSession, findFrame, openSwitchboard, outputChannelLogFile, profilePaths, runCommand, runPaletteCommand, screenshot, statusBarText, waitUntil } from './support';

/**
 * Item 6: "Show Spending" opens the cost report webview (no Untitled tab): a
 * chart with today's spend, and the by-origin breakdown telling chat apart
 * from each command. Earlier requests from a command are in the ledger file
 * before the report reads it (the ledger opens lazily).
 */
describe('cost report webview (code-server)', function () {
  let session: SwitchboardSession;
  let fp: FakeProvider;
  let page: Page;
  let report: Frame;
  let chatCost = 0;
  const commandCost = 0.25;

  before(async function () {
    this.timeout(900_000);
    fp = await startFakeProvider();
    fp.setDefault({ kind: 'answer', text: 'priced answer' });
    session = await openSwitchboard({
      name: 'report',
      userSettings: {
        'switchboard.providers': { fake: { kind: 'openai-compatible', baseUrl: fp.openaiBaseUrl } },
        'switchboard.deployments': [{ id: 'fake-mini', provider: 'fake', model: 'fake-model', price: { inputPerMTok: 1000, outputPerMTok: 2000 } }],
        'switchboard.aliases': { fast: { deployments: ['fake-mini'] } },
        'switchboard.activeAlias': 'fast',
        'switchboard.budgets': { workspace: { daily: { limitUsd: 1, action: 'warn' } } },
      },
    });
    ({ page } = session);
  });

  after(async function () {
    this.timeout(60_000);
    await session?.close();
    await fp?.close();
  });

  it('records today: two requests from "command:explain" (written to the ledger) and one from chat', async function () {
    this.timeout(120_000);
    await statusBarText(page, STATUS_ID, 90_000);
    const dir = path.join(profilePaths(session.profileDir).userDataDir, 'User', 'globalStorage', 'switchboard-dev.switchboard', 'ledger');
    fs.mkdirSync(dir, { recursive: true });
    const workspaceId = pathToFileURL(session.folder).href;
    const store = await createFileLedgerStore({ dir, workspaceId, now: Date.now });
    const now = Date.now();
    for (let i = 0; i < 2; i++) {
      const record: CallRecord = {
        id: `seed-${i}`, requested: 'fast', alias: 'fast', deploymentId: 'fake-mini', provider: 'fake', model: 'fake-model',
        attempts: [{ deploymentId: 'fake-mini', kind: 'first', outcome: 'ok', startedAt: now - 60_000, latencyMs: 400 }],
        usage: { inputTokens: 100, outputTokens: 50, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, estimated: false },
        costUsd: commandCost / 2, priceSource: 'config', cache: 'miss', status: 'ok', startedAt: now - 60_000, endedAt: now - 59_000, origin: 'command:explain', workspace: workspaceId,
      };
      await store.append(record);
    }
    await store.close();
    await runCommand(page, 'View: Show Switchboard');
    const chat = await findFrame(page, '#prompt', 30_000);
    await chat.locator('#prompt').click();
    await page.keyboard.type('a question');
    await page.keyboard.press('Enter');
    await waitUntil('the answer', async () => ((await chat.locator('[data-testid="answer"] .answer-text').last().textContent()) ?? '').trim() === 'priced answer', 30_000);
    const req = fp.requests[fp.requests.length - 1];
    assert.ok(req);
    const usage = fp.expectedAnswer(req.body, 'openai', { kind: 'answer', text: 'priced answer' }).usage;
    chatCost = (usage.promptTokens * 1000 + usage.completionTokens * 2000) / 1e6;
  });

  it('"Show Spending" opens the report with a chart holding today\'s spend', async function () {
    this.timeout(60_000);
    await runPaletteCommand(page, 'Switchboard: Show Spending');
    report = await findFrame(page, '#report .day-chart', 30_000);
    const today = report.locator('.day-chart rect.bar.today');
    await today.waitFor({ timeout: 10_000 });
    const title = (await today.locator('title').textContent()) ?? '';
    assert.ok(title.includes(formatUsd(chatCost + commandCost)) && /3 requests/.test(title), title);
    assert.ok(Number(await today.getAttribute('height')) > 0, 'today\'s bar has a height');
    assert.equal(await report.locator('.day-chart rect.bar').count(), 30);
    // No Untitled Markdown document any more: the report is the editor tab.
    assert.equal(await page.locator('.tab', { hasText: /Untitled/ }).count(), 0);
    await screenshot(page, 'report-01-open');
  });

  it('breaks the month down by origin: chat vs each command', async function () {
    this.timeout(30_000);
    const rows = report.locator('#by-origin tbody tr');
    await waitUntil('two origins', async () => (await rows.count()) === 2);
    const text = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
    assert.ok(text.some((t) => t.startsWith('command:explain') && t.includes(formatUsd(commandCost)) && / 2 /.test(t)), text.join('\n'));
    assert.ok(text.some((t) => t.startsWith('chat') && t.includes(formatUsd(chatCost)) && / 1 /.test(t)), text.join('\n'));
    const budget = (await report.locator('.budget').first().innerText()).replace(/\s+/g, ' ');
    assert.match(budget, /This workspace, daily: \$\S+ of \$1\.00/);
  });

  it('logs its open time, and the All workspaces tab shows the same spend', async function () {
    this.timeout(60_000);
    const log = await outputChannelLogFile(session.profileDir, 'Switchboard');
    await waitUntil('the open-time log line', () => /Cost report ready \d+ ms/.test(fs.readFileSync(log, 'utf8')));
    console.log(`      ${/Cost report ready .*/.exec(fs.readFileSync(log, 'utf8'))?.[0] ?? ''}`);
    await report.locator('button.tab', { hasText: 'All workspaces' }).click();
    await waitUntil('the global scope', async () => (await report.locator('#by-origin tbody tr').count()) === 2, 20_000);
    await screenshot(page, 'report-02-all-workspaces');
  });
});
