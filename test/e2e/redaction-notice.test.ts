import assert from 'node:assert/strict';
import type { Frame, Page } from 'playwright-core';
import { FakeProvider, startFakeProvider } from '../support/fake-provider';
import { STATUS_ID, SwitchboardSession, findFrame, openSwitchboard, runCommand, screenshot, statusBarText, waitUntil, fakeAliasSettings } from './support';

/**
 * S8 in a real VS Code: a prompt typed into the chat with an AWS key in it
 * reaches the provider with a placeholder, and the chat says so (issue 13).
 */
const AWS_CANARY = 'AKIAIOSFODNN7EXAMPLE';

describe('secret redaction notice in a real VS Code (code-server)', function () {
  let session: SwitchboardSession;
  let fp: FakeProvider;
  let page: Page;
  let chat: Frame;

  before(async function () {
    this.timeout(900_000);
    fp = await startFakeProvider({ wordsPerChunk: 1 });
    session = await openSwitchboard({
      name: 'redact',
      userSettings: {
        ...fakeAliasSettings(fp.openaiBaseUrl, 'fake-mini'),
      },
    });
    ({ page } = session);
  });

  after(async function () {
    this.timeout(60_000);
    await session?.close();
    await fp?.close();
  });

  it('sends a placeholder instead of the key and shows how many secrets were replaced', async function () {
    this.timeout(180_000);
    await statusBarText(page, STATUS_ID, 90_000);
    await runCommand(page, 'View: Show Switchboard');
    chat = await findFrame(page, '#prompt', 30_000);
    await chat.locator('#send:not([disabled])').waitFor({ timeout: 30_000 });
    fp.setDefault({ kind: 'answer', text: 'Rotate that key.' });
    await chat.locator('#prompt').click();
    await page.keyboard.type(`why is ${AWS_CANARY} rejected?`);
    await page.keyboard.press('Enter');
    await fp.waitForRequests(1, 15_000);
    const sent = JSON.stringify(fp.requests[0]?.body);
    assert.ok(!sent.includes(AWS_CANARY), sent);
    assert.match(sent, /why is \[REDACTED:aws-access-key\] rejected\?/);
    const notice = chat.locator('.notice', { hasText: 'Replaced 1 secret before sending' });
    await notice.waitFor({ timeout: 15_000 });
    assert.match((await notice.textContent()) ?? '', /1 AWS access key id/);
    await waitUntil('the answer', async () => ((await chat.locator('[data-testid="answer"] .answer-text').last().textContent()) ?? '').trim() === 'Rotate that key.', 30_000);
    await screenshot(page, 'redaction-notice');
  });
});
