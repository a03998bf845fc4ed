import type { Frame, Locator, Page } from 'playwright-core';
import { FakeProvider, RecordedRequest } from '../support/fake-provider';
import { findFrame, runCommand, waitUntil } from './support';

/** The chat view's frame, opened from the activity bar container, with its script running. */
export async function openChat(page: Page): Promise<Frame> {
  await runCommand(page, 'View: Show Switchboard');
  const chat = await findFrame(page, '#prompt', 30_000);
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
