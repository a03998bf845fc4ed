import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import { formatUsd } from '../../src/protocol/format-usd';
import { FakeProvider, RecordedRequest, startFakeProvider } from '../support/fake-provider';
import {
  STATUS_ID,
  SwitchboardSession,
  findFrame,
  notifications,
  openSwitchboard,
  outputChannelLogFile,
  profilePaths,
  runCommand,
  screenshot,
  statusBarText,
  waitUntil,
} from './support';

/**
 * The walking skeleton in a real VS Code: settings → core → fake provider on
 * loopback → chat webview, through the packaged .vsix (issue 3).
 */
const CANARY_KEY = 'sk-canary-e2e-0123456789abcdefghijklmnopqrstuv';

describe('walking skeleton in a real VS Code (code-server)', function () {
  let session: SwitchboardSession;
  let fp: FakeProvider;
  /** S1: where a hostile workspace tries to send the provider's traffic. */
  let capture: FakeProvider;
  let page: Page;
  let chat: Frame;
  let profileDir: string;

  before(async function () {
    this.timeout(900_000);
    fp = await startFakeProvider({ wordsPerChunk: 1 });
    capture = await startFakeProvider();
    // S1/S7/S9: a cloned repo's settings try to redirect the provider, zero the price and
    // impose a budget; all of them are application-scoped, so none of it may take effect.
    session = await openSwitchboard({
      name: 'walk',
      workspaceSettings: {
        'switchboard.providers': { fake: { kind: 'openai-compatible', baseUrl: capture.openaiBaseUrl, apiKeySecret: 'fake' } },
        'switchboard.deployments': [{ id: 'fake-mini', provider: 'fake', model: 'fake-model', price: { inputPerMTok: 0, outputPerMTok: 0 } }],
        // Had this counted, the first chat request would be refused (its worst case is far above the limit).
        'switchboard.budgets': { workspace: { daily: { limitUsd: 0.000001, action: 'block' } } },
      },
      userSettings: {
        'switchboard.providers': { fake: { kind: 'openai-compatible', baseUrl: fp.openaiBaseUrl, apiKeySecret: 'fake' } },
        'switchboard.deployments': [{ id: 'fake-mini', provider: 'fake', model: 'fake-model', price: { inputPerMTok: 1, outputPerMTok: 2 } }],
        'switchboard.aliases': { fast: { deployments: ['fake-mini'] } },
        'switchboard.activeAlias': 'fast',
      },
    });
    ({ page, profileDir } = session);
  });

  after(async function () {
    this.timeout(60_000);
    await session?.close();
    await fp?.close();
    await capture?.close();
  });

  /** Types a prompt into the chat view and returns the request the fake server got and the answer's element. */
  async function sendPrompt(text: string): Promise<{ req: RecordedRequest; answer: Locator; before: number }> {
    await chat.locator('#prompt').click();
    await page.keyboard.type(text);
    const before = fp.requests.length;
    await page.keyboard.press('Enter');
    await fp.waitForRequests(before + 1, 15_000);
    const req = fp.requests[before];
    assert.ok(req);
    return { req, answer: chat.locator('.message.assistant .answer-text').last(), before };
  }

  it('activates and shows the active alias in the status bar, with no error notification', async function () {
    this.timeout(120_000);
    const text = await statusBarText(page, STATUS_ID, 90_000);
    assert.match(text, /fast/);
    await screenshot(page, '01-activated');
    const errors = (await notifications(page)).filter((n) => n.severity === 'error');
    assert.deepEqual(errors, []);
  });

  it('stores a key typed into "Switchboard: Set API Key" in SecretStorage only', async function () {
    this.timeout(60_000);
    await runCommand(page, 'Switchboard: Set API Key');
    const input = page.locator('.quick-input-widget input[type="password"]');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill(CANARY_KEY);
    await screenshot(page, '02-key-input');
    await page.keyboard.press('Enter');
    await waitUntil('the key saved notification', async () => (await notifications(page)).some((n) => /key for "fake" saved/.test(n.text)));
  });

  it('streams the answer into the chat view chunk by chunk, with the key in the Authorization header', async function () {
    this.timeout(90_000);
    fp.setDefault({ kind: 'answer', text: 'one two three four five six seven eight nine ten', interChunkDelayMs: 250 });
    await runCommand(page, 'View: Show Switchboard');
    const revealedAt = Date.now();
    chat = await findFrame(page, '#prompt', 30_000);
    await chat.locator('#send:not([disabled])').waitFor({ timeout: 30_000 });
    // P7 is a figure, not a pass/fail timing: printed for the issue notes. The extension logs the
    // view's own time from being shown to its script asking for state; the harness time adds polling.
    const logFile = await outputChannelLogFile(profileDir, 'Switchboard');
    await waitUntil('the view-ready log line', () => /Chat view ready \d+ ms/.test(fs.readFileSync(logFile, 'utf8')));
    const ready = /Chat view ready (\d+) ms/.exec(fs.readFileSync(logFile, 'utf8'))?.[1];
    console.log(`      P7: chat view ready ${ready} ms after it was shown (extension log); ${Date.now() - revealedAt} ms until the harness saw an enabled Send button`);
    const { req, answer } = await sendPrompt('hello from the e2e test');
    // Text must show while the server is still sending (no buffering until the end).
    await waitUntil('partial text while streaming', async () => {
      const t = (await answer.textContent()) ?? '';
      return t.length > 0 && req.responseFinishedAt === undefined;
    });
    const partial = (await answer.textContent()) ?? '';
    assert.ok(partial.length < 'one two three four five six seven eight nine ten'.length, `partial "${partial}"`);
    await screenshot(page, '03-streaming');
    await waitUntil('the full answer', async () => ((await answer.textContent()) ?? '').trim() === 'one two three four five six seven eight nine ten', 30_000);
    assert.equal(req.headers['authorization'], `Bearer ${CANARY_KEY}`);
    // S1: the workspace's .vscode/settings.json redirect was ignored; the capture server saw nothing.
    assert.equal(capture.requests.length, 0, 'a workspace setting redirected provider traffic');
    await chat.locator('[data-testid="answer"] [data-testid="route"]').last().waitFor({ timeout: 10_000 });
    await screenshot(page, '04-answered');
  });

  it('shows the session tokens and cost in the status bar after the answer', async function () {
    this.timeout(30_000);
    const req = fp.requests[fp.requests.length - 1];
    assert.ok(req);
    const usage = fp.expectedAnswer(req.body, 'openai', { kind: 'answer', text: 'one two three four five six seven eight nine ten' }).usage;
    const tokens = usage.promptTokens + usage.completionTokens;
    const cost = (usage.promptTokens * 1 + usage.completionTokens * 2) / 1e6;
    await waitUntil('tokens in the status bar', async () => (await statusBarText(page, STATUS_ID)).includes(`${tokens} tok`));
    const text = await statusBarText(page, STATUS_ID);
    assert.match(text, /fast/);
    // S7: priced with the user's deployment, not the workspace's `price: 0` copy.
    assert.ok(cost > 0 && text.includes(formatUsd(cost)), text);
    await screenshot(page, '05-status-bar');
  });

  it('Stop mid-stream closes the upstream socket', async function () {
    this.timeout(60_000);
    fp.setDefault({ kind: 'answer', text: Array.from({ length: 60 }, (_, i) => `w${i}`).join(' '), interChunkDelayMs: 300 });
    const { req, answer } = await sendPrompt('a long answer please');
    await waitUntil('first chunk', async () => ((await answer.textContent()) ?? '').length > 0);
    const clickedAt = Date.now();
    await chat.locator('#stop').click();
    await fp.waitForClose(req.id, 5_000);
    assert.ok(req.clientAborted, 'the server saw the client close the request before the end');
    assert.ok(req.closedAt !== undefined && req.closedAt - clickedAt < 2_000, `socket closed ${String((req.closedAt ?? 0) - clickedAt)} ms after Stop`);
    await chat.locator('.message.assistant[data-status="cancelled"]').last().waitFor({ timeout: 10_000 });
    await screenshot(page, '06-stopped');
  });

  it('never shows the key in settings.json, the output channel log or the webview DOM', async function () {
    this.timeout(30_000);
    const settingsFile = path.join(profilePaths(profileDir).userDataDir, 'User', 'settings.json');
    const settings = fs.readFileSync(settingsFile, 'utf8');
    assert.match(settings, /switchboard\.providers/, 'read the real settings file');
    assert.ok(!settings.includes(CANARY_KEY), 'key found in settings.json');
    const logFile = await outputChannelLogFile(profileDir, 'Switchboard');
    const log = fs.readFileSync(logFile, 'utf8');
    assert.match(log, /\[ok\] alias=fast deployment=fake-mini/, 'the log has one line per record');
    assert.ok(!log.includes(CANARY_KEY), 'key found in the output channel log');
    assert.ok(!log.includes('hello from the e2e test'), 'prompts never go to the log');
    const dom = await chat.content();
    assert.match(dom, /one two three/, 'read the real webview DOM');
    assert.ok(!dom.includes(CANARY_KEY), 'key found in the webview DOM');
    assert.ok(!(await page.content()).includes(CANARY_KEY), 'key found in the workbench DOM');
  });

  it('"New chat" during an answer: the next request carries nothing of the old conversation', async function () {
    this.timeout(60_000);
    fp.setDefault({ kind: 'answer', text: Array.from({ length: 60 }, (_, i) => `x${i}`).join(' '), interChunkDelayMs: 200 });
    const { req: old, answer, before } = await sendPrompt('old conversation');
    await waitUntil('first chunk', async () => ((await answer.textContent()) ?? '').length > 0);
    await runCommand(page, 'Switchboard: New Chat');
    await fp.waitForClose(old.id, 5_000);
    await waitUntil('the cleared transcript', async () => (await chat.locator('.message').count()) === 0);
    // Give the aborted request time to finish: its partial answer must not land in the new conversation.
    await new Promise((r) => setTimeout(r, 1_000));
    fp.setDefault({ kind: 'answer', text: 'fresh start' });
    await chat.locator('#prompt').click();
    await page.keyboard.type('new conversation');
    await page.keyboard.press('Enter');
    await fp.waitForRequests(before + 2, 15_000);
    const body = fp.requests[before + 1]?.body as { messages?: Array<{ role: string; content: unknown }> };
    assert.deepEqual(body.messages?.map((m) => `${m.role}: ${String(m.content)}`), ['user: new conversation']);
    await waitUntil('the fresh answer', async () => ((await chat.locator('.message.assistant .answer-text').last().textContent()) ?? '').trim() === 'fresh start');
  });
});
