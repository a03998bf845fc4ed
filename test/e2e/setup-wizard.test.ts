import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { Frame, Page } from 'playwright-core';
import { FakeProvider, startFakeProvider } from '../support/fake-provider';
import {
  STATUS_ID,
  SwitchboardSession,
  acceptMultiPick,
  fillQuickInput,
  findFrame,
  notifications,
  openSwitchboard,
  outputChannelLogFile,
  pickQuickItem,
  quickPickRows,
  runCommand,
  screenshot,
  statusBarText,
  waitForQuickInput,
  waitUntil,
} from './support';

/**
 * S1/S2 first five minutes (issue 11, item 1): from a profile with no settings,
 * Add Provider discovers the fake server's models, writes providers /
 * deployments / aliases to user settings, keeps the key in SecretStorage only,
 * and the first chat answer arrives. Then Check Keys says "invalid" for a key
 * the server refuses, and a successful check lifts a 401 block.
 */
const GOOD_KEY = 'sk-canary-wizard-0123456789abcdefghijklmnop';

describe('setup wizard in a real VS Code (code-server)', function () {
  let session: SwitchboardSession;
  let fp: FakeProvider;
  let page: Page;
  let chat: Frame;

  before(async function () {
    this.timeout(900_000);
    fp = await startFakeProvider({ models: ['gpt-4o', 'gpt-4o-2024-08-06', 'gpt-4o-mini-2024-07-18', 'text-embedding-3-small'], acceptedKeys: [GOOD_KEY] });
    session = await openSwitchboard({ name: 'wizard', env: { OPENAI_API_KEY: '', ANTHROPIC_API_KEY: '', GROQ_API_KEY: '' } });
    ({ page } = session);
  });

  after(async function () {
    this.timeout(60_000);
    await session?.close();
    await fp?.close();
  });

  async function ask(prompt: string, expected: string): Promise<void> {
    await chat.locator('#prompt').click();
    await page.keyboard.type(prompt);
    await page.keyboard.press('Enter');
    await waitUntil(`the answer "${expected}"`, async () => ((await chat.locator('[data-testid="answer"] .answer-text').last().textContent()) ?? '').trim() === expected, 30_000);
  }

  it('says "Switchboard: set up" in the status bar when nothing is configured', async function () {
    this.timeout(120_000);
    await waitUntil('the set-up status item', async () => /Switchboard: set up/.test(await statusBarText(page, STATUS_ID, 90_000)), 90_000);
    await screenshot(page, 'setup-01-unconfigured');
  });

  it('Add Provider: OpenAI at the fake server, key checked, models discovered with price and context, aliases proposed', async function () {
    this.timeout(120_000);
    // The status bar item itself opens the wizard when unconfigured.
    await page.locator(`[id="${STATUS_ID}"]`).click();
    await pickQuickItem(page, /Add Provider/, 'OpenAI', 'OpenAI');
    await fillQuickInput(page, /OpenAI base URL/, fp.openaiBaseUrl);
    await waitForQuickInput(page, /API key for OpenAI/);
    assert.equal(await page.locator('.quick-input-widget .quick-input-box input').getAttribute('type'), 'password');
    await fillQuickInput(page, /API key for OpenAI/, GOOD_KEY);
    await waitForQuickInput(page, /pick models \(2 found\)/);
    const rows = await quickPickRows(page);
    await screenshot(page, 'setup-02-models');
    // Context window and price come from the price library; the embedding model is not offered.
    assert.ok(rows.some((r) => /gpt-4o-mini-2024-07-18/.test(r) && /128k context/.test(r) && /\$0\.15 in \/ \$0\.60 out per M tokens/.test(r)), rows.join('\n'));
    assert.ok(rows.some((r) => /^gpt-4o-2024-08-06/.test(r) && /\$2\.50 in \/ \$10\.00 out/.test(r)), rows.join('\n'));
    // The undated "gpt-4o" is the same model as the listed dated id: offered once, pinned.
    assert.equal(rows.filter((r) => /^gpt-4o(?!-)/.test(r)).length, 0, rows.join('\n'));
    assert.ok(!rows.some((r) => /text-embedding/.test(r)), rows.join('\n'));
    await acceptMultiPick(page, /pick models/, true);
    await waitForQuickInput(page, /default aliases/);
    const aliasRows = await quickPickRows(page);
    await screenshot(page, 'setup-03-aliases');
    assert.ok(aliasRows.some((r) => /^fast ?→ openai\/gpt-4o-mini-2024-07-18/.test(r)), aliasRows.join('\n'));
    assert.ok(aliasRows.some((r) => /^smart ?→ openai\/gpt-4o-2024-08-06/.test(r)), aliasRows.join('\n'));
    await acceptMultiPick(page, /default aliases/, false);
  });

  it('writes providers, pinned deployments and aliases to user settings; the key only to SecretStorage', async function () {
    this.timeout(60_000);
    const file = session.settingsFile;
    await waitUntil('switchboard.activeAlias in settings.json', () => fs.existsSync(file) && /"switchboard\.activeAlias"/.test(fs.readFileSync(file, 'utf8')));
    const raw = fs.readFileSync(file, 'utf8');
    assert.ok(!raw.includes(GOOD_KEY), 'the key was written to settings.json');
    const settings = JSON.parse(raw) as Record<string, unknown>;
    assert.deepEqual(settings['switchboard.providers'], { openai: { kind: 'openai', baseUrl: fp.openaiBaseUrl, apiKeySecret: 'openai' } });
    const deployments = settings['switchboard.deployments'] as { id: string; model: string }[];
    assert.deepEqual(deployments.map((d) => d.model).sort(), ['gpt-4o-2024-08-06', 'gpt-4o-mini-2024-07-18']);
    assert.deepEqual(Object.keys(settings['switchboard.aliases'] as object).sort(), ['fast', 'smart']);
    assert.equal(settings['switchboard.activeAlias'], 'fast');
    await waitUntil('the alias in the status bar', async () => /\bfast\b/.test(await statusBarText(page, STATUS_ID)));
    assert.deepEqual((await notifications(page)).filter((n) => n.severity === 'error'), []);
  });

  it('the first chat answer arrives without touching JSON', async function () {
    this.timeout(90_000);
    fp.setDefault({ kind: 'answer', text: 'hello from the wizard' });
    await runCommand(page, 'View: Show Switchboard');
    chat = await findFrame(page, '#prompt', 30_000);
    await chat.locator('#send:not([disabled])').waitFor({ timeout: 30_000 });
    const before = fp.requests.length;
    await ask('first question', 'hello from the wizard');
    const req = fp.requests.slice(before).find((r) => r.route === 'openai-chat');
    assert.equal(req?.headers['authorization'], `Bearer ${GOOD_KEY}`);
    assert.equal((req?.body as { model?: string }).model, 'gpt-4o-mini-2024-07-18');
    await screenshot(page, 'setup-04-first-answer');
  });

  it('Check Keys reports a key the provider refuses as invalid', async function () {
    this.timeout(60_000);
    fp.setAcceptedKeys(['sk-some-other-key']);
    await runCommand(page, 'Switchboard: Check Keys');
    await waitForQuickInput(page, /Check Keys — 1 of 1 need attention/);
    const rows = await quickPickRows(page);
    await screenshot(page, 'setup-05-check-keys-invalid');
    assert.ok(rows.some((r) => /^openai ?invalid: the provider refused the key \(HTTP 401/.test(r)), rows.join('\n'));
    assert.ok(!rows.join('\n').includes(GOOD_KEY));
    await page.keyboard.press('Escape');
  });

  it('after a 401 blocks the provider, a successful Check Keys lifts the block (same key)', async function () {
    this.timeout(90_000);
    fp.enqueue({ kind: 'error', status: 401, preset: 'unauthorized' });
    await chat.locator('#prompt').click();
    await page.keyboard.type('this one is refused');
    await page.keyboard.press('Enter');
    await chat.locator('.message.assistant[data-status="error"]').last().waitFor({ timeout: 30_000 });
    // Blocked: the next request is refused locally, the server sees nothing.
    const before = fp.requests.filter((r) => r.route === 'openai-chat').length;
    await chat.locator('#prompt').click();
    await page.keyboard.type('still blocked?');
    await page.keyboard.press('Enter');
    await waitUntil('the second error card', async () => (await chat.locator('.message.assistant[data-status="error"]').count()) >= 2, 30_000);
    assert.equal(fp.requests.filter((r) => r.route === 'openai-chat').length, before, 'a blocked provider was called');
    fp.setAcceptedKeys([GOOD_KEY]);
    await runCommand(page, 'Switchboard: Check Keys');
    await waitForQuickInput(page, /Check Keys — all keys work/);
    assert.ok((await quickPickRows(page)).some((r) => /^openai ?ok \(4 models listed\)/.test(r)));
    await page.keyboard.press('Escape');
    fp.setDefault({ kind: 'answer', text: 'unblocked' });
    await ask('and now?', 'unblocked');
    const log = fs.readFileSync(await outputChannelLogFile(session.profileDir, 'Switchboard'), 'utf8');
    assert.match(log, /Check Keys: openai: ok/);
    assert.ok(!log.includes(GOOD_KEY), 'key found in the output channel log');
  });
  it('Edit Provider → Replace key: the new key is checked, kept in SecretStorage only, and sent from the next request on', async function () {
    this.timeout(90_000);
    const NEW_KEY = 'sk-canary-replaced-9876543210zyxwvutsrqpo';
    fp.setAcceptedKeys([NEW_KEY]);
    await runCommand(page, 'Switchboard: Edit Provider…');
    await pickQuickItem(page, /Edit Provider$/, 'openai', 'openai');
    await pickQuickItem(page, /Edit Provider "openai"/, 'Replace key', 'Replace key…');
    await waitForQuickInput(page, /API key for OpenAI/);
    assert.equal(await page.locator('.quick-input-widget .quick-input-box input').getAttribute('type'), 'password');
    await fillQuickInput(page, /API key for OpenAI/, NEW_KEY);
    await waitUntil('the update notice', async () => (await notifications(page)).some((n) => /provider "openai" updated/.test(n.text)), 30_000);
    await screenshot(page, 'setup-06-key-replaced');
    fp.setDefault({ kind: 'answer', text: 'with the new key' });
    const before = fp.requests.length;
    await ask('which key now?', 'with the new key');
    const req = fp.requests.slice(before).find((r) => r.route === 'openai-chat');
    assert.equal(req?.headers['authorization'], `Bearer ${NEW_KEY}`);
    const raw = fs.readFileSync(session.settingsFile, 'utf8');
    assert.ok(!raw.includes(NEW_KEY) && !raw.includes(GOOD_KEY), 'a key was written to settings.json');
    assert.deepEqual((JSON.parse(raw) as Record<string, unknown>)['switchboard.providers'], { openai: { kind: 'openai', baseUrl: fp.openaiBaseUrl, apiKeySecret: 'openai' } });
  });
});
