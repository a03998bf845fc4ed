import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import {
  STATUS_ID,
  SwitchboardSession,
  findFrame,
  notifications,
  openSwitchboard,
  openUserSettingsJson,
  outputChannelLogFile,
  profilePaths,
  runCommand,
  screenshot,
  quickPickRows,
  statusBarText,
  waitForQuickInput,
  waitUntil,
} from './support';

/**
 * Issue 3: invalid settings give a clear message naming the setting path,
 * and the extension keeps working (status bar, chat view, commands).
 */

describe('invalid settings in a real VS Code (code-server)', function () {
  let session: SwitchboardSession;
  let page: Page;
  let profileDir: string;

  before(async function () {
    this.timeout(900_000);
    session = await openSwitchboard({
      name: 'invalid',
      userSettings: {
        'switchboard.providers': { local: { kind: 'openai-compatible', baseUrl: 'http://127.0.0.1:9/v1' } },
        'switchboard.deployments': [{ id: 'd', provider: 'local', model: 'm', rpm: -5 }],
        'switchboard.aliases': { fast: { deployments: ['d', 'ghost'] } },
      },
    });
    ({ page, profileDir } = session);
  });

  after(async function () {
    this.timeout(60_000);
    await session?.close();
  });

  it('shows an error naming the setting path and what to change', async function () {
    this.timeout(120_000);
    await statusBarText(page, STATUS_ID, 90_000);
    await waitUntil('the settings error', async () => (await notifications(page)).some((n) => n.severity === 'error' && n.text.includes('switchboard.')), 30_000);
    const error = (await notifications(page)).find((n) => n.severity === 'error' && n.text.includes('switchboard.'));
    assert.match(error?.text ?? '', /switchboard\.deployments\[0\]\.rpm: must be a number > 0; got -5/);
    assert.match(error?.text ?? '', /\+1 more/);
    await screenshot(page, 'invalid-01-notification');
  });

  it('logs every problem with its path', async () => {
    const log = fs.readFileSync(await outputChannelLogFile(profileDir, 'Switchboard'), 'utf8');
    assert.match(log, /Invalid setting: switchboard\.deployments\[0\]\.rpm/);
    assert.match(log, /Invalid setting: switchboard\.aliases\.fast\.deployments\[1\]: "ghost" is not a deployment id/);
  });

  it('keeps working: the chat view lists the problems and the commands still run', async function () {
    this.timeout(60_000);
    await runCommand(page, 'View: Show Switchboard');
    const chat = await findFrame(page, '#setup', 30_000);
    await waitUntil('the problems in the chat view', async () => ((await chat.locator('#setup').textContent()) ?? '').includes('switchboard.deployments[0].rpm'));
    await runCommand(page, 'Switchboard: Select Alias');
    // No usable alias: the picker says so and offers Add Provider instead.
    await waitForQuickInput(page, /Select Alias/);
    await waitUntil('the Add Provider entry', async () => (await quickPickRows(page)).some((r) => /Add Provider…/.test(r)));
    assert.match((await page.locator('.quick-input-widget .quick-input-box input').getAttribute('placeholder')) ?? '', /No alias yet/);
    await screenshot(page, 'invalid-02-chat-view');
  });

  it('shows the error again only when the set of problems changes, not on every switchboard.* write', async function () {
    this.timeout(90_000);
    const settingsFile = path.join(profilePaths(profileDir).userDataDir, 'User', 'settings.json');
    const logFile = await outputChannelLogFile(profileDir, 'Switchboard');
    const applied = (): number => fs.readFileSync(logFile, 'utf8').split('Settings applied (invalid)').length - 1;
    const settingsErrors = async (): Promise<number> => (await notifications(page)).filter((n) => n.severity === 'error' && n.text.includes('switchboard.')).length;
    // Through the editor and Save, as a user would: a write behind VS Code's back is not always noticed here.
    const write = async (patch: Record<string, unknown>): Promise<void> => {
      const current = JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
      const editor = await openUserSettingsJson(page);
      await editor.click();
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.press('Delete');
      await page.keyboard.insertText(JSON.stringify({ ...current, ...patch }));
      // Drop whatever the editor auto-closed after the cursor.
      await page.keyboard.press('ControlOrMeta+Shift+End');
      await page.keyboard.press('Delete');
      await page.keyboard.press('ControlOrMeta+S');
      await waitUntil('the settings file saved', () => {
        let saved: Record<string, unknown>;
        try {
          saved = JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
        } catch {
          return false; // caught mid-write
        }
        return Object.entries(patch).every(([k, v]) => JSON.stringify(saved[k]) === JSON.stringify(v));
      });
    };
    await page.keyboard.press('Escape');
    await runCommand(page, 'Notifications: Clear All Notifications');
    await waitUntil('no settings error on screen', async () => (await settingsErrors()) === 0);
    // Same problems, another switchboard.* value (what Select Alias does): re-applied, no new popup.
    const before = applied();
    await write({ 'switchboard.activeAlias': 'fast' });
    await waitUntil('the settings re-applied', () => applied() > before, 30_000);
    await new Promise((r) => setTimeout(r, 1_500));
    assert.equal(await settingsErrors(), 0, 'the same problems raised the error popup again');
    // A different problem: reported again.
    await write({ 'switchboard.deployments': [{ id: 'd', provider: 'local', model: 'm', rpm: -7 }] });
    await waitUntil('the new settings error', async () => (await notifications(page)).some((n) => n.severity === 'error' && /rpm: must be a number > 0; got -7/.test(n.text)), 30_000);
    await screenshot(page, 'invalid-03-changed-problems');
  });
});
