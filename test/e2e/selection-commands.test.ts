import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import { FakeProvider, RecordedRequest, startFakeProvider } from '../support/fake-provider';
import { STATUS_ID, SwitchboardSession, findFrame, notifications, openSwitchboard, runCommand, screenshot, statusBarText, waitUntil } from './support';

/**
 * Commands on the selection in a real VS Code (issue 10, S6): answers stream into
 * the chat with a chip, edits arrive as a diff and change nothing until accepted,
 * templates from settings run through their alias, the TypeScript quick fix offers
 * "Fix with Switchboard", and the spending report lists spend by command.
 */
const CALC = [
  'export function add(a: number, b: number): number {',
  '  return a - b;',
  '}',
  '',
  'export function broken(): number {',
  "  const n: number = 'not a number';",
  '  return n;',
  '}',
  '',
].join('\n');
const FIXED_ADD = 'export function add(a: number, b: number): number {\n  return a + b;\n}';
const FIX_ANSWER = `The operator was wrong:\n\n\`\`\`typescript\n${FIXED_ADD}\n\`\`\`\n\nIt now adds.`;
const TESTS_CODE = "import { add } from './calc';\n\ndescribe('add', () => {\n  it('adds', () => {\n    expect(add(2, 3)).toBe(5);\n  });\n});";

interface Body {
  model: string;
  messages: Array<{ role: string; content: string }>;
}

function lastUser(req: RecordedRequest | undefined): string {
  const body = req?.body as Body | undefined;
  return body?.messages.filter((m) => m.role === 'user').pop()?.content ?? '';
}

describe('commands on the selection in a real VS Code (code-server)', function () {
  let session: SwitchboardSession;
  let fp: FakeProvider;
  let page: Page;
  let calcFile: string;

  before(async function () {
    this.timeout(900_000);
    fp = await startFakeProvider({ wordsPerChunk: 1 });
    session = await openSwitchboard({
      name: 'selection',
      userSettings: {
        'switchboard.providers': { fake: { kind: 'openai-compatible', baseUrl: fp.openaiBaseUrl } },
        'switchboard.deployments': [
          { id: 'fake-mini', provider: 'fake', model: 'fake-model', price: { inputPerMTok: 1, outputPerMTok: 2 } },
          { id: 'fake-smart', provider: 'fake', model: 'fake-smart-model', price: { inputPerMTok: 3, outputPerMTok: 6 } },
          { id: 'fake-tiny', provider: 'fake', model: 'fake-tiny-model', contextWindow: 40, price: { inputPerMTok: 1, outputPerMTok: 1 } },
        ],
        'switchboard.aliases': { fast: { deployments: ['fake-mini'] }, smart: { deployments: ['fake-smart'] }, tiny: { deployments: ['fake-tiny'] } },
        'switchboard.activeAlias': 'fast',
        'files.autoSave': 'off',
        'switchboard.prompts': [
          { name: 'Translate to Go', template: 'Translate {{selection}} from {{language}} ({{file}}) to Go.', alias: 'smart' },
          { name: 'Summarize on tiny', template: 'Summarize {{selection}}.', alias: 'tiny' },
          { name: 'Broken prompt', template: 'Do {{nonsense}} with {{selection}}' },
        ],
      },
    });
    page = session.page;
    fs.mkdirSync(path.join(session.folder, 'src'), { recursive: true });
    calcFile = path.join(session.folder, 'src', 'calc.ts');
    fs.writeFileSync(calcFile, CALC);
    // Plain text: no symbol provider, so a command without a selection takes the current line.
    fs.writeFileSync(path.join(session.folder, 'notes.txt'), 'first line\nthe second line, about add\nthird line\n');
    // Text with control characters (no NUL, so VS Code opens it as text): a binary selection.
    fs.writeFileSync(path.join(session.folder, 'blob.txt'), `head${'\u0001\u0002\u0003\u0004\u0005\u0006'.repeat(20)}tail\n`);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(page, `selection-failed-${this.currentTest.title.slice(0, 40)}`);
  });

  after(async function () {
    this.timeout(60_000);
    await session?.close();
    await fp?.close();
  });

  async function chat(): Promise<Frame> {
    return findFrame(page, '#prompt', 30_000);
  }

  /**
   * Shows src/calc.ts through Quick Open and focuses its editor, found by its document (other
   * editors — calc.test.ts, a proposal diff — may be in the DOM too); retried until calc.ts has focus.
   */
  async function openCalc(): Promise<void> {
    const editor = page.locator('.editor-instance .monaco-editor[data-uri$="/src/calc.ts"]:not(.monaco-diff-editor *) .view-lines').first();
    const focused = page.locator('.monaco-editor.focused[data-uri$="/src/calc.ts"]');
    // Each step may be cut short (Quick Open closed under it, the workbench briefly inert): try again.
    const attempt = async (): Promise<boolean> => {
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+P');
      const input = page.locator('.quick-input-widget .quick-input-box input');
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      await input.fill('calc.ts', { timeout: 10_000 });
      // The exact row: once calc.test.ts exists, Quick Open may rank it first.
      await page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: /^\s*calc\.ts\s*$/ }) }).first().click({ timeout: 10_000 });
      await editor.click({ timeout: 5_000 });
      return (await focused.count()) > 0;
    };
    await waitUntil('calc.ts open and focused', () => attempt().catch(() => false), 90_000, 0);
  }

  /** Selects lines 1..n (ending at the start of line n+1) in the focused editor. */
  async function selectFirstLines(n: number): Promise<void> {
    await page.keyboard.press('Control+Home');
    for (let i = 0; i < n; i++) await page.keyboard.press('Shift+ArrowDown');
  }

  /** The text the active (non-diff) editor shows. */
  async function editorText(): Promise<string> {
    const text = await page.locator('.editor-instance .monaco-editor:not(.monaco-diff-editor *) .view-lines').first().innerText();
    return text.replace(/\u00a0/g, ' ');
  }

  /**
   * Runs a palette command without the shared helper's leading Escape: in an editor,
   * Escape clears the selection the command is meant to work on.
   */
  async function runOnSelection(title: string): Promise<void> {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill(`>${title}`);
    const row = page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) }) }).first();
    await row.waitFor({ state: 'visible', timeout: 15_000 });
    await row.click();
  }

  /** Opens the Quick Fix menu (Ctrl+.; under load the key is sometimes lost, then the light bulb is clicked) and returns the row. */
  async function quickFixRow(label: string): Promise<Locator> {
    const row = page.locator('.action-widget .monaco-list-row', { hasText: label }).first();
    await page.keyboard.press('Control+.');
    try {
      await row.waitFor({ timeout: 5_000 });
    } catch {
      await page.locator('.lightBulbWidget').first().click();
      await row.waitFor({ timeout: 30_000 });
    }
    return row;
  }

  async function answerCount(frame: Frame): Promise<number> {
    return frame.locator('[data-testid="answer"]').count();
  }

  /** Waits for the newest answer to end and returns its status. */
  async function lastAnswerStatus(frame: Frame, timeoutMs = 30_000): Promise<string> {
    const answer = frame.locator('[data-testid="answer"]').last();
    // The status that ended the wait, not a second read: `.last()` may be a newer answer by then.
    let status = '';
    await waitUntil('the answer to end', async () => {
      status = (await answer.getAttribute('data-status')) ?? 'streaming';
      return status !== 'streaming';
    }, timeoutMs);
    return status;
  }

  async function diffTabVisible(titlePart: string): Promise<boolean> {
    return (await page.locator('.tab', { hasText: titlePart }).count()) > 0;
  }

  /** Fix on lines 1-3 of calc.ts, answered with FIX_ANSWER, until its proposal diff shows. */
  async function proposeFix(): Promise<void> {
    await openCalc();
    await selectFirstLines(3);
    fp.enqueue({ kind: 'answer', text: FIX_ANSWER });
    await runOnSelection('Switchboard: Fix');
    await waitUntil('the proposal diff', () => diffTabVisible('Switchboard: Fix (proposal)'), 30_000);
  }

  it('activates, and names the unknown placeholder of an invalid prompt template', async function () {
    this.timeout(120_000);
    assert.match(await statusBarText(page, STATUS_ID, 90_000), /fast/);
    await waitUntil('the template error', async () => (await notifications(page)).some((n) => n.severity === 'error' && n.text.includes('{{nonsense}}') && n.text.includes('Broken prompt')), 30_000);
    await screenshot(page, 'selection-01-template-error');
  });

  it('Explain from the editor context menu streams the answer into the chat with the selection as a chip', async function () {
    this.timeout(120_000);
    await openCalc();
    await selectFirstLines(3);
    const before = fp.requests.length;
    fp.enqueue({ kind: 'answer', text: 'It subtracts b from a although it is called add .', interChunkDelayMs: 150 });
    // The editor's context menu from the keyboard (a right click would move the cursor and drop the selection).
    await page.keyboard.press('Shift+F10');
    const submenu = page.locator('.monaco-menu .action-item', { hasText: /^Switchboard$/ }).first();
    await submenu.waitFor({ timeout: 15_000 });
    await submenu.hover();
    const explain = page.locator('.monaco-menu .action-item', { hasText: /^Explain/ }).first();
    await explain.waitFor({ timeout: 15_000 });
    await screenshot(page, 'selection-02-context-menu');
    await explain.click();
    await fp.waitForRequests(before + 1, 30_000);
    const frame = await chat();
    const answer = frame.locator('[data-testid="answer"]').last();
    await waitUntil('partial text while streaming', async () => (await answer.getAttribute('data-status')) === 'streaming' && ((await answer.textContent()) ?? '').length > 0);
    const chip = frame.locator('[data-testid="chip"]').last();
    assert.match((await chip.textContent()) ?? '', /calc\.ts:1-3/);
    assert.match((await chip.textContent()) ?? '', /typescript/);
    await screenshot(page, 'selection-03-explain-streaming');
    assert.equal(await lastAnswerStatus(frame), 'ok');
    assert.match((await answer.textContent()) ?? '', /although it is called add/);
    const sent = lastUser(fp.requests[before]);
    assert.match(sent, /^Explain the attached code \(src\/calc\.ts, lines 1-3, typescript\)/);
    assert.ok(sent.includes('```typescript\nexport function add(a: number, b: number): number {\n  return a - b;\n}\n```'), sent);
  });

  it('Fix opens a diff and changes nothing; Accept (editor title) applies it and one Undo restores the original', async function () {
    this.timeout(120_000);
    await openCalc();
    await selectFirstLines(3);
    fp.enqueue({ kind: 'answer', text: FIX_ANSWER });
    const before = fp.requests.length;
    await runOnSelection('Switchboard: Fix');
    await fp.waitForRequests(before + 1, 30_000);
    assert.match(lastUser(fp.requests[before]), /complete replacement for the attached code \(src\/calc\.ts, lines 1-3\)/);
    // The earlier Explain turn is not sent again: a command's request is its prompt and code only.
    assert.equal((fp.requests[before]?.body as Body).messages.length, 1);
    await waitUntil('the proposal diff', () => diffTabVisible('Switchboard: Fix (proposal)'), 30_000);
    await page.locator('.monaco-diff-editor').first().waitFor({ timeout: 15_000 });
    const frame = await chat();
    await frame.locator('[data-testid="answer"]').last().locator('button', { hasText: 'Accept' }).waitFor({ timeout: 15_000 });
    await screenshot(page, 'selection-04-fix-diff');
    assert.equal(fs.readFileSync(calcFile, 'utf8'), CALC, 'the file on disk changed before Accept');
    await page.locator('.tab', { hasText: /^calc\.ts/ }).first().click();
    assert.match(await editorText(), /return a - b;/, 'the editor changed before Accept');
    await page.locator('.tab', { hasText: 'Switchboard: Fix (proposal)' }).first().click();
    const accept = page.locator('.editor-actions .action-label[aria-label*="Accept Proposed Edit"]').first();
    await accept.click();
    await waitUntil('the diff to close', async () => !(await diffTabVisible('Switchboard: Fix (proposal)')));
    await waitUntil('the fix in the editor', async () => /return a \+ b;/.test(await editorText()));
    assert.equal(fs.readFileSync(calcFile, 'utf8'), CALC, 'Accept must not save the file behind the user\'s back');
    await frame.locator('[data-testid="answer"]', { hasText: 'one Undo restores the original' }).last().waitFor({ timeout: 10_000 });
    await screenshot(page, 'selection-05-fix-accepted');
    await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+Z');
    await waitUntil('the original text after one undo', async () => /return a - b;/.test(await editorText()));
    assert.doesNotMatch(await editorText(), /a \+ b/);
  });

  it('Reject in the chat leaves the code unchanged', async function () {
    this.timeout(120_000);
    await proposeFix();
    const frame = await chat();
    await frame.locator('[data-testid="answer"]').last().locator('button', { hasText: 'Reject' }).click();
    await waitUntil('the diff to close', async () => !(await diffTabVisible('Switchboard: Fix (proposal)')));
    await frame.locator('[data-testid="answer"]', { hasText: 'Rejected: nothing was changed.' }).last().waitFor({ timeout: 10_000 });
    await page.locator('.tab', { hasText: /^calc\.ts/ }).first().click();
    assert.match(await editorText(), /return a - b;/);
    assert.equal(fs.readFileSync(calcFile, 'utf8'), CALC);
  });

  it('Accept refuses when the code in that range was edited after the proposal', async function () {
    this.timeout(120_000);
    await proposeFix();
    await openCalc();
    // Line 2: "  return a - b;" becomes "  return a - b; // mine".
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    await page.keyboard.type(' // mine');
    const frame = await chat();
    await frame.locator('[data-testid="answer"]').last().locator('button', { hasText: 'Accept' }).click();
    await waitUntil('the refusal', async () => (await notifications(page)).some((n) => /changed in the proposed range/.test(n.text) && /again on the current code/.test(n.text)), 15_000);
    await screenshot(page, 'selection-06-stale-refused');
    assert.match(await editorText(), /return a - b; \/\/ mine/);
    assert.doesNotMatch(await editorText(), /a \+ b/);
    const rerun = frame.locator('[data-testid="answer"]', { hasText: 'Not applied' }).last().locator('button', { hasText: 'Re-run' });
    await rerun.waitFor({ timeout: 10_000 });
    // Re-run sends the same command on the code as it is now (the user's edit included) and proposes again.
    fp.enqueue({ kind: 'answer', text: FIX_ANSWER });
    const before = fp.requests.length;
    await rerun.click();
    await fp.waitForRequests(before + 1, 30_000);
    const resent = lastUser(fp.requests[before]);
    assert.match(resent, /complete replacement for the attached code \(src\/calc\.ts, lines 1-3\)/);
    assert.ok(resent.includes('return a - b; // mine'), resent);
    await waitUntil('the new proposal diff', () => diffTabVisible('Switchboard: Fix (proposal)'), 30_000);
    await frame.locator('[data-testid="answer"]').last().locator('button', { hasText: 'Reject' }).click();
    await waitUntil('the diff to close', async () => !(await diffTabVisible('Switchboard: Fix (proposal)')));
    await page.locator('.tab', { hasText: /^calc\.ts/ }).first().click();
    // Put the file back as it was for the next tests (the click on Accept left the focus in the chat).
    await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
    // Typing may leave more than one undo stop (VS Code splits at whitespace): undo until line 2 is as before.
    await waitUntil('the edit undone', async () => {
      if (/^ {2}return a - b;$/m.test(await editorText())) return true;
      await page.keyboard.press('Control+Z');
      return false;
    }, 20_000, 300);
  });

  it('without a selection, Explain takes the enclosing function, and in a plain text file the current line', async function () {
    this.timeout(120_000);
    await openCalc();
    // The cursor on line 6, inside broken() (lines 5-8), nothing selected.
    await page.keyboard.press('Control+Home');
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowDown');
    const frame = await chat();
    let answers = await answerCount(frame);
    fp.enqueue({ kind: 'answer', text: 'It assigns a string to a number.' });
    let before = fp.requests.length;
    await runOnSelection('Switchboard: Explain');
    await fp.waitForRequests(before + 1, 30_000);
    let sent = lastUser(fp.requests[before]);
    assert.ok(sent.includes("export function broken(): number {\n  const n: number = 'not a number';\n  return n;\n}"), sent);
    assert.doesNotMatch(sent, /export function add/);
    await waitUntil('the new answer', async () => (await answerCount(frame)) > answers);
    assert.equal(await lastAnswerStatus(frame), 'ok');
    assert.match((await frame.locator('[data-testid="chip"]').last().textContent()) ?? '', /calc\.ts:5-8/);
    await frame.locator('text=no selection: the enclosing function broken, lines 5-8').last().waitFor({ timeout: 10_000 });

    // A language without symbols: the line under the cursor.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill('notes.txt');
    await page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: /^\s*notes\.txt\s*$/ }) }).first().click({ timeout: 15_000 });
    await page.locator('.tab.active', { hasText: /^notes\.txt/ }).waitFor({ timeout: 15_000 });
    await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowDown');
    answers = await answerCount(frame);
    fp.enqueue({ kind: 'answer', text: 'A note about add.' });
    before = fp.requests.length;
    await runOnSelection('Switchboard: Explain');
    await fp.waitForRequests(before + 1, 30_000);
    sent = lastUser(fp.requests[before]);
    assert.ok(sent.includes('the second line, about add'), sent);
    assert.doesNotMatch(sent, /first line|third line/);
    await waitUntil('the new answer', async () => (await answerCount(frame)) > answers);
    assert.equal(await lastAnswerStatus(frame), 'ok');
    await frame.locator('text=no selection: line 2').last().waitFor({ timeout: 10_000 });
    assert.match((await frame.locator('[data-testid="chip"]').last().textContent()) ?? '', /notes\.txt:2plaintext/, 'one line reads "notes.txt:2", not "2-2"');
    await screenshot(page, 'selection-06b-no-selection-line');
  });

  it('an answer without a code block proposes no edit and says so in the chat', async function () {
    this.timeout(90_000);
    await openCalc();
    await selectFirstLines(3);
    fp.enqueue({ kind: 'answer', text: 'I would just flip the minus to a plus.' });
    const frame = await chat();
    await runOnSelection('Switchboard: Refactor');
    await frame.locator('[data-testid="answer"]', { hasText: 'No edit proposed: the answer has no code block to apply.' }).last().waitFor({ timeout: 30_000 });
    assert.equal(await diffTabVisible('(proposal)'), false);
  });

  it('Add Docs by its default key opens a diff that Reject (editor title) closes; the light bulb offers "Explain with Switchboard" on a selection', async function () {
    this.timeout(120_000);
    await openCalc();
    await selectFirstLines(3);
    fp.enqueue({ kind: 'answer', text: `\`\`\`ts\n/** Adds two numbers. */\n${FIXED_ADD}\n\`\`\`` });
    const before = fp.requests.length;
    await page.keyboard.press('Control+Shift+Alt+D');
    await fp.waitForRequests(before + 1, 30_000);
    assert.match(lastUser(fp.requests[before]), /^Add documentation comments to the attached code \(src\/calc\.ts, lines 1-3, typescript\)/);
    await waitUntil('the proposal diff', () => diffTabVisible('Switchboard: Add Docs (proposal)'), 30_000);
    await page.locator('.editor-actions .action-label[aria-label*="Reject Proposed Edit"]').first().click();
    await waitUntil('the diff to close', async () => !(await diffTabVisible('Switchboard: Add Docs (proposal)')));
    const frame = await chat();
    await frame.locator('[data-testid="answer"]', { hasText: 'Rejected: nothing was changed.' }).last().waitFor({ timeout: 10_000 });
    await page.locator('.tab', { hasText: /^calc\.ts/ }).first().click();
    assert.doesNotMatch(await editorText(), /Adds two numbers/);
    await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
    await selectFirstLines(3);
    await quickFixRow('Explain with Switchboard');
    await page.keyboard.press('Escape');
  });

  it('Ask About Selection… sends the typed question with the code', async function () {
    this.timeout(90_000);
    await openCalc();
    await selectFirstLines(3);
    fp.enqueue({ kind: 'answer', text: 'Because it subtracts.' });
    const before = fp.requests.length;
    const answers = await answerCount(await chat());
    await runOnSelection('Switchboard: Ask About Selection…');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Ask About Selection' }).waitFor({ timeout: 15_000 });
    await input.fill('Why does add return -1 for (1, 2)?');
    await page.keyboard.press('Enter');
    await fp.waitForRequests(before + 1, 30_000);
    assert.match(lastUser(fp.requests[before]), /^Why does add return -1 for \(1, 2\)\?\n\n\(About the attached code: src\/calc\.ts, lines 1-3, typescript\.\)/);
    const frame = await chat();
    await waitUntil('the new answer', async () => (await answerCount(frame)) > answers);
    assert.equal(await lastAnswerStatus(frame), 'ok');
    // The user's turn shows the question (by text: the chat's markup for turns is not a test hook).
    await frame.getByText('Ask: Why does add return -1 for (1, 2)?').last().waitFor({ timeout: 10_000 });
  });

  it('a selection of binary data gets a clear message and no request', async function () {
    this.timeout(90_000);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill('blob.txt');
    const row = page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: /^\s*blob\.txt\s*$/ }) }).first();
    await row.waitFor({ timeout: 15_000 });
    await row.click();
    await page.locator('.tab.active', { hasText: 'blob.txt' }).waitFor({ timeout: 15_000 });
    await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+A');
    const before = fp.requests.length;
    await runOnSelection('Switchboard: Explain');
    await waitUntil('the binary warning', async () => (await notifications(page)).some((n) => n.severity === 'warning' && /looks like binary data/.test(n.text)), 15_000);
    assert.equal(fp.requests.length, before, 'the provider got a request');
  });

  it('Write Tests proposes src/calc.test.ts and creates it only after Accept', async function () {
    this.timeout(120_000);
    await openCalc();
    await selectFirstLines(3);
    fp.enqueue({ kind: 'answer', text: `\`\`\`ts\n${TESTS_CODE}\n\`\`\`\nCovers add.` });
    const before = fp.requests.length;
    await runOnSelection('Switchboard: Write Tests');
    await fp.waitForRequests(before + 1, 30_000);
    assert.match(lastUser(fp.requests[before]), /saved as a new file, src\/calc\.test\.ts/);
    await waitUntil('the new-file proposal', () => diffTabVisible('src/calc.test.ts (new file)'), 30_000);
    const testFile = path.join(session.folder, 'src', 'calc.test.ts');
    await screenshot(page, 'selection-07-write-tests-proposal');
    assert.equal(fs.existsSync(testFile), false, 'the test file exists before Accept');
    const frame = await chat();
    await frame.locator('[data-testid="answer"]').last().locator('button', { hasText: 'Accept' }).click();
    await waitUntil('the test file on disk', () => fs.existsSync(testFile), 15_000);
    assert.equal(fs.readFileSync(testFile, 'utf8'), `${TESTS_CODE}\n`);
    await page.locator('.tab.active', { hasText: 'calc.test.ts' }).waitFor({ timeout: 15_000 });
  });

  it('"Switchboard: Run Prompt…" offers the valid templates and answers through the template\'s alias', async function () {
    this.timeout(120_000);
    await openCalc();
    await selectFirstLines(3);
    fp.enqueue({ kind: 'answer', text: 'func add(a, b int) int { return a - b }' });
    const before = fp.requests.length;
    await runOnSelection('Switchboard: Run Prompt…');
    const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Switchboard: Run Prompt' }).waitFor({ timeout: 15_000 });
    await rows.first().waitFor({ timeout: 15_000 });
    const listed = await page.locator('.quick-input-widget .quick-input-list').innerText();
    assert.match(listed, /Translate to Go/);
    assert.doesNotMatch(listed, /Broken prompt/);
    await screenshot(page, 'selection-08-run-prompt');
    await rows.filter({ hasText: 'Translate to Go' }).first().click();
    await fp.waitForRequests(before + 1, 30_000);
    const req = fp.requests[before];
    assert.equal((req?.body as Body).model, 'fake-smart-model', 'the template\'s alias "smart" was not used');
    assert.match(lastUser(req), /^Translate the attached code \(src\/calc\.ts, lines 1-3\) from typescript \(src\/calc\.ts\) to Go\./);
    const frame = await chat();
    assert.equal(await lastAnswerStatus(frame), 'ok');
    assert.match((await frame.locator('[data-testid="chip"]').last().textContent()) ?? '', /calc\.ts:1-3/);
  });

  it('a selection larger than the alias\'s context window gets a clear message and no request', async function () {
    this.timeout(120_000);
    await openCalc();
    await page.keyboard.press('Control+A');
    const before = fp.requests.length;
    const frame = await chat();
    const answers = await answerCount(frame);
    await runOnSelection('Switchboard: Run Prompt…');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Switchboard: Run Prompt' }).waitFor({ timeout: 15_000 });
    await page.locator('.quick-input-widget .quick-input-list .monaco-list-row').filter({ hasText: 'Summarize on tiny' }).first().click();
    await waitUntil('a new answer', async () => (await answerCount(frame)) > answers, 30_000);
    assert.equal(await lastAnswerStatus(frame), 'error');
    assert.match((await frame.locator('[data-testid="answer"]').last().textContent()) ?? '', /larger than the context window of every deployment of "tiny"/);
    assert.equal(fp.requests.length, before, 'the provider got a request');
    await screenshot(page, 'selection-09-too-large');
  });

  it('a TypeScript error offers "Fix with Switchboard", whose prompt carries the diagnostic', async function () {
    this.timeout(180_000);
    await openCalc();
    // Line 6 holds `const n: number = 'not a number';` — the built-in TypeScript extension reports TS2322.
    await page.locator('.editor-instance .monaco-editor .squiggly-error').first().waitFor({ timeout: 120_000 });
    await page.keyboard.press('Control+G');
    await page.keyboard.type('6:9');
    await page.keyboard.press('Enter');
    fp.enqueue({ kind: 'answer', text: "```ts\nexport function broken(): number {\n  const n: number = 42;\n  return n;\n}\n```" });
    const before = fp.requests.length;
    const item = await quickFixRow('Fix with Switchboard');
    await screenshot(page, 'selection-10-quick-fix');
    await item.click();
    await fp.waitForRequests(before + 1, 30_000);
    const sent = lastUser(fp.requests[before]);
    assert.match(sent, /ts\(2322\): Type 'string' is not assignable to type 'number'/);
    assert.match(sent, /src\/calc\.ts, lines 5-8/, 'the quick fix works on the enclosing function');
    const frame0 = await chat();
    // The chat says which code was used without a selection.
    await frame0.getByText('no selection: the enclosing function broken, lines 5-8').last().waitFor({ timeout: 10_000 });
    await waitUntil('the proposal diff', () => diffTabVisible('(proposal)'), 30_000);
    const frame = await chat();
    await frame.locator('[data-testid="answer"]').last().locator('button', { hasText: 'Reject' }).click();
    await waitUntil('the diff to close', async () => !(await diffTabVisible('(proposal)')));
  });

  it('"Switchboard: Show Spending" lists the spend of each command by origin', async function () {
    this.timeout(60_000);
    await runCommand(page, 'Switchboard: Show Spending');
    // The cost report webview: its by-origin table has a row per command.
    const report = await findFrame(page, '#by-origin', 30_000);
    const rows = report.locator('#by-origin tbody tr');
    await waitUntil('the origin rows', async () => (await rows.allInnerTexts()).some((t) => t.includes('command:quickfix')), 20_000);
    const text = (await rows.allInnerTexts()).join('\n');
    await screenshot(page, 'selection-11-spending-by-origin');
    for (const origin of ['command:explainSelection', 'command:fixSelection', 'command:refactorSelection', 'command:writeTests', 'command:template:Translate to Go', 'command:quickfix']) {
      assert.ok(text.includes(origin), `${origin} missing from:\n${text}`);
    }
    await page.keyboard.press('Escape');
  });
});
