import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { utcCalendar } from '../../../src/core/ledger/calendar';
import { createFileLedgerStore } from '../../../src/core/ledger/file-ledger-store';
import { ledgerFileName } from '../../../src/core/ledger/ledger-file-name';
import { makeRecord } from '../../unit/cost/make-record';

/**
 * Issue 14 item 9, the leftovers of a process that died: a lock file whose
 * owner is gone is broken (not waited on forever), and a compaction's
 * half-written `*.tmp` is removed when the ledger is next opened.
 */
describe('hardening: a ledger recovers what a dead process left', function () {
  this.timeout(30_000);
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'sb-ledger-recovery-'));
    file = path.join(dir, ledgerFileName('w'));
  });
  afterEach(async () => fsp.rm(dir, { recursive: true, force: true }));

  /** The pid of a real process that has exited. */
  const deadPid = (): number => {
    const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    return Number(r.stdout.toString());
  };

  it('a lock held by a dead process is broken at once', async () => {
    await fsp.writeFile(`${file}.lock`, JSON.stringify({ pid: deadPid(), host: os.hostname(), token: 'dead', at: Date.now() }));
    const t0 = Date.now();
    const store = await createFileLedgerStore({ dir, workspaceId: 'w', now: Date.now, calendar: utcCalendar });
    await store.append(makeRecord({ id: 'after-dead-lock', startedAt: Date.now() }));
    const waited = Date.now() - t0;
    assert.deepEqual((await store.query()).map((r) => r.id), ['after-dead-lock']);
    await store.close();
    assert.ok(waited < 5000, `waited ${waited} ms for a dead process's lock`);
    assert.deepEqual((await fsp.readdir(dir)).filter((f) => f.includes('.lock')), []);
  });

  it("a compaction's leftover *.tmp is removed on open", async () => {
    const first = await createFileLedgerStore({ dir, workspaceId: 'w', now: Date.now, calendar: utcCalendar });
    await first.append(makeRecord({ id: 'kept', startedAt: Date.now() }));
    await first.close();
    const tmp = `${file}.${deadPid()}.${Date.now()}.tmp`;
    await fsp.writeFile(tmp, '{"half": "a compaction that died');
    const store = await createFileLedgerStore({ dir, workspaceId: 'w', now: Date.now, calendar: utcCalendar });
    assert.deepEqual((await store.query()).map((r) => r.id), ['kept']);
    await store.close();
    assert.deepEqual((await fsp.readdir(dir)).filter((f) => f.endsWith('.tmp')), []);
  });

  it('summaries asked for at the same time count each record once', async () => {
    const store = await createFileLedgerStore({ dir, workspaceId: 'w', now: Date.now, calendar: utcCalendar });
    await store.append(makeRecord({ id: 'one', startedAt: Date.now() }));
    const all = await Promise.all(Array.from({ length: 5 }, () => store.summary()));
    assert.deepEqual(all.map((s) => s.totals.requests), [1, 1, 1, 1, 1]);
    assert.equal((await store.summary()).totals.requests, 1);
    await store.close();
  });

  it('a torn line left by another writer does not swallow the next append', async () => {
    const a = await createFileLedgerStore({ dir, workspaceId: 'w', now: Date.now, calendar: utcCalendar });
    await a.append(makeRecord({ id: 'before', startedAt: Date.now() }));
    // Another process dies mid-append while this one stays open.
    await fsp.appendFile(file, '{"v":1,"type":"record","record":{"id":"torn","requ');
    await a.append(makeRecord({ id: 'after', startedAt: Date.now() }));
    assert.deepEqual((await a.query()).map((r) => r.id), ['before', 'after']);
    await a.close();
  });
});
