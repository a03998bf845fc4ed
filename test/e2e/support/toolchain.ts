import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './paths';

/** Absolute paths written by scripts/e2e/install-toolchain.sh into toolchain.json. */
export interface Toolchain {
  /** Node 24 binary that runs code-server. */
  node: string;
  /** code-server's out/node/entry.js. */
  codeServerEntry: string;
  /** Chromium binary for playwright-core's executablePath. */
  chromium: string;
}

export const installScript = path.join(repoRoot, 'scripts', 'e2e', 'install-toolchain.sh');

let pending: Promise<Toolchain> | undefined;

/**
 * Installs the toolchain on first use (minutes, once per machine; cached outside the
 * repo) and returns its paths. Progress of the install script goes to stderr.
 * Memoized per process.
 */
export function ensureToolchain(): Promise<Toolchain> {
  pending ??= runInstallScript().catch((err: unknown) => {
    pending = undefined;
    throw err;
  });
  return pending;
}

function runInstallScript(): Promise<Toolchain> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [installScript], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      process.stderr.write(chunk);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code !== 0) {
        reject(new Error(`${installScript} failed (exit ${code ?? signal})`));
        return;
      }
      const lines = stdout.split('\n').map((l) => l.trim()).filter(Boolean);
      const jsonPath = lines[lines.length - 1];
      if (jsonPath === undefined) {
        reject(new Error(`${installScript} printed no toolchain.json path`));
        return;
      }
      try {
        resolve(readToolchain(jsonPath));
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
  });
}

export function readToolchain(jsonPath: string): Toolchain {
  const raw: unknown = JSON.parse(fs.readFileSync(jsonPath, 'utf8'));
  if (typeof raw !== 'object' || raw === null) throw new Error(`${jsonPath}: not an object`);
  const rec = raw as Record<string, unknown>;
  const pick = (key: keyof Toolchain): string => {
    const v = rec[key];
    if (typeof v !== 'string' || !fs.existsSync(v)) {
      throw new Error(`${jsonPath}: "${key}" is not an existing path: ${String(v)}`);
    }
    return v;
  };
  return { node: pick('node'), codeServerEntry: pick('codeServerEntry'), chromium: pick('chromium') };
}
