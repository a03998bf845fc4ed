import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { Page } from 'playwright-core';
import { FakeProvider, startFakeProvider } from '../support/fake-provider';
import { STATUS_ID, SwitchboardSession, openSwitchboard, openUserSettingsJson, runPaletteCommand, screenshot, statusBarText, waitUntil } from './support';

/**
 * Item 3: `"model": "gpt-4o"` in the user's settings.json gets the
 * undated-model warning, and its quick fix pins the dated id from the price
 * library; the Health view lists the same warnings.
 */
describe('config lint on the user settings.json (code-server)', function () {
  let session: SwitchboardSession;
  let fp: FakeProvider;
  let page: Page;

  before(async function () {
    this.timeout(900_000);
    fp = await startFakeProvider();
    session = await openSwitchboard({
      name: 'lint',
      userSettings: {
        'switchboard.providers': { oa: { kind: 'openai', baseUrl: fp.openaiBaseUrl, apiKeySecret: 'oa' } },
        'switchboard.deployments': [{ id: 'big', provider: 'oa', model: 'gpt-4o' }],
        'switchboard.aliases': { smart: { deployments: ['big'] } },
        'switchboard.activeAlias': 'smart',
        // VS Code 1.139 opens settings.json in a modal editor by default ("some"), and the Escape
        // every palette helper presses first closes it — with it the document, and so its warnings.
        'workbench.editor.useModal': 'off',
      },
    });
    ({ page } = session);
  });

  after(async function () {
    this.timeout(60_000);
    await session?.close();
    await fp?.close();
  });

  it('shows the undated-model warning on "gpt-4o" in settings.json', async function () {
    this.timeout(120_000);
    await statusBarText(page, STATUS_ID, 90_000);
    await openUserSettingsJson(page);
    const problems = page.locator('.markers-panel .monaco-list-row');
    await waitUntil('the undated-model warning in Problems', async () => {
      if (!(await page.locator('.markers-panel').isVisible())) await runPaletteCommand(page, 'View: Focus Problems (Errors, Warnings, Infos)');
      return (await problems.allInnerTexts()).some((t) => /"gpt-4o" is an undated name/.test(t));
    }, 45_000, 500).catch(async (err: unknown) => {
      await screenshot(page, 'lint-00-no-warning');
      throw err;
    });
    const texts = await problems.allInnerTexts();
    assert.ok(texts.some((t) => /Pin a dated id such as "gpt-4o-2024-11-20"/.test(t)), texts.join('\n'));
    // The other seed pitfalls in this file: no key stored, and one deployment without a fallback.
    assert.ok(texts.some((t) => /Provider "oa" has no key/.test(t)), texts.join('\n'));
    assert.ok(texts.some((t) => /Alias "smart" has one deployment and no "fallbacks"/.test(t)), texts.join('\n'));
    await screenshot(page, 'lint-01-problems');
  });

  it('the quick fix pins it to the dated id and the warning goes away', async function () {
    this.timeout(60_000);
    // Double-clicking the Problems row opens settings.json with the warning selected; Ctrl+. lists its quick fixes.
    const problem = page.locator('.markers-panel .monaco-list-row', { hasText: /undated name/ }).first();
    const fix = page.getByText('Pin to "gpt-4o-2024-11-20"').first();
    await waitUntil('the quick fix menu', async () => {
      await page.keyboard.press('Escape');
      if (!(await problem.isVisible())) await runPaletteCommand(page, 'View: Focus Problems (Errors, Warnings, Infos)');
      if (!(await problem.dblclick({ timeout: 5_000 }).then(() => true, () => false))) return false;
      await page.locator('.monaco-editor.focused').first().waitFor({ timeout: 5_000 }).catch(() => undefined);
      await page.keyboard.press('Control+.');
      return fix.waitFor({ timeout: 5_000 }).then(() => true, () => false);
    }, 45_000, 0);
    await screenshot(page, 'lint-02-quick-fix');
    await fix.click();
    await page.keyboard.press('Control+S');
    await waitUntil('the pinned model in settings.json', () => /"model":\s*"gpt-4o-2024-11-20"/.test(fs.readFileSync(session.settingsFile, 'utf8')), 20_000);
    const problems = page.locator('.markers-panel .monaco-list-row');
    await waitUntil('the warning to go', async () => !(await problems.allInnerTexts()).some((t) => /undated name/.test(t)), 20_000);
  });

  it('the Health view lists the settings warnings', async function () {
    this.timeout(60_000);
    await runPaletteCommand(page, 'Switchboard: Show Health');
    const pane = page.locator('.pane').filter({ has: page.locator('.pane-header', { hasText: /^Health/ }) });
    const header = pane.locator('.monaco-list-row', { hasText: /Settings warnings \(\d+\)/ });
    await header.waitFor({ timeout: 20_000 });
    await header.click();
    await waitUntil('a warning row', async () => (await pane.locator('.monaco-list-row').allInnerTexts()).some((t) => /has no key/.test(t)), 10_000);
    await screenshot(page, 'lint-03-health');
  });
});
