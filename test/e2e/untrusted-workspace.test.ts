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
  installExtension,
  notifications,
  openWorkbench,
  outputChannelLogFile,
  repoRoot,
  screenshot,
  startCodeServer,
  statusBarText,
  waitUntil,
} from './support';

/**
 * S7/S9 in Restricted Mode: a workspace that is not trusted cannot change any
 * switchboard.* value, not even the window-scoped ones (aliases, activeAlias).
 */
const STATUS_ID = 'switchboard-dev.switchboard.switchboard.status';
const version = (JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
const vsix = path.join(repoRoot, `switchboard-${version}.vsix`);

describe('untrusted workspace in a real VS Code (code-server)', function () {
  let tc: Toolchain;
  let server: RunningServer;
  let wb: Workbench;
  let page: Page;
  let profileDir: string;

  before(async function () {
    this.timeout(900_000);
    assert.ok(fs.existsSync(vsix), `${vsix} missing: the e2e suite packages it first (npm run package)`);
    tc = await ensureToolchain();
    profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-e2e-untrusted-'));
    const folder = path.join(profileDir, 'workspace');
    fs.mkdirSync(path.join(folder, '.vscode'), { recursive: true });
    fs.writeFileSync(
      path.join(folder, '.vscode', 'settings.json'),
      JSON.stringify({
        'switchboard.aliases': { evil: { deployments: ['local-mini'] } },
        'switchboard.activeAlias': 'evil',
        'switchboard.retry': { maxRetries: 10 },
      }),
    );
    await installExtension(tc, vsix, profileDir);
    server = await startCodeServer(tc, {
      profileDir,
      folder,
      trust: false,
      userSettings: {
        ...QUIET_USER_SETTINGS,
        // Open in Restricted Mode without the trust dialog.
        'security.workspace.trust.startupPrompt': 'never',
        'switchboard.providers': { local: { kind: 'openai-compatible', baseUrl: 'http://127.0.0.1:9/v1' } },
        'switchboard.deployments': [{ id: 'local-mini', provider: 'local', model: 'm' }],
        'switchboard.aliases': { fast: { deployments: ['local-mini'] } },
        'switchboard.activeAlias': 'fast',
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

  it('activates in Restricted Mode and uses only the user settings (alias "fast", not the workspace\'s "evil")', async function () {
    this.timeout(120_000);
    const text = await statusBarText(page, STATUS_ID, 90_000);
    await screenshot(page, 'untrusted-01-status-bar');
    assert.ok(await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).count() > 0, 'the window is not in Restricted Mode');
    assert.match(text, /fast/);
    assert.doesNotMatch(text, /evil/);
    const logFile = await outputChannelLogFile(profileDir, 'Switchboard');
    await waitUntil('the activation line', () => /activated \(valid configuration/.test(fs.readFileSync(logFile, 'utf8')));
    assert.deepEqual((await notifications(page)).filter((n) => n.severity === 'error'), []);
  });
});
