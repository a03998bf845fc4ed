import { execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { freeLoopbackPort, waitForHttp } from './http-wait';
import { profilePaths } from './paths';
import { killGroupSync, stopAll, stopProcessGroup, track } from './processes';
import type { Toolchain } from './toolchain';

export { stopAll };

/**
 * Settings that keep VS Code 1.139's own UI out of the way in tests: no built-in
 * Chat/Agent secondary sidebar (it has its own textarea and logs GitHub-auth errors),
 * no welcome editor, no update checks. Spread them into `userSettings`.
 */
export const QUIET_USER_SETTINGS: Readonly<Record<string, unknown>> = {
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
};

export interface StartOptions {
  /** Throwaway folder holding user-data, extensions, config and the server log. */
  profileDir: string;
  /** Workspace folder opened by the window. */
  folder: string;
  /** Written to `<user-data>/User/settings.json` before the start (replaces it). */
  userSettings: object;
  /** Extra environment for code-server and so for the extension host. */
  env?: Record<string, string>;
  /** true (default): --disable-workspace-trust. false: trust prompts stay on. */
  trust?: boolean;
  /** How long to wait for the HTTP server (default 60 s). */
  startTimeoutMs?: number;
}

export interface RunningServer {
  /** e.g. http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  port: number;
  /** Pid of code-server's main process, also its process group id. */
  pid: number;
  /** VS Code server logs: `<logsDir>/<timestamp>/exthost1/<publisher.name>/<channel>.log`, remoteagent.log ... */
  logsDir: string;
  /** code-server's own stdout/stderr. */
  serverLog: string;
  /** Kills the whole process group (SIGTERM, SIGKILL after 5 s); resolves once it is gone. */
  stop(): Promise<void>;
}

function run(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { env, maxBuffer: 16 * 1024 * 1024, timeout: 120_000 }, (err, stdout, stderr) => {
      const out = `${stdout}${stderr}`;
      if (err) reject(new Error(`${path.basename(file)} ${args.join(' ')} failed: ${err.message}\n${out}`));
      else resolve(out);
    });
  });
}

function serverEnv(profileDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const p = profilePaths(profileDir);
  return {
    ...process.env,
    // keep code-server's own state (config, heartbeat, ipc socket) out of $HOME
    XDG_DATA_HOME: path.join(p.xdgDir, 'data'),
    XDG_CONFIG_HOME: path.join(p.xdgDir, 'config'),
    ...extra,
  };
}

function prepareProfile(profileDir: string): void {
  const p = profilePaths(profileDir);
  for (const dir of [p.userDataDir, p.extensionsDir, p.xdgDir]) fs.mkdirSync(dir, { recursive: true });
  if (!fs.existsSync(p.configFile)) fs.writeFileSync(p.configFile, 'auth: none\ncert: false\n');
}

/** Installs a .vsix into the profile's extensions folder (same layout startCodeServer uses). */
export async function installExtension(tc: Toolchain, vsixPath: string, profileDir: string): Promise<void> {
  prepareProfile(profileDir);
  const p = profilePaths(profileDir);
  const out = await run(
    tc.node,
    [
      tc.codeServerEntry,
      '--config', p.configFile,
      '--user-data-dir', p.userDataDir,
      '--extensions-dir', p.extensionsDir,
      '--install-extension', path.resolve(vsixPath),
      '--force',
    ],
    serverEnv(profileDir),
  );
  if (!/successfully installed/i.test(out)) {
    throw new Error(`installing ${vsixPath} did not report success:\n${out}`);
  }
}

function tail(file: string, chars = 4000): string {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return text.slice(-chars);
  } catch {
    return '';
  }
}

export async function startCodeServer(tc: Toolchain, opts: StartOptions): Promise<RunningServer> {
  prepareProfile(opts.profileDir);
  const p = profilePaths(opts.profileDir);
  const userDir = path.join(p.userDataDir, 'User');
  fs.mkdirSync(userDir, { recursive: true });
  fs.writeFileSync(path.join(userDir, 'settings.json'), JSON.stringify(opts.userSettings, null, 2));

  let lastError: Error | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startOnce(tc, opts, await freeLoopbackPort());
    } catch (err) {
      lastError = err instanceof Error ? err : new Error(String(err));
      if (!/EADDRINUSE/.test(lastError.message)) throw lastError; // only a lost port race is retried
    }
  }
  throw lastError ?? new Error('code-server did not start');
}

/** code-server's command line for a profile, on loopback without auth (shared with `npm start`). */
export function codeServerArgs(tc: Toolchain, profileDir: string, port: number, folder: string, trust: boolean): string[] {
  const p = profilePaths(profileDir);
  return [
    tc.codeServerEntry,
    '--config', p.configFile,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', p.userDataDir,
    '--extensions-dir', p.extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    ...(trust ? ['--disable-workspace-trust'] : []),
    path.resolve(folder),
  ];
}

async function startOnce(tc: Toolchain, opts: StartOptions, port: number): Promise<RunningServer> {
  const p = profilePaths(opts.profileDir);
  const args = codeServerArgs(tc, opts.profileDir, port, opts.folder, opts.trust !== false);
  fs.appendFileSync(p.serverLog, `\n--- ${new Date().toISOString()} ${tc.node} ${args.join(' ')}\n`);
  const logFd = fs.openSync(p.serverLog, 'a');
  const child = spawn(tc.node, args, {
    detached: true, // own process group: stop() kills the extension host etc. too
    stdio: ['ignore', logFd, logFd],
    env: serverEnv(opts.profileDir, opts.env),
  });
  fs.closeSync(logFd);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not spawn ${tc.node}`);
  child.unref(); // never keeps mocha alive; the registry and the exit hook stop it

  let exited: string | undefined;
  child.once('exit', (code, signal) => {
    exited = `code-server exited early (${code ?? signal}); log ${p.serverLog}:\n${tail(p.serverLog)}`;
  });

  let stopping: Promise<void> | undefined;
  const untrack = track({
    name: `code-server pid ${pid}`,
    stop: () => server.stop(),
    killSync: () => killGroupSync(pid),
  });
  const server: RunningServer = {
    url: `http://127.0.0.1:${port}`,
    port,
    pid,
    logsDir: path.join(p.userDataDir, 'logs'),
    serverLog: p.serverLog,
    stop: () => {
      stopping ??= stopProcessGroup(pid).finally(untrack);
      return stopping;
    },
  };

  try {
    await waitForHttp(`${server.url}/healthz`, opts.startTimeoutMs ?? 60_000, () => exited);
  } catch (err) {
    await server.stop();
    throw err;
  }
  return server;
}
