import type { Locator, Page } from 'playwright-core';
import { waitUntil } from './wait-until';

const WIDGET = '.quick-input-widget';

/** Waits until the open quick input's title contains `title` (each wizard step has its own). */
export async function waitForQuickInput(page: Page, title: RegExp, timeoutMs = 20_000): Promise<void> {
  await waitUntil(`a quick input titled ${String(title)}`, async () => {
    const el = page.locator(`${WIDGET} .quick-input-title`);
    if (!(await el.isVisible().catch(() => false))) return false;
    return title.test((await el.innerText().catch(() => '')) ?? '');
  }, timeoutMs);
}

/** Types into the open input box (replacing its value) and presses Enter. */
export async function fillQuickInput(page: Page, title: RegExp, value: string): Promise<void> {
  await waitForQuickInput(page, title);
  const input = page.locator(`${WIDGET} .quick-input-box input`);
  await input.fill(value);
  await input.press('Enter');
}

/** Labels and descriptions of the visible rows of the open quick pick. */
export async function quickPickRows(page: Page): Promise<string[]> {
  return page.locator(`${WIDGET} .quick-input-list .monaco-list-row`).evaluateAll((rows) => rows.map((r) => (r as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));
}

/** Filters the open quick pick by `filter` and clicks the row whose label is exactly `label`. */
export async function pickQuickItem(page: Page, title: RegExp, filter: string, label: string): Promise<void> {
  await waitForQuickInput(page, title);
  await page.locator(`${WIDGET} .quick-input-box input`).fill(filter);
  const row = page
    .locator(`${WIDGET} .quick-input-list .monaco-list-row`)
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) }) })
    .first();
  await row.waitFor({ state: 'visible', timeout: 15_000 });
  await row.click();
}

/** Accepts a multi-select quick pick as it is (its pre-ticked items) or after ticking every item. */
export async function acceptMultiPick(page: Page, title: RegExp, tickAll: boolean): Promise<void> {
  await waitForQuickInput(page, title);
  if (tickAll) {
    // Clicking a row of a multi-select pick toggles its checkbox.
    const rows = page.locator(`${WIDGET} .quick-input-list .monaco-list-row`);
    const n = await rows.count();
    for (let i = 0; i < n; i++) {
      const row = rows.nth(i);
      if ((await row.getAttribute('aria-checked')) !== 'true') await row.click();
    }
    await waitUntil('every row ticked', async () => (await rows.evaluateAll((rs) => rs.every((r) => r.getAttribute('aria-checked') === 'true'))) === true, 5_000);
  }
  await page.locator(`${WIDGET} .quick-input-box input`).press('Enter');
}

/**
 * Moves keyboard focus to the workbench (an empty spot of the status bar), so
 * F1 opens the command palette: pressed inside a webview it may not.
 */
export async function focusWorkbench(page: Page): Promise<void> {
  const bar = page.locator('.part.statusbar');
  const box = await bar.boundingBox();
  await bar.click({ position: { x: Math.round((box?.width ?? 800) * 0.45), y: Math.round((box?.height ?? 22) / 2) } });
}

/**
 * Runs a palette command from the workbench, retrying when the palette closes
 * before its input takes the text (a webview that takes focus back can do that).
 */
export async function runPaletteCommand(page: Page, title: string, attempts = 3): Promise<void> {
  for (let i = 1; ; i++) {
    try {
      await page.keyboard.press('Escape');
      await focusWorkbench(page);
      await page.keyboard.press('F1');
      const input = page.locator(`${WIDGET} .quick-input-box input`);
      await input.waitFor({ state: 'visible', timeout: 5_000 });
      await input.fill(`>${title}`, { timeout: 5_000 });
      const exact = new RegExp(`^\\s*${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
      await page.locator(`${WIDGET} .quick-input-list .monaco-list-row`).filter({ has: page.locator('.label-name', { hasText: exact }) }).first().click({ timeout: 10_000 });
      return;
    } catch (err) {
      if (i >= attempts) throw err;
    }
  }
}

/**
 * Opens the user settings.json in an editor and returns that editor's lines.
 * Under load the palette sometimes closes without running the command, so the
 * command is retried until an editor showing the file (found by its document
 * URI: VS Code may open it as a modal editor over the others) is visible.
 */
export async function openUserSettingsJson(page: Page, attempts = 4): Promise<Locator> {
  const editor = page.locator('.monaco-editor[data-uri$="/User/settings.json"] .view-lines').first();
  for (let i = 1; ; i++) {
    await runPaletteCommand(page, 'Preferences: Open User Settings (JSON)');
    try {
      await editor.waitFor({ state: 'visible', timeout: 10_000 });
      return editor;
    } catch (err) {
      if (i >= attempts) throw err;
    }
  }
}
