/**
 * Starts the fake provider in its own process (its CPU does not count against
 * the event loop being measured) and scripts its default answer over the
 * control API.
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import type { Behaviour } from '../../test/support/fake-provider';

export interface FakeProcess {
  origin: string;
  openaiBaseUrl: string;
  setDefault(b: Behaviour | null): Promise<void>;
  /** One-shot behaviours for requests naming `model` (queued, used up in order). */
  forModel(model: string, behaviours: Behaviour[]): Promise<void>;
  /** Clears scripts and the recorded requests (long benchmarks would otherwise grow them). */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export async function startFakeProcess(): Promise<FakeProcess> {
  const root = path.resolve(__dirname, '../..');
  const child: ChildProcess = spawn(process.execPath, ['--require', 'tsx/cjs', 'test/support/fake-provider/cli.ts'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const info = await new Promise<{ origin: string; openaiBaseUrl: string }>((resolve, reject) => {
    let buf = '';
    child.once('exit', (code) => reject(new Error(`fake provider exited (${code})`)));
    child.stdout?.on('data', (d: Buffer) => {
      buf += d.toString();
      const nl = buf.indexOf('\n');
      if (nl >= 0) resolve(JSON.parse(buf.slice(0, nl)) as { origin: string; openaiBaseUrl: string });
    });
  });
  const control = async (action: string, body: unknown): Promise<void> => {
    const r = await fetch(`${info.origin}/__control/${action}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!r.ok) throw new Error(`control/${action}: ${r.status} ${await r.text()}`);
  };
  return {
    ...info,
    setDefault: (b) => control('default', b),
    forModel: (model, behaviours) => control('forModel', { model, behaviours }),
    reset: () => control('reset', {}),
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
