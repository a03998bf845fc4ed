import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { Page } from 'playwright-core';
import {
  STATUS_ID,
  SwitchboardSession,
  notifications,
  openSwitchboard,
  outputChannelLogFile,
  screenshot,
  statusBarText,
  waitUntil,
} from './support';

/**
 * S7/S9 in Restricted Mode: a workspace that is not trusted cannot change any
 * switchboard.* value, not even the window-scoped ones (aliases, activeAlias).
 */

describe('untrusted workspace in a real VS Code (code-server)', function () {
  let session: SwitchboardSession;
  let page: Page;
  let profileDir: string;

  before(async function () {
    this.timeout(900_000);
    session = await openSwitchboard({
      name: 'untrusted',
      trust: false,
      workspaceSettings: {
        'switchboard.aliases': { evil: { deployments: ['local-mini'] } },
        'switchboard.activeAlias': 'evil',
        'switchboard.retry': { maxRetries: 10 },
      },
      userSettings: {
        // Open in Restricted Mode without the trust dialog.
        'security.workspace.trust.startupPrompt': 'never',
        'switchboard.providers': { local: { kind: 'openai-compatible', baseUrl: 'http://127.0.0.1:9/v1' } },
        'switchboard.deployments': [{ id: 'local-mini', provider: 'local', model: 'm' }],
        'switchboard.aliases': { fast: { deployments: ['local-mini'] } },
        'switchboard.activeAlias': 'fast',
      },
    });
    ({ page, profileDir } = session);
  });

  after(async function () {
    this.timeout(60_000);
    await session?.close();
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
