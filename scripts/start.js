#!/usr/bin/env node
// `npm start`: builds and packages the .vsix, installs it into a persistent dev
// profile, and runs Switchboard in a real VS Code (code-server) in the browser.
// Stays in the foreground until Ctrl+C, then stops code-server's process group.
// Usage: npm start [-- FOLDER]   env: PORT (default: a free port), SWITCHBOARD_DEV_DIR
// OPENAI_API_KEY / ANTHROPIC_API_KEY / GROQ_API_KEY are passed through to the
// extension host, which then offers to configure that provider on first run.
require('tsx/cjs');
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ensureToolchain } = require('../test/e2e/support/toolchain.ts');
const { codeServerArgs, installExtension, QUIET_USER_SETTINGS } = require('../test/e2e/support/code-server.ts');
const { freeLoopbackPort, waitForHttp } = require('../test/e2e/support/http-wait.ts');
const { profilePaths } = require('../test/e2e/support/paths.ts');
const { groupMembers } = require('../test/e2e/support/processes.ts');

const root = path.resolve(__dirname, '..');
const KEY_VARIABLES = ['OPENAI_API_KEY', 'ANTHROPIC_API_KEY', 'GROQ_API_KEY'];
const say = (line) => process.stdout.write(`[start] ${line}\n`);

function devDir() {
  if (process.env.SWITCHBOARD_DEV_DIR) return path.resolve(process.env.SWITCHBOARD_DEV_DIR);
  const cache = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(cache, 'switchboard-dev');
}

function packageVsix() {
  say('building and packaging the .vsix (npm run package)...');
  const r = spawnSync('npm', ['run', 'package'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`npm run package failed (exit ${r.status ?? r.signal})`);
  const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const vsix = path.join(root, `switchboard-${version}.vsix`);
  if (!fs.existsSync(vsix)) throw new Error(`${vsix} was not produced`);
  return vsix;
}

/** Writes quiet defaults once; later runs keep whatever the user changed. */
function ensureUserSettings(profileDir) {
  const userDir = path.join(profilePaths(profileDir).userDataDir, 'User');
  const file = path.join(userDir, 'settings.json');
  fs.mkdirSync(userDir, { recursive: true });
  if (!fs.existsSync(file)) fs.writeFileSync(file, JSON.stringify(QUIET_USER_SETTINGS, null, 2));
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function stopGroup(pid) {
  const signal = (s) => {
    try {
      process.kill(-pid, s);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  const deadline = Date.now() + 5000;
  while (groupMembers(pid).length > 0 && Date.now() < deadline) await sleep(100);
  if (groupMembers(pid).length > 0) signal('SIGKILL');
}

async function main() {
  const profileDir = devDir();
  const folder = path.resolve(process.argv[2] || path.join(profileDir, 'workspace'));
  fs.mkdirSync(folder, { recursive: true });
  const vsix = packageVsix();
  say('ensuring the code-server toolchain (first run on a machine: a few minutes)...');
  const tc = await ensureToolchain();
  say(`installing ${path.basename(vsix)} into ${profileDir}`);
  await installExtension(tc, vsix, profileDir);
  ensureUserSettings(profileDir);

  const p = profilePaths(profileDir);
  const port = process.env.PORT ? Number(process.env.PORT) : await freeLoopbackPort();
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`PORT must be a port number, got "${process.env.PORT}"`);
  // The dev profile keeps workspace trust on: it is a real editor, not a test.
  const args = codeServerArgs(tc, profileDir, port, folder, false);
  const logFd = fs.openSync(p.serverLog, 'a');
  // The whole environment goes through (so the key variables reach the extension host);
  // code-server's own state stays inside the dev profile.
  const env = { ...process.env, XDG_DATA_HOME: path.join(p.xdgDir, 'data'), XDG_CONFIG_HOME: path.join(p.xdgDir, 'config') };
  const child = spawn(tc.node, args, { detached: true, stdio: ['ignore', logFd, logFd], env });
  fs.closeSync(logFd);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${tc.node}`);
  let exited;
  child.once('exit', (code, signal) => {
    exited = `code-server exited (${code ?? signal}); see ${p.serverLog}`;
  });

  let stopping;
  const stop = (why) => {
    stopping ??= (async () => {
      say(`${why}: stopping code-server (process group ${pid})...`);
      await stopGroup(pid);
      say('stopped.');
      process.exit(0);
    })();
  };
  process.on('SIGINT', () => stop('Ctrl+C'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGHUP', () => stop('SIGHUP'));

  try {
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, 60_000, () => exited);
  } catch (err) {
    await stopGroup(pid);
    throw err;
  }
  const found = KEY_VARIABLES.filter((v) => (process.env[v] || '').trim() !== '');
  say(`keys in the environment: ${found.length ? found.join(', ') : 'none'} (the chat view offers to configure them)`);
  say(`profile: ${profileDir} (server log: ${p.serverLog})`);
  say(`Switchboard is running in VS Code at http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}`);
  say('Press Ctrl+C to stop.');
  child.once('exit', () => {
    if (!stopping) {
      say(exited);
      process.exit(1);
    }
  });
}

main().catch((err) => {
  process.stderr.write(`[start] ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
