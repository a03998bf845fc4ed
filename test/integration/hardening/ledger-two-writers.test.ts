import assert from 'node:assert/strict';
import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { utcCalendar } from '../../../src/core/ledger/calendar';
import { createFileLedgerStore } from '../../../src/core/ledger/file-ledger-store';

/** Default 15 s in the suite; `SB_LEDGER_SOAK_MS=60000` for the full-minute soak of the issue. */
const SOAK_MS = Number(process.env.SB_LEDGER_SOAK_MS ?? 15_000);

interface Writer {
  name: string;
  child: ChildProcessWithoutNullStreams;
  acked: Set<string>;
  ackedOld: Set<string>;
  compactions: number;
  next(prefix: string): Promise<string>;
  send(cmd: string): void;
  stderr(): string;
}

function startWriter(dir: string, name: string): Writer {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', path.join(__dirname, 'ledger-writer.ts'), dir, name], { stdio: ['pipe', 'pipe', 'pipe'] });
  const w: Writer = {
    name,
    child,
    acked: new Set(),
    ackedOld: new Set(),
    compactions: 0,
    next: (prefix) =>
      new Promise((resolve, reject) => {
        waiters.push({ prefix, resolve });
        child.once('exit', (code) => reject(new Error(`${name} exited (${code}) waiting for "${prefix}": ${err}`)));
      }),
    send: (cmd) => child.stdin.write(cmd + '\n'),
    stderr: () => err,
  };
  const waiters: Array<{ prefix: string; resolve: (line: string) => void }> = [];
  let buf = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  child.stdout.on('data', (d: Buffer) => {
    buf += d.toString();
    for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      if (line.startsWith('ack ')) w.acked.add(line.slice(4));
      else if (line.startsWith('ack-old ')) w.ackedOld.add(line.slice(8));
      else if (line === 'compacted') w.compactions++;
      const i = waiters.findIndex((x) => line.startsWith(x.prefix));
      if (i >= 0) waiters.splice(i, 1)[0]?.resolve(line);
    }
  });
  return w;
}

/**
 * Issue 14 item 9: every VS Code window with no folder shares one ledger, and
 * two windows on one folder share theirs. Two real processes append to and
 * compact one ledger file at the same time: no acknowledged record may be lost,
 * and each process's summary (what budgets read) includes the other's spend.
 */
describe('hardening: two processes, one ledger', function () {
  this.timeout(SOAK_MS + 120_000);

  it(`two writers appending and compacting for ${SOAK_MS / 1000} s lose 0 acknowledged records and see each other's spend`, async () => {
    const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'sb-two-writers-'));
    const writers = [startWriter(dir, 'a'), startWriter(dir, 'b')];
    try {
      await Promise.all(writers.map((w) => w.next('ready')));
      await new Promise((r) => setTimeout(r, SOAK_MS));
      const stopped = writers.map((w) => w.next('stopped'));
      for (const w of writers) w.send('stop');
      await Promise.all(stopped);

      const total = writers.reduce((n, w) => n + w.acked.size + w.ackedOld.size, 0);
      const summaries = await Promise.all(
        writers.map(async (w) => {
          const line = w.next('summary ');
          w.send('summary');
          return JSON.parse((await line).slice('summary '.length)) as { requests: number; costUsd: number };
        }),
      );
      const exited = writers.map((w) => new Promise((r) => w.child.once('exit', r)));
      for (const w of writers) w.send('exit');
      await Promise.all(exited);

      const store = await createFileLedgerStore({ dir, workspaceId: 'shared', now: Date.now, calendar: utcCalendar });
      const onDisk = new Set((await store.query()).map((r) => r.id));
      const recentAcked = writers.flatMap((w) => [...w.acked]);
      const lost = recentAcked.filter((id) => !onDisk.has(id));
      const whole = await store.summary();
      await store.close();
      const leftovers = (await fsp.readdir(dir)).filter((f) => f.endsWith('.tmp') || f.endsWith('.lock'));
      console.log(
        `      ${SOAK_MS / 1000} s: acked ${writers.map((w) => `${w.name} ${w.acked.size}+${w.ackedOld.size} old, ${w.compactions} compactions`).join('; ')}; ` +
          `lost ${lost.length}; file holds ${whole.totals.requests} requests; summaries ${summaries.map((s) => s.requests).join(' / ')} of ${total}`,
      );
      assert.ok(writers.every((w) => w.compactions > 0), 'both writers compacted');
      assert.deepEqual(lost.slice(0, 10), [], `${lost.length} acknowledged records lost`);
      assert.equal(whole.totals.requests, total, 'the file holds every acknowledged request (records and day aggregates)');
      for (const [i, s] of summaries.entries()) assert.equal(s.requests, total, `writer ${writers[i]?.name}'s summary misses the other's spend`);
      assert.deepEqual(leftovers, [], 'compaction or lock leftovers');
    } finally {
      for (const w of writers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
      await fsp.rm(dir, { recursive: true, force: true });
    }
  });
});
