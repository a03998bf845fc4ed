import * as fs from 'node:fs';
import * as path from 'node:path';
import { profilePaths } from './paths';

function findFiles(dir: string, fileName: string, out: string[]): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) findFiles(full, fileName, out);
    else if (e.name === fileName) out.push(full);
  }
  return out;
}

/**
 * The file a LogOutputChannel named `channelName` writes to. VS Code (server side)
 * puts it under `<user-data>/logs/<session timestamp>/exthost<N>/<publisher.name>/<channelName>.log`.
 * Waits up to `timeoutMs` for it to appear; with several sessions the newest file wins.
 */
export async function outputChannelLogFile(profileDir: string, channelName: string, timeoutMs = 10_000): Promise<string> {
  const logsDir = path.join(profilePaths(profileDir).userDataDir, 'logs');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = findFiles(logsDir, `${channelName}.log`, []);
    if (found.length > 0) {
      return found
        .map((f) => ({ f, t: fs.statSync(f).mtimeMs }))
        .sort((a, b) => b.t - a.t)[0]!.f;
    }
    if (Date.now() > deadline) {
      throw new Error(`no "${channelName}.log" under ${logsDir} after ${timeoutMs} ms`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
