import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Frame, type Page } from 'playwright-core';
import { artifactsDir } from './paths';
import { track } from './processes';
import type { Toolchain } from './toolchain';

export { outputChannelLogFile } from './logs';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Workbench {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Browser console lines and uncaught page errors, in order (for failure messages). */
  consoleLines: string[];
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Default 90 s: first load compiles the workbench and starts the extension host. */
  timeoutMs?: number;
  viewport?: { width: number; height: number };
}

/** Launches headless Chromium, opens `${url}/?folder=${folder}` and waits for `.monaco-workbench`. */
export async function openWorkbench(
  tc: Toolchain,
  server: { url: string },
  folder: string,
  opts: OpenOptions = {},
): Promise<Workbench> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  // Chromium's crashpad writes ~/.config/chromium otherwise
  env.XDG_CONFIG_HOME = path.join(os.tmpdir(), 'switchboard-e2e-chromium-config');
  const browser = await chromium.launch({ executablePath: tc.chromium, headless: true, args: CHROMIUM_ARGS, env });
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => (closing ??= browser.close().finally(untrack));
  const untrack = track({
    name: 'chromium',
    stop: close,
    killSync: () => undefined, // playwright-core kills browsers it launched when Node exits
  });
  try {
    const context = await browser.newContext({ viewport: opts.viewport ?? { width: 1400, height: 900 } });
    const page = await context.newPage();
    const consoleLines: string[] = [];
    page.on('console', (m) => consoleLines.push(`[${m.type()}] ${m.text()}`));
    page.on('pageerror', (e) => consoleLines.push(`[pageerror] ${e.message}`));
    const timeout = opts.timeoutMs ?? 90_000;
    await page.goto(`${server.url}/?folder=${encodeURIComponent(path.resolve(folder))}`, { timeout });
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout });
    return { browser, context, page, consoleLines, close };
  } catch (err) {
    await close();
    throw err;
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Runs a command through the palette: F1, type the title ("Category: Title" as shown
 * in the palette), wait for that exact entry, Enter.
 */
export async function runCommand(page: Page, title: string, timeoutMs = 15_000): Promise<void> {
  await page.keyboard.press('Escape'); // close whatever quick input is open
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: timeoutMs });
  await input.fill(`>${title}`);
  const row = page
    .locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(title)}\\s*$`) }) })
    .first();
  await row.waitFor({ state: 'visible', timeout: timeoutMs });
  await row.click();
}

/**
 * The frame (at any nesting depth) that contains `selector`. Webview views render in
 * `iframe.webview` > `iframe#active-frame`; their DOM is only reachable this way.
 */
export async function findFrame(page: Page, selector: string, timeoutMs = 30_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      if (frame.isDetached()) continue;
      try {
        if ((await frame.$(selector)) !== null) return frame;
      } catch {
        // frame navigated or detached while we looked
      }
    }
    if (Date.now() > deadline) throw new Error(`no frame contains ${selector} after ${timeoutMs} ms`);
    await page.waitForTimeout(250);
  }
}

/**
 * Text of a status bar item, found by its DOM id (`<publisher.name>.<id>` for
 * `createStatusBarItem(id, ...)`) or else by a substring of its text. Codicons
 * (`$(icon)`) render as empty spans, so they are not part of the text. Waits up to
 * `timeoutMs` for the item to appear.
 */
export async function statusBarText(page: Page, idOrText: string, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await page.evaluate((needle: string) => {
      const items = Array.from(document.querySelectorAll<HTMLElement>('.part.statusbar .statusbar-item'));
      const byId = items.find((el) => el.id === needle);
      if (byId) return byId.innerText.trim();
      const byText = items.find((el) => el.innerText.includes(needle));
      return byText ? byText.innerText.trim() : null;
    }, idOrText);
    if (text !== null) return text;
    if (Date.now() > deadline) throw new Error(`no status bar item "${idOrText}" after ${timeoutMs} ms`);
    await page.waitForTimeout(250);
  }
}

export interface NotificationToast {
  severity: 'error' | 'warning' | 'info';
  text: string;
}

/** Visible notification toasts (bottom right). Toasts auto-hide; see also the notification center. */
export async function notifications(page: Page): Promise<NotificationToast[]> {
  return page.evaluate(() => {
    const toasts = Array.from(document.querySelectorAll<HTMLElement>('.notifications-toasts .notification-toast'));
    return toasts
      .filter((t) => t.offsetParent !== null)
      .map((t) => {
        const icon = t.querySelector('.notification-list-item-icon');
        const cls = icon ? icon.className : '';
        const severity: 'error' | 'warning' | 'info' = cls.includes('codicon-error')
          ? 'error'
          : cls.includes('codicon-warning')
            ? 'warning'
            : 'info';
        const msg = t.querySelector<HTMLElement>('.notification-list-item-message');
        return { severity, text: (msg ?? t).innerText.trim() };
      });
  });
}

/** Saves a full-page PNG to `.test-artifacts/e2e/<name>.png` and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, `${name.replace(/[^\w.-]+/g, '_')}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
