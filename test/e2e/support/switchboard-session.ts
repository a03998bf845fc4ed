import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { QUIET_USER_SETTINGS, RunningServer, installExtension, startCodeServer } from './code-server';
import { Workbench, openWorkbench } from './browser';
import { profilePaths, repoRoot } from './paths';
import { Toolchain, ensureToolchain } from './toolchain';

/** DOM id of Switchboard's status bar item (`<publisher>.<name>.<item id>`). */
export const STATUS_ID = 'switchboard-dev.switchboard.switchboard.status';

/** The .vsix the e2e suite packaged (npm run package), failing clearly if it is missing. */
export function packagedVsix(): string {
  const version = (JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
  const vsix = path.join(repoRoot, `switchboard-${version}.vsix`);
  assert.ok(fs.existsSync(vsix), `${vsix} missing: the e2e suite packages it first (npm run package)`);
  return vsix;
}

export interface SessionOptions {
  /** Names the throwaway profile folder. */
  name: string;
  /** User settings, on top of QUIET_USER_SETTINGS. */
  userSettings?: Record<string, unknown>;
  /** Written to the workspace's .vscode/settings.json (what a cloned repository could say). */
  workspaceSettings?: Record<string, unknown>;
  env?: Record<string, string>;
  /** false opens the folder in Restricted Mode. */
  trust?: boolean;
}

/** One code-server profile with the packaged extension installed, open in Chromium. */
export interface SwitchboardSession {
  tc: Toolchain;
  server: RunningServer;
  wb: Workbench;
  page: Page;
  profileDir: string;
  folder: string;
  /** The profile's User/settings.json. */
  settingsFile: string;
  close(): Promise<void>;
}

export async function openSwitchboard(opts: SessionOptions): Promise<SwitchboardSession> {
  const vsix = packagedVsix();
  const tc = await ensureToolchain();
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), `sb-e2e-${opts.name}-`));
  const folder = path.join(profileDir, 'workspace');
  fs.mkdirSync(path.join(folder, '.vscode'), { recursive: true });
  if (opts.workspaceSettings) fs.writeFileSync(path.join(folder, '.vscode', 'settings.json'), JSON.stringify(opts.workspaceSettings));
  await installExtension(tc, vsix, profileDir);
  const server = await startCodeServer(tc, {
    profileDir,
    folder,
    userSettings: { ...QUIET_USER_SETTINGS, ...opts.userSettings },
    ...(opts.env ? { env: opts.env } : {}),
    ...(opts.trust !== undefined ? { trust: opts.trust } : {}),
  });
  const wb = await openWorkbench(tc, server, folder);
  return {
    tc,
    server,
    wb,
    page: wb.page,
    profileDir,
    folder,
    settingsFile: path.join(profilePaths(profileDir).userDataDir, 'User', 'settings.json'),
    async close() {
      await wb.close();
      await server.stop();
    },
  };
}
