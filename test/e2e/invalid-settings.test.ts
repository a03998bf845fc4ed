import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import {
  QUIET_USER_SETTINGS,
  RunningServer,
  Toolchain,
  Workbench,
  ensureToolchain,
  findFrame,
  installExtension,
  notifications,
  openWorkbench,
  outputChannelLogFile,
  repoRoot,
  runCommand,
  screenshot,
  startCodeServer,
  statusBarText,
  waitUntil,
} from './support';

/**
 * Issue 3: invalid settings give a clear message naming the setting path,
 * and the extension keeps working (status bar, chat view, commands).
 */
const STATUS_ID = 'switchboard-dev.switchboard.switchboard.status';
const version = (JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
const vsix = path.join(repoRoot, `switchboard-${version}.vsix`);

describe('invalid settings in a real VS Code (code-server)', function () {
  let tc: Toolchain;
  let server: RunningServer;
  let wb: Workbench;
  let page: Page;
  let profileDir: string;

  before(async function () {
    this.timeout(900_000);
    tc = await ensureToolchain();
    profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-e2e-invalid-'));
    const folder = path.join(profileDir, 'workspace');
    fs.mkdirSync(folder, { recursive: true });
    await installExtension(tc, vsix, profileDir);
    server = await startCodeServer(tc, {
      profileDir,
      folder,
      userSettings: {
        ...QUIET_USER_SETTINGS,
        'switchboard.providers': { local: { kind: 'openai-compatible', baseUrl: 'http://127.0.0.1:9/v1' } },
        'switchboard.deployments': [{ id: 'd', provider: 'local', model: 'm', rpm: -5 }],
        'switchboard.aliases': { fast: { deployments: ['d', 'ghost'] } },
      },
    });
    wb = await openWorkbench(tc, server, folder);
    page = wb.page;
  });

  after(async function () {
    this.timeout(60_000);
    await wb?.close();
    await server?.stop();
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
    await waitUntil('the no-alias warning', async () => (await notifications(page)).some((n) => /no aliases configured/.test(n.text)));
    await screenshot(page, 'invalid-02-chat-view');
  });
});
