import * as fs from 'node:fs';
import type { Frame, Locator, Page } from 'playwright-core';
import { FakeProvider, RecordedRequest } from '../support/fake-provider';
import { findFrame, openUserSettingsJson, runCommand, waitUntil } from './support';

/** The chat view's frame (restored, or opened from the activity bar container), with its script running. */
export async function openChat(page: Page): Promise<Frame> {
  const restored = await findFrame(page, '#prompt', 5_000).catch(() => undefined);
  if (!restored) await runCommand(page, 'View: Show Switchboard', 30_000);
  const chat = restored ?? (await findFrame(page, '#prompt', 30_000));
  await chat.locator('#send').waitFor({ timeout: 30_000 });
  return chat;
}

/**
 * Types a prompt into the composer and sends it with Enter; returns the new answer and,
 * unless `cached` (a cache hit never reaches the server), the request the fake server got.
 */
export async function ask(page: Page, chat: Frame, fp: FakeProvider, text: string, opts: { cached?: boolean } = {}): Promise<{ req: RecordedRequest | undefined; answer: Locator }> {
  const before = fp.requests.length;
  const answers = await chat.locator('[data-testid="answer"]').count();
  await chat.locator('#prompt').click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  if (!opts.cached) await fp.waitForRequests(before + 1, 20_000);
  const req = opts.cached ? undefined : (fp.requests[fp.requests.length - 1] as RecordedRequest);
  await waitUntil('the new answer in the view', async () => (await chat.locator('[data-testid="answer"]').count()) > answers);
  return { req, answer: chat.locator('[data-testid="answer"]').last() };
}

/** Waits for an answer to leave the streaming state; returns its final status. */
export async function settled(answer: Locator, timeoutMs = 30_000): Promise<string> {
  let status = 'streaming';
  await waitUntil('the answer to end', async () => {
    status = (await answer.getAttribute('data-status')) ?? 'streaming';
    return status !== 'streaming';
  }, timeoutMs);
  return status;
}

export async function routeText(answer: Locator): Promise<string> {
  const route = answer.locator('[data-testid="route"]');
  await route.waitFor({ timeout: 10_000 });
  return (await route.textContent()) ?? '';
}

/**
 * Changes user settings through the settings editor and Save, as a user would: a write
 * behind VS Code's back is not always noticed by code-server (same way as invalid-settings.test.ts).
 */
export async function editUserSettings(page: Page, settingsFile: string, change: (s: Record<string, unknown>) => void): Promise<void> {
  const settings = JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
  change(settings);
  const editor = await openUserSettingsJson(page);
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(JSON.stringify(settings));
  // Drop whatever the editor auto-closed after the cursor.
  await page.keyboard.press('ControlOrMeta+Shift+End');
  await page.keyboard.press('Delete');
  await page.keyboard.press('ControlOrMeta+S');
  const expected = JSON.stringify(settings);
  await waitUntil('the settings file saved', () => {
    try {
      return JSON.stringify(JSON.parse(fs.readFileSync(settingsFile, 'utf8'))) === expected;
    } catch {
      return false; // caught mid-write
    }
  });
  await page.keyboard.press('ControlOrMeta+W');
}
