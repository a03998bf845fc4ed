import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { Frame, Page } from 'playwright-core';
import {
  STATUS_ID,
  SwitchboardSession,
  findFrame,
  notifications,
  openSwitchboard,
  outputChannelLogFile,
  runCommand,
  screenshot,
  statusBarText,
  waitUntil,
} from './support';

/**
 * First run (issue 3, item 4): no provider configured, a key in the extension
 * host's environment. The chat view explains the setup and offers to configure
 * the provider; the key lands in SecretStorage, never in settings.json.
 */
const CANARY_KEY = 'sk-canary-first-run-9876543210zyxwvutsrqponmlkjih';


describe('first run in a real VS Code (code-server)', function () {
  let session: SwitchboardSession;
  let page: Page;
  let chat: Frame;
  let profileDir: string;
  let settingsFile: string;

  before(async function () {
    this.timeout(900_000);
    // Only OPENAI_API_KEY: the other variables are blanked so a developer's own keys do not add buttons.
    session = await openSwitchboard({ name: 'first', env: { OPENAI_API_KEY: CANARY_KEY, ANTHROPIC_API_KEY: '', GROQ_API_KEY: '' } });
    ({ page, profileDir, settingsFile } = session);
  });

  after(async function () {
    this.timeout(60_000);
    await session?.close();
  });

  it('activates with no provider and no error notification', async function () {
    this.timeout(120_000);
    await statusBarText(page, STATUS_ID, 90_000);
    const errors = (await notifications(page)).filter((n) => n.severity === 'error');
    assert.deepEqual(errors, []);
  });

  it('the chat view says how to add a provider and offers the one whose key is in the environment', async function () {
    this.timeout(60_000);
    await runCommand(page, 'View: Show Switchboard');
    chat = await findFrame(page, '#setup', 30_000);
    const setup = chat.locator('#setup');
    await waitUntil('the setup text', async () => /No provider is configured yet/.test((await setup.textContent()) ?? ''));
    const text = (await setup.textContent()) ?? '';
    assert.match(text, /switchboard\.providers/);
    assert.match(text, /Switchboard: Set API Key/);
    assert.ok(await setup.isVisible(), 'the setup block is visible');
    await chat.getByRole('button', { name: 'Use openai (key found in the environment)' }).waitFor({ timeout: 10_000 });
    assert.equal(await chat.getByRole('button', { name: /Use (anthropic|groq)/ }).count(), 0, 'only providers with a key are offered');
    await screenshot(page, 'first-run-01-setup');
  });

  it('configures openai after a modal confirm: provider in settings.json, key only in SecretStorage', async function () {
    this.timeout(60_000);
    await chat.getByRole('button', { name: 'Use openai (key found in the environment)' }).click();
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: 15_000 });
    assert.match((await dialog.innerText()) ?? '', /OPENAI_API_KEY/);
    await screenshot(page, 'first-run-02-confirm');
    await dialog.locator('.monaco-button', { hasText: /^Configure$/ }).click();
    await waitUntil('switchboard.providers.openai in settings.json', () => {
      const raw = fs.existsSync(settingsFile) ? fs.readFileSync(settingsFile, 'utf8') : '';
      return /"switchboard\.providers"/.test(raw) && /"switchboard\.aliases"/.test(raw) && /"switchboard\.activeAlias"/.test(raw);
    });
    const settings = JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
    const providers = settings['switchboard.providers'] as Record<string, { kind: string; apiKeySecret?: string }>;
    assert.deepEqual(providers.openai, { kind: 'openai', apiKeySecret: 'openai' });
    assert.equal(settings['switchboard.activeAlias'], 'fast');
    assert.ok(!fs.readFileSync(settingsFile, 'utf8').includes(CANARY_KEY), 'the key was written to settings.json');
  });

  it('then shows the alias in the status bar and hides the setup text', async function () {
    this.timeout(30_000);
    await waitUntil('the setup block to hide', async () => !(await chat.locator('#setup').isVisible()));
    const text = await statusBarText(page, STATUS_ID);
    assert.match(text, /\bfast\b/);
    await screenshot(page, 'first-run-03-configured');
    const errors = (await notifications(page)).filter((n) => n.severity === 'error');
    assert.deepEqual(errors, []);
  });

  it('never shows the key in the output channel log or the DOM', async function () {
    this.timeout(30_000);
    const log = fs.readFileSync(await outputChannelLogFile(profileDir, 'Switchboard'), 'utf8');
    assert.match(log, /activated/);
    assert.ok(!log.includes(CANARY_KEY), 'key found in the output channel log');
    assert.ok(!(await chat.content()).includes(CANARY_KEY), 'key found in the webview DOM');
    assert.ok(!(await page.content()).includes(CANARY_KEY), 'key found in the workbench DOM');
  });
});
