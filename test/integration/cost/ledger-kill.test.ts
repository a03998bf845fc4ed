import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { utcCalendar } from '../../../src/core/ledger/calendar';
import { createFileLedgerStore } from '../../../src/core/ledger/file-ledger-store';

/** Spawns the append loop, SIGKILLs it after `ackTarget` acknowledgements, returns the acknowledged ids. */
function runAndKill(dir: string, ackTarget: number): Promise<Set<string>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', path.join(__dirname, 'append-loop.ts'), dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acked = new Set<string>();
    let buf = '';
    let killed = false;
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (line.startsWith('ack ')) acked.add(line.slice(4));
      }
      if (!killed && acked.size >= ackTarget) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`child exited without being killed: ${stderr}`));
      else resolve(acked);
    });
  });
}

describe('cost/ledger kill test (SIGKILL mid-append)', function () {
  this.timeout(60_000);

  for (const target of [150, 400]) {
    it(`keeps every acknowledged record and a readable file (kill after ${target} acks)`, async () => {
      const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'sb-kill-'));
      const acked = await runAndKill(dir, target);
      assert.ok(acked.size >= target);
      const store = await createFileLedgerStore({ dir, workspaceId: 'kill-test', now: Date.now, calendar: utcCalendar });
      const ids = new Set((await store.query()).map((r) => r.id));
      const missing = [...acked].filter((id) => !ids.has(id));
      assert.deepEqual(missing, [], 'acknowledged records lost');
      assert.deepEqual(store.openReport.corruptLines, []);
      console.log(`      acked ${acked.size}, on disk ${ids.size}, torn tail ${store.openReport.tornTailBytes} bytes`);
      await store.close();
      const text = await fsp.readFile(store.file, 'utf8');
      assert.ok(text.endsWith('\n'));
      for (const line of text.trimEnd().split('\n')) JSON.parse(line);
    });
  }
});
