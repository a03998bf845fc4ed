import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { formatUsd } from '../../src/protocol/format-usd';
import { FakeProvider, startFakeProvider } from '../support/fake-provider';
import {
  QUIET_USER_SETTINGS,
  RunningServer,
  STATUS_ID,
  Toolchain,
  Workbench,
  ensureToolchain,
  findFrame,
  installExtension,
  notifications,
  openWorkbench,
  packagedVsix,
  profilePaths,
  runCommand,
  screenshot,
  startCodeServer,
  statusBarText,
  waitUntil,
  runPaletteCommand,
} from './support';

/**
 * The persistent ledger in a real VS Code (issue 5): a chat answer is written
 * to the per-workspace ledger under the profile's global storage, "Show
 * Spending" reports its cost, the export writes the file the user chose, and
 * the status bar tooltip shows the configured budget with its spend.
 */
const CANARY_KEY = 'sk-canary-ledger-e2e-abcdefghijklmnopqrstuvwxyz0123';
const ANSWER = 'alpha beta gamma delta';
const PROMPT = 'what does the ledger say';



describe('persistent ledger in a real VS Code (code-server)', function () {
  let tc: Toolchain;
  let fp: FakeProvider;
  let server: RunningServer;
  let wb: Workbench;
  let page: Page;
  let profileDir: string;
  let folder: string;
  let costText: string;
  let settings: Record<string, unknown>;

  before(async function () {
    this.timeout(900_000);
    const vsix = packagedVsix();
    tc = await ensureToolchain();
    fp = await startFakeProvider({ wordsPerChunk: 1 });
    fp.setDefault({ kind: 'answer', text: ANSWER });
    profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-e2e-ledger-'));
    folder = path.join(profileDir, 'workspace');
    fs.mkdirSync(folder, { recursive: true });
    await installExtension(tc, vsix, profileDir);
    settings = {
      ...QUIET_USER_SETTINGS,
      'switchboard.providers': { fake: { kind: 'openai-compatible', baseUrl: fp.openaiBaseUrl, apiKeySecret: 'fake' } },
      'switchboard.deployments': [{ id: 'fake-mini', provider: 'fake', model: 'fake-model', price: { inputPerMTok: 1, outputPerMTok: 2 } }],
      'switchboard.aliases': { fast: { deployments: ['fake-mini'] } },
      'switchboard.activeAlias': 'fast',
      'switchboard.budgets': { workspace: { daily: { limitUsd: 1, action: 'warn' } } },
    };
    server = await startCodeServer(tc, { profileDir, folder, userSettings: settings });
    wb = await openWorkbench(tc, server, folder);
    page = wb.page;
  });

  after(async function () {
    this.timeout(60_000);
    await wb?.close();
    await server?.stop();
    await fp?.close();
  });

  it('activates without opening the ledger', async function () {
    this.timeout(120_000);
    assert.match(await statusBarText(page, STATUS_ID, 90_000), /fast/);
    const ledgerDir = path.join(profilePaths(profileDir).userDataDir, 'User', 'globalStorage', 'switchboard-dev.switchboard', 'ledger');
    assert.ok(!fs.existsSync(ledgerDir), 'the ledger folder was created during activation');
    assert.deepEqual((await notifications(page)).filter((n) => n.severity === 'error'), []);
  });

  it('answers a chat prompt (key set through the command)', async function () {
    this.timeout(90_000);
    await runCommand(page, 'Switchboard: Set API Key');
    const input = page.locator('.quick-input-widget input[type="password"]');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill(CANARY_KEY);
    await page.keyboard.press('Enter');
    await waitUntil('the key saved notification', async () => (await notifications(page)).some((n) => /key for "fake" saved/.test(n.text)));
    await runCommand(page, 'View: Show Switchboard');
    const chat = await findFrame(page, '#prompt', 30_000);
    await chat.locator('#prompt').click();
    await page.keyboard.type(PROMPT);
    await page.keyboard.press('Enter');
    await chat.locator('[data-testid="answer"] [data-testid="route"]').last().waitFor({ timeout: 30_000 });
    assert.equal(((await chat.locator('.message.assistant .answer-text').last().textContent()) ?? '').trim(), ANSWER);
    const req = fp.requests[fp.requests.length - 1];
    assert.ok(req);
    const usage = fp.expectedAnswer(req.body, 'openai', { kind: 'answer', text: ANSWER }).usage;
    costText = formatUsd((usage.promptTokens * 1 + usage.completionTokens * 2) / 1e6);
  });

  /** Opens the cost report (a webview tab) and returns the text of the given scope. */
  async function reportText(scope: 'This workspace' | 'All workspaces'): Promise<string> {
    await runPaletteCommand(page, 'Switchboard: Show Spending');
    const report = await findFrame(page, '#report .cards', 30_000);
    await report.locator('button.tab', { hasText: scope }).click();
    await waitUntil(`the ${scope} figures`, async () => (await report.locator('#report').innerText()).includes(costText), 20_000);
    return report.locator('#report').innerText();
  }

  it('"Switchboard: Show Spending" shows the request\'s cost for today, this month, by model and across workspaces', async function () {
    this.timeout(60_000);
    const text = await reportText('This workspace');
    await screenshot(page, 'ledger-01-show-spending');
    assert.match(text, /fake-model/);
    const hits = text.split(costText).length - 1;
    // today + month + by origin, model, alias and deployment
    assert.ok(hits >= 6, `expected ${costText} six times, found ${hits} in:\n${text}`);
    assert.match(text, /1 requests?\b/);
    assert.match(text, /This workspace, daily: \$\S+ of \$1\.00/);
    const all = await reportText('All workspaces');
    assert.ok(all.split(costText).length - 1 >= 6, all);
  });

  it('writes the record to the ledger file under the profile\'s global storage, without the key or the prompt', async function () {
    this.timeout(30_000);
    const dir = path.join(profilePaths(profileDir).userDataDir, 'User', 'globalStorage', 'switchboard-dev.switchboard', 'ledger');
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.ledger.jsonl'));
    assert.equal(files.length, 1, `ledger files: ${files.join(', ')}`);
    const text = fs.readFileSync(path.join(dir, files[0] ?? ''), 'utf8');
    const lines = text.trim().split('\n').map((l) => JSON.parse(l) as { type: string; workspaceId?: string; record?: { deploymentId?: string; costUsd?: number; origin?: string; status?: string } });
    assert.equal(lines[0]?.type, 'header');
    assert.match(lines[0]?.workspaceId ?? '', /^file:\/\/.*workspace$/);
    const records = lines.filter((l) => l.type === 'record');
    assert.equal(records.length, 1);
    assert.equal(records[0]?.record?.deploymentId, 'fake-mini');
    assert.equal(records[0]?.record?.status, 'ok');
    assert.equal(records[0]?.record?.origin, 'chat');
    assert.equal(formatUsd(records[0]?.record?.costUsd ?? 0), costText);
    assert.ok(!text.includes(CANARY_KEY), 'key found in the ledger');
    assert.ok(!text.includes(PROMPT), 'prompt found in the ledger');
  });

  it('shows the budget and its spend in the status bar tooltip', async function () {
    this.timeout(30_000);
    await page.locator(`[id="${STATUS_ID}"]`).hover();
    await waitUntil('the tooltip', async () =>
      page.evaluate((cost) => Array.from(document.querySelectorAll<HTMLElement>('[class*="hover"]')).some((e) => e.innerText.includes(`Workspace daily budget: ${cost} of $1.00`)), costText),
    );
    await screenshot(page, 'ledger-02-tooltip');
    await page.mouse.move(600, 400);
  });

  it('"Export Ledger as CSV…" writes the file chosen in the save dialog', async function () {
    this.timeout(60_000);
    const target = path.join(folder, 'exported-ledger.csv');
    await runCommand(page, 'Switchboard: Export Ledger as CSV…');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    // The dialog fills in its default name asynchronously; typing before that gets overwritten.
    await waitUntil('the dialog to show its default file name', async () => /switchboard-ledger-[^/]*\.csv$/.test(await input.inputValue()));
    await input.fill(target);
    await waitUntil('the dialog to take the path', async () => (await input.inputValue()) === target);
    await screenshot(page, 'ledger-03-save-dialog');
    // The simple file dialog completes paths as you type; under load an Enter can land on a
    // completion instead. Its OK button accepts the typed value, so press it until the dialog closes.
    const ok = page.locator('.quick-input-widget .monaco-button', { hasText: /^OK$/ });
    await waitUntil('the save dialog to accept the path', async () => {
      if (!(await input.isVisible())) return true;
      await ok.click({ timeout: 2_000 }).catch(() => undefined);
      return !(await input.isVisible());
    }, 20_000, 500);
    await waitUntil('the exported file', () => fs.existsSync(target) && fs.statSync(target).size > 0);
    const csv = fs.readFileSync(target, 'utf8');
    assert.match(csv, /fake-mini/);
    assert.ok(!csv.includes(CANARY_KEY), 'key found in the export');
  });

  it('keeps the record across a restart of VS Code (same profile)', async function () {
    this.timeout(180_000);
    await wb.close();
    await server.stop();
    server = await startCodeServer(tc, { profileDir, folder, userSettings: settings });
    wb = await openWorkbench(tc, server, folder);
    page = wb.page;
    await statusBarText(page, STATUS_ID, 90_000);
    const text = await reportText('This workspace');
    assert.ok(text.includes(costText) && /1 requests?\b/.test(text), text);
    await screenshot(page, 'ledger-04-after-restart');
  });

  it('"Clear Response Cache" reports what it cleared', async function () {
    this.timeout(30_000);
    await runCommand(page, 'Switchboard: Clear Response Cache');
    await waitUntil('the cleared notification', async () => (await notifications(page)).some((n) => /cleared \d+ cached response/.test(n.text)));
  });
});
