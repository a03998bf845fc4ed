import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { FakeProvider, rateLimited, startFakeProvider } from '../support/fake-provider';
import { ask, editUserSettings, openChat, routeText, settled } from './chat-helpers';
import { STATUS_ID, SwitchboardSession, notifications, openSwitchboard, outputChannelLogFile, runCommand, screenshot, statusBarText, waitUntil } from './support';

/**
 * Issue 9's "Done when" in a real VS Code: markdown streaming, code-block actions,
 * routing labels, error cards with actions, history across a reload, alias sync.
 * One code-server for the file: tests run in order and build on each other's state.
 */
const MARKDOWN = [
  '# Plan\n\n',
  'Steps:\n\n',
  '- first item\n- second item with `inline code`\n\n',
  '| name | value |\n|------|-------|\n| alpha | 1 |\n| beta | 2 |\n\n',
  'Code:\n\n```python\n',
  'def greet(name):\n',
  '    return "hi " + name\n',
  '```\n\n',
  'See [the docs](https://example.com/docs).\n',
];
const CODE = 'def greet(name):\n    return "hi " + name\n';

describe('chat view in a real VS Code (issue 9)', function () {
  let session: SwitchboardSession;
  let fp: FakeProvider;
  let page: Page;
  let chat: Frame;

  before(async function () {
    this.timeout(900_000);
    fp = await startFakeProvider({ wordsPerChunk: 1 });
    session = await openSwitchboard({
      name: 'chat',
      userSettings: {
        'switchboard.providers': {
          fake: { kind: 'openai-compatible', baseUrl: fp.openaiBaseUrl },
          locked: { kind: 'openai-compatible', baseUrl: fp.openaiBaseUrl, apiKeySecret: 'locked' },
        },
        'switchboard.deployments': [
          { id: 'primary', provider: 'fake', model: 'primary-model', price: { inputPerMTok: 1, outputPerMTok: 2 } },
          { id: 'backup', provider: 'fake', model: 'backup-model', price: { inputPerMTok: 1, outputPerMTok: 2 } },
          { id: 'locked-d', provider: 'locked', model: 'locked-model', price: { inputPerMTok: 1, outputPerMTok: 2 } },
        ],
        'switchboard.aliases': {
          fast: { deployments: ['primary', 'backup'], strategy: 'ordered', cache: { storeNonDeterministic: true } },
          locked: { deployments: ['locked-d'] },
        },
        'switchboard.activeAlias': 'fast',
        'switchboard.retry': { maxRetries: 0 },
        'switchboard.cache': { enabled: true },
      },
    });
    page = session.page;
    fs.writeFileSync(path.join(session.folder, 'sample.py'), 'x = 1\ny = 2\n');
    await session.wb.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.server.url });
    await statusBarText(page, STATUS_ID, 90_000);
    chat = await openChat(page);
  });

  after(async function () {
    this.timeout(60_000);
    await session?.close();
    await fp?.close();
  });

  it('streams a markdown answer piece by piece into a heading, list, table and highlighted code block', async function () {
    this.timeout(120_000);
    fp.setDefault({ kind: 'answer', chunks: MARKDOWN, interChunkDelayMs: 300 });
    const { req, answer } = await ask(page, chat, fp, 'give me markdown');
    // Part of it rendered while the server is still sending.
    await waitUntil('a heading while streaming', async () => (await answer.locator('h1').count()) === 1 && req?.responseFinishedAt === undefined);
    assert.equal(await answer.getAttribute('data-status'), 'streaming');
    await screenshot(page, 'chat-01-streaming');
    assert.equal(await settled(answer), 'ok');
    assert.equal(await answer.locator('h1').textContent(), 'Plan');
    assert.equal(await answer.locator('ul > li').count(), 2);
    assert.equal(await answer.locator('li code').textContent(), 'inline code');
    assert.equal(await answer.locator('table tbody tr').count(), 2);
    const code = answer.locator('.code-block pre code');
    assert.equal(await code.textContent(), CODE);
    assert.ok((await code.locator('span.hljs-keyword').count()) > 0, 'the closed python fence is highlighted');
    // A link has no href: only the extension opens it, after asking.
    const link = answer.locator('.md-link');
    assert.equal(await link.getAttribute('href'), null);
    assert.equal(await link.getAttribute('data-href'), 'https://example.com/docs');
    assert.match(await routeText(answer), /^fast → primary \(primary-model\)/);
    await screenshot(page, 'chat-02-markdown');
  });

  it('a link asks before opening, naming the URL', async function () {
    this.timeout(60_000);
    await chat.locator('[data-testid="answer"] .md-link').last().click();
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 10_000 });
    assert.match((await dialog.textContent()) ?? '', /https:\/\/example\.com\/docs/);
    await dialog.locator('.monaco-button', { hasText: /^Cancel$/ }).click();
  });

  it('Copy puts the code on the clipboard', async function () {
    this.timeout(60_000);
    await page.evaluate(() => navigator.clipboard.writeText('before'));
    await chat.locator('[data-testid="answer"]').last().locator('button[data-code-action="copy"]').click();
    await waitUntil('the code on the clipboard', async () => (await page.evaluate(() => navigator.clipboard.readText())) === CODE);
  });

  async function openSample(): Promise<void> {
    await runCommand(page, 'Go to File...');
    await page.keyboard.type('sample.py');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'sample.py' }).first().waitFor({ timeout: 15_000 });
    await page.keyboard.press('Enter');
    await page.locator('.monaco-editor[data-uri$="sample.py"] .view-lines').first().waitFor({ timeout: 15_000 });
  }

  async function editorText(): Promise<string> {
    const lines = await page.locator('.monaco-editor[data-uri$="sample.py"] .view-lines .view-line').allTextContents();
    return lines.join('\n').replace(/\u00a0/g, ' ');
  }

  it('Insert puts the code at the cursor', async function () {
    this.timeout(90_000);
    await openSample();
    await page.locator('.monaco-editor[data-uri$="sample.py"] .view-lines').first().click();
    await page.keyboard.press('Control+End');
    await chat.locator('[data-testid="answer"]').last().locator('button[data-code-action="insert"]').click();
    await waitUntil('the inserted code in the editor', async () => (await editorText()).includes('def greet(name):'));
    assert.match(await editorText(), /^x = 1\ny = 2\ndef greet\(name\):/);
    // Put the file back (unsaved edit undone) for Apply.
    await page.locator('.monaco-editor[data-uri$="sample.py"] .view-lines').first().click();
    await page.keyboard.press('Control+Z');
    await waitUntil('the undo', async () => !(await editorText()).includes('def greet'));
  });

  it('Apply opens a diff and changes nothing until Accept', async function () {
    this.timeout(90_000);
    await page.locator('.monaco-editor[data-uri$="sample.py"] .view-lines').first().click();
    await page.keyboard.press('Control+A');
    await chat.locator('[data-testid="answer"]').last().locator('button[data-code-action="apply"]').click();
    await page.locator('.monaco-diff-editor').first().waitFor({ timeout: 15_000 });
    await screenshot(page, 'chat-03-apply-diff');
    const file = path.join(session.folder, 'sample.py');
    assert.equal(fs.readFileSync(file, 'utf8'), 'x = 1\ny = 2\n', 'nothing written before Accept');
    await runCommand(page, 'Switchboard: Accept Proposed Edit');
    await waitUntil('the applied code', async () => (await editorText()).startsWith('def greet(name):'));
    assert.equal(fs.readFileSync(file, 'utf8'), 'x = 1\ny = 2\n', 'Accept edits the document; saving stays the user\'s choice');
  });

  it('attaches the selection as a chip (file, lines, estimated tokens and cost) and sends it as fenced code', async function () {
    this.timeout(90_000);
    await openSample();
    await page.locator('.monaco-editor[data-uri$="sample.py"] .view-lines').first().click();
    await page.keyboard.press('Control+A');
    await chat.locator('#attach-selection').click();
    const chip = chat.locator('#composer-chips [data-testid="chip"]');
    await chip.waitFor({ timeout: 15_000 });
    const chipText = (await chip.textContent()) ?? '';
    assert.match(chipText, /sample\.py:1-2/);
    assert.match(chipText, /~\d+ tokens · ~\$0\.0000\d+/);
    await screenshot(page, 'chat-03b-chip');
    const { req, answer } = await ask(page, chat, fp, 'explain this');
    await settled(answer);
    const body = req?.body as { messages: Array<{ role: string; content: string }> };
    const sent = body.messages[body.messages.length - 1]?.content ?? '';
    assert.match(sent, /^explain this\n\nsample\.py \(lines 1-2\):\n```python\ndef greet\(name\):/);
    assert.match((await chat.locator('[data-testid="user-turn"]').last().locator('[data-testid="chip"]').textContent()) ?? '', /sample\.py:1-2/);
    assert.equal(await chat.locator('#composer-chips [data-testid="chip"]').count(), 0, 'the chips went with the prompt');
  });

  it('a primary answering 429 gives the fallback\'s answer and the label says so; the same prompt again says "cache hit"', async function () {
    this.timeout(90_000);
    fp.setDefault({ kind: 'answer', text: 'from somewhere' });
    fp.forModel('primary-model', [rateLimited()]);
    // A new conversation each time: the cache key covers every message sent.
    await runCommand(page, 'Switchboard: New Chat');
    await waitUntil('the empty conversation', async () => (await chat.locator('[data-testid="answer"]').count()) === 0);
    const { answer } = await ask(page, chat, fp, 'deterministic question');
    assert.equal(await settled(answer), 'ok');
    const label = await routeText(answer);
    assert.match(label, /fast → backup \(backup-model\) · fallback after primary 429/);
    // The notice is in words, above the answer's text.
    assert.match((await answer.locator('.notices').textContent()) ?? '', /primary was rate limited; asking backup instead/);
    await screenshot(page, 'chat-04-fallback');
    await runCommand(page, 'Switchboard: New Chat');
    await waitUntil('the empty conversation', async () => (await chat.locator('[data-testid="answer"]').count()) === 0);
    const requests = fp.requests.length;
    const again = await ask(page, chat, fp, 'deterministic question', { cached: true });
    assert.equal(await settled(again.answer), 'ok');
    assert.match(await routeText(again.answer), /cache hit/);
    assert.equal(((await again.answer.locator('.answer-text').textContent()) ?? '').trim(), 'from somewhere');
    assert.equal(fp.requests.length, requests, 'the cache hit never reached the server');
  });
  it('Escape stops mid-stream: the upstream socket closes and the answer shows as stopped, not as an error', async function () {
    this.timeout(60_000);
    fp.setDefault({ kind: 'answer', text: Array.from({ length: 80 }, (_, i) => `w${i}`).join(' '), interChunkDelayMs: 200 });
    const { req, answer } = await ask(page, chat, fp, 'a long answer please');
    assert.ok(req);
    await waitUntil('first chunk', async () => ((await answer.locator('.answer-text').textContent()) ?? '').trim().length > 0);
    await chat.locator('#prompt').click();
    const pressedAt = Date.now();
    await page.keyboard.press('Escape');
    await fp.waitForClose(req.id, 5_000);
    assert.ok(req.clientAborted, 'the server saw the client close the request');
    assert.ok((req.closedAt ?? Infinity) - pressedAt < 2_000);
    assert.equal(await settled(answer), 'cancelled');
    assert.equal(await answer.locator('.card').count(), 0, 'a stop is not an error card');
    assert.match((await answer.locator('.stopped-note').textContent()) ?? '', /Stopped/);
    await screenshot(page, 'chat-05-stopped');
  });

  it('↑ in the empty prompt box recalls the last prompt', async function () {
    this.timeout(30_000);
    await chat.locator('#prompt').click();
    await page.keyboard.press('ArrowUp');
    assert.equal(await chat.locator('#prompt').inputValue(), 'a long answer please');
    await chat.locator('#prompt').fill('');
  });

  it('a cut stream keeps its text, shows an incomplete card, and Retry answers again', async function () {
    this.timeout(90_000);
    fp.setDefault({ kind: 'answer', text: 'complete answer after retry' });
    fp.enqueue({ kind: 'cut', afterChunks: 3, text: 'partial words here and more never arriving' });
    const { answer } = await ask(page, chat, fp, 'cut me off');
    assert.equal(await settled(answer), 'incomplete');
    assert.equal(((await answer.locator('.answer-text').textContent()) ?? '').trim(), 'partial words here');
    const card = answer.locator('.card');
    assert.match((await card.textContent()) ?? '', /incomplete/i);
    await screenshot(page, 'chat-06-incomplete');
    const count = await chat.locator('[data-testid="answer"]').count();
    await card.locator('button', { hasText: /^Retry$/ }).click();
    await waitUntil('the retried answer', async () => {
      const last = chat.locator('[data-testid="answer"]').last();
      return (await last.getAttribute('data-status')) === 'ok' && ((await last.locator('.answer-text').textContent()) ?? '').includes('complete answer after retry');
    }, 30_000);
    assert.equal(await chat.locator('[data-testid="answer"]').count(), count, 'the retry replaced the incomplete answer');
  });

  it('the alias picked in the view shows in the status bar, and the other way round', async function () {
    this.timeout(60_000);
    await chat.locator('#alias-picker').selectOption('locked');
    await waitUntil('the status bar to follow', async () => /locked/.test(await statusBarText(page, STATUS_ID)));
    await runCommand(page, 'Switchboard: Select Alias');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'fast' }).first().click();
    await waitUntil('the view to follow', async () => (await chat.locator('#alias-picker').inputValue()) === 'fast');
    await chat.locator('#alias-picker').selectOption('locked');
    await waitUntil('the status bar to follow', async () => /locked/.test(await statusBarText(page, STATUS_ID)));
  });

  it('an auth error card\'s "Set API Key" opens the key input for that provider', async function () {
    this.timeout(60_000);
    fp.forModel('locked-model', { kind: 'error', status: 401, preset: 'unauthorized' });
    const { answer } = await ask(page, chat, fp, 'needs a key', { cached: true });
    assert.equal(await settled(answer), 'error');
    const card = answer.locator('.card');
    await screenshot(page, 'chat-07-auth-card');
    await card.locator('button', { hasText: /^Set API Key$/ }).click();
    const input = page.locator('.quick-input-widget input[type="password"]');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    assert.match((await page.locator('.quick-input-widget').textContent()) ?? '', /locked/);
    await page.keyboard.press('Escape');
    await chat.locator('#alias-picker').selectOption('fast');
    await waitUntil('the status bar back on fast', async () => /fast/.test(await statusBarText(page, STATUS_ID)));
  });

  it('a budget card\'s action opens the spending report', async function () {
    this.timeout(90_000);
    const logFile = await outputChannelLogFile(session.profileDir, 'Switchboard');
    const applied = (): number => fs.readFileSync(logFile, 'utf8').split('Settings applied').length;
    const before = applied();
    await editUserSettings(page, session.settingsFile, (s) => {
      s['switchboard.budgets'] = { workspace: { daily: { limitUsd: 0.000001, action: 'block' } } };
    });
    await waitUntil('the budget applied', () => applied() > before, 30_000);
    fp.setDefault({ kind: 'answer', text: 'should not be sent' });
    const { answer } = await ask(page, chat, fp, 'over budget', { cached: true });
    assert.equal(await settled(answer), 'error');
    const card = answer.locator('.card');
    assert.match((await card.textContent()) ?? '', /Budget/);
    await screenshot(page, 'chat-08-budget-card');
    await card.locator('button', { hasText: /^Show Spending$/ }).click();
    // The spending report: the quick pick of show-spending, or the cost report webview that may replace it.
    await waitUntil('the spending report', async () => {
      const quick = (await page.locator('.quick-input-widget:visible').textContent().catch(() => '')) ?? '';
      const tabs = (await page.locator('.tab .label-name').allTextContents()).join(' ');
      return /spending|cost/i.test(quick) || /spending|cost/i.test(tabs);
    });
    await page.keyboard.press('Escape');
    const errors = (await notifications(page)).filter((n) => n.severity === 'error');
    assert.deepEqual(errors, []);
  });

  it('history survives a window reload: the conversation comes back, and the list holds the earlier ones', async function () {
    this.timeout(180_000);
    const before = await chat.locator('[data-testid="answer"]').count();
    const lastText = (await chat.locator('[data-testid="answer"] .answer-text').last().textContent()) ?? '';
    assert.ok(before > 0);
    await page.reload();
    await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
    await statusBarText(page, STATUS_ID, 90_000);
    chat = await openChat(page);
    await waitUntil('the restored conversation', async () => (await chat.locator('[data-testid="answer"]').count()) === before, 30_000);
    assert.equal((await chat.locator('[data-testid="answer"] .answer-text').last().textContent()) ?? '', lastText);
    await chat.locator('#history-toggle').click();
    const items = chat.locator('#history .history-item');
    await waitUntil('the conversation list', async () => (await items.count()) >= 3);
    await screenshot(page, 'chat-09-history');
    // Open the first conversation (the markdown one) from the list.
    await chat.locator('#history .history-open', { hasText: 'give me markdown' }).click();
    await waitUntil('the markdown conversation', async () => ((await chat.locator('[data-testid="user-turn"]').first().textContent()) ?? '') === 'give me markdown');
    assert.equal(await chat.locator('[data-testid="answer"]').first().locator('h1').textContent(), 'Plan');
    assert.ok((await chat.locator('[data-testid="answer"]').first().locator('.code-block span.hljs-keyword').count()) > 0, 'restored answers are rendered and highlighted');
  });
  it('deletes one conversation from the list, and New chat starts an empty one', async function () {
    this.timeout(60_000);
    await chat.locator('#history-toggle').click();
    const items = chat.locator('#history .history-item');
    await items.first().waitFor({ timeout: 10_000 });
    const before = await items.count();
    await chat.locator('#history .history-item', { hasText: 'give me markdown' }).getByRole('button', { name: /Delete conversation/ }).click();
    await waitUntil('one conversation fewer', async () => (await items.count()) === before - 1);
    assert.equal(await chat.locator('#history .history-item', { hasText: 'give me markdown' }).count(), 0);
    await runCommand(page, 'Switchboard: New Chat');
    await waitUntil('the empty conversation', async () => (await chat.locator('[data-testid="answer"]').count()) === 0);
    assert.ok(await chat.locator('#empty').isVisible(), 'the empty view explains the keys');
  });
});
