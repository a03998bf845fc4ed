import assert from 'node:assert/strict';
import type { Frame, Locator, Page } from 'playwright-core';
import { FakeProvider, startFakeProvider } from '../support/fake-provider';
import {
  STATUS_ID,
  SwitchboardSession,
  findFrame,
  openSwitchboard,
  quickPickRows,
  runCommand,
  screenshot,
  statusBarText,
  waitForQuickInput,
  waitUntil,
  runPaletteCommand,
} from './support';

/**
 * Item 5 + item 7 ("skipping a cooling deployment is silent"): a 429 with
 * Retry-After on one deployment fails over, and the Health view and the status
 * bar picker both show that deployment cooling down, with a countdown; Reset
 * Cooldown from the view makes it healthy again.
 */
describe('health view and picker show a cooldown (code-server)', function () {
  let session: SwitchboardSession;
  let fp: FakeProvider;
  let page: Page;
  let chat: Frame;

  before(async function () {
    this.timeout(900_000);
    fp = await startFakeProvider();
    session = await openSwitchboard({
      name: 'health',
      userSettings: {
        'switchboard.providers': { fake: { kind: 'openai-compatible', baseUrl: fp.openaiBaseUrl } },
        'switchboard.deployments': [
          { id: 'primary', provider: 'fake', model: 'model-a', price: { inputPerMTok: 1, outputPerMTok: 2 } },
          { id: 'backup', provider: 'fake', model: 'model-b', price: { inputPerMTok: 1, outputPerMTok: 2 } },
        ],
        'switchboard.aliases': { fast: { deployments: ['primary', 'backup'] } },
        'switchboard.activeAlias': 'fast',
      },
    });
    ({ page } = session);
  });

  after(async function () {
    this.timeout(60_000);
    await session?.close();
    await fp?.close();
  });

  function healthRow(text: string): Locator {
    return page.locator('.pane').filter({ has: page.locator('.pane-header', { hasText: /^Health/ }) }).locator('.monaco-list-row').filter({ hasText: text }).first();
  }

  async function cooldownSeconds(row: Locator): Promise<number> {
    const t = (await row.innerText()) ?? '';
    const m = /cooling down (\d+) s \(rate limited\)/.exec(t);
    assert.ok(m, `no countdown in "${t}"`);
    return Number(m[1]);
  }

  it('a 429 with Retry-After on "primary" fails over to "backup" and the answer arrives', async function () {
    this.timeout(120_000);
    await statusBarText(page, STATUS_ID, 90_000);
    fp.forModel('model-a', [{ kind: 'error', status: 429, preset: 'rate_limited', headers: { 'retry-after': '90' } }]);
    fp.forModel('model-b', { kind: 'answer', text: 'from the backup' });
    await runCommand(page, 'View: Show Switchboard');
    chat = await findFrame(page, '#prompt', 30_000);
    await chat.locator('#prompt').click();
    await page.keyboard.type('hello');
    await page.keyboard.press('Enter');
    await waitUntil('the backup answer', async () => ((await chat.locator('[data-testid="answer"] .answer-text').last().textContent()) ?? '').trim() === 'from the backup', 30_000);
    assert.deepEqual(fp.requests.map((r) => r.model), ['model-a', 'model-b']);
  });

  it('the Health view shows "primary" cooling down with a countdown that runs', async function () {
    this.timeout(60_000);
    await runPaletteCommand(page, 'Switchboard: Show Health');
    const row = healthRow('primary');
    await waitUntil('primary cooling in the Health view', async () => /cooling down \d+ s/.test((await row.innerText().catch(() => '')) ?? ''), 20_000);
    const first = await cooldownSeconds(row);
    assert.ok(first > 60 && first <= 90, `countdown ${first}`);
    await screenshot(page, 'health-01-cooling');
    await waitUntil('the countdown to tick', async () => (await cooldownSeconds(row)) < first, 10_000);
    assert.match((await healthRow('backup').innerText()) ?? '', /healthy/);
  });

  it('the status bar picker shows it too, with its countdown', async function () {
    this.timeout(60_000);
    await page.locator(`[id="${STATUS_ID}"]`).click();
    await waitForQuickInput(page, /Select Alias/);
    const rows = await quickPickRows(page);
    await screenshot(page, 'health-02-picker');
    const fast = rows.find((r) => /^\S*\s*fast/.test(r)) ?? '';
    assert.match(fast, /primary: cooling down \d+ s \(rate limited\)/, rows.join('\n'));
    assert.match(fast, /backup: healthy/);
    assert.ok(rows.some((r) => /Add Provider…/.test(r)) && rows.some((r) => /Show Health/.test(r)), rows.join('\n'));
    await page.keyboard.press('Escape');
  });

  it('Reset Cooldown on the row makes "primary" healthy and used again', async function () {
    this.timeout(60_000);
    const row = healthRow('primary');
    await row.hover();
    await row.locator('.action-label[aria-label="Reset Cooldown"]').click();
    await waitUntil('primary healthy', async () => /healthy/.test((await row.innerText()) ?? ''), 10_000);
    fp.forModel('model-a', { kind: 'answer', text: 'primary again' });
    await chat.locator('#prompt').click();
    await page.keyboard.type('again');
    await page.keyboard.press('Enter');
    await waitUntil('the primary answer', async () => ((await chat.locator('[data-testid="answer"] .answer-text').last().textContent()) ?? '').trim() === 'primary again', 30_000);
    await screenshot(page, 'health-03-reset');
  });

  it('Pause on "primary" sends requests to "backup" until Resume', async function () {
    this.timeout(60_000);
    const row = healthRow('primary');
    await row.hover();
    await row.locator('.action-label[aria-label="Pause Deployment"]').click();
    await waitUntil('primary paused', async () => /paused/.test((await row.innerText()) ?? ''), 10_000);
    await screenshot(page, 'health-04-paused');
    fp.forModel('model-b', { kind: 'answer', text: 'backup while paused' });
    await chat.locator('#prompt').click();
    await page.keyboard.type('paused?');
    await page.keyboard.press('Enter');
    await waitUntil('the backup answer', async () => ((await chat.locator('[data-testid="answer"] .answer-text').last().textContent()) ?? '').trim() === 'backup while paused', 30_000);
    await row.hover();
    await row.locator('.action-label[aria-label="Resume Deployment"]').click();
    await waitUntil('primary healthy again', async () => /healthy/.test((await row.innerText()) ?? ''), 10_000);
  });
});
