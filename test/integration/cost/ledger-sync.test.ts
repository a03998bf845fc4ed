import assert from 'node:assert/strict';
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { utcCalendar } from '../../../src/core/ledger/calendar';
import { createFileLedgerStore } from '../../../src/core/ledger/file-ledger-store';
import { makeRecord } from '../../unit/cost/make-record';

/**
 * The file ledger writes appends in 20 ms batches (a line on disk survives the
 * extension host crashing) and makes them durable with `fdatasync`, shared by
 * the batches of a burst (issue 15: a sync per batch cost ~100 µs of CPU per
 * record). Each append still resolves only once its line is synced, a lone
 * append is synced at once, and `close` syncs what is left.
 */

type Log = string[];

/** Counts `fdatasync` calls of every FileHandle (the ledger's included) while `run` runs. */
async function watchingSyncs<T>(log: Log, run: () => Promise<T>): Promise<T> {
  const probe = await fsp.open(__filename, 'r');
  const proto = Object.getPrototypeOf(probe) as { datasync: () => Promise<void> };
  await probe.close();
  const real = proto.datasync;
  proto.datasync = async function (this: unknown): Promise<void> {
    log.push('sync start');
    await real.call(this);
    log.push('sync end');
  };
  try {
    return await run();
  } finally {
    proto.datasync = real;
  }
}

/** The records' own day (makeRecord's), so the retention roll-up keeps them as records. */
const NOW = (): number => Date.parse('2026-06-15T12:00:00Z');
const tmpDir = (): Promise<string> => fsp.mkdtemp(path.join(os.tmpdir(), 'sb-ledger-sync-'));
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const linesOf = async (file: string): Promise<number> => (await fsp.readFile(file, 'utf8')).split('\n').filter((l) => l.includes('"type":"record"')).length;

describe('cost/file ledger: lines written in 20 ms batches, synced together under load', () => {
  it('a lone append is written and synced at once, and resolves after its sync', async () => {
    const log: Log = [];
    const store = await createFileLedgerStore({ dir: await tmpDir(), workspaceId: 'ws', now: NOW, calendar: utcCalendar });
    await sleep(300); // past any sync the opening made
    await watchingSyncs(log, async () => {
      const started = Date.now();
      await store.append(makeRecord({ id: 'lone' })).then(() => log.push('resolved'));
      assert.ok(Date.now() - started < 200, `a lone append waited ${Date.now() - started} ms`);
    });
    assert.deepEqual(log, ['sync start', 'sync end', 'resolved']);
    await store.close();
  });

  it('a burst: every line is on disk within a batch, the syncs are shared, and each append resolves only after a sync that followed its write', async () => {
    const log: Log = [];
    const store = await createFileLedgerStore({ dir: await tmpDir(), workspaceId: 'ws', now: NOW, calendar: utcCalendar });
    await sleep(300);
    await watchingSyncs(log, async () => {
      const appends: Promise<unknown>[] = [];
      // 40 appends, one every 5 ms (~200 ms): ten 20 ms batches.
      for (let i = 0; i < 40; i++) {
        const id = `r${i}`;
        appends.push(store.append(makeRecord({ id })).then(() => log.push(`resolved ${id}`)));
        await sleep(5);
      }
      // Written (crash-safe) before they are all synced: the lines are in the file already.
      await sleep(40);
      assert.equal(await linesOf(store.file), 40, 'every line written within its batch');
      await Promise.all(appends);
    });
    const syncs = log.filter((l) => l === 'sync start').length;
    assert.ok(syncs >= 1 && syncs <= 3, `${syncs} syncs for 40 appends over ~200 ms (one per batch would be ~10)`);
    // No append resolved before a sync began after it was queued: each resolution follows a completed sync.
    let synced = 0;
    for (const l of log) {
      if (l === 'sync end') synced += 1;
      if (l.startsWith('resolved')) assert.ok(synced > 0, `${l} before any sync`);
    }
    await store.close();
  });

  it('close syncs what is written and not yet synced; those appends resolve', async () => {
    const log: Log = [];
    const dir = await tmpDir();
    const store = await createFileLedgerStore({ dir, workspaceId: 'ws', now: NOW, calendar: utcCalendar });
    await watchingSyncs(log, async () => {
      // The first sync happens at once; the next ones would wait for the interval.
      const first = store.append(makeRecord({ id: 'a' }));
      await first;
      const later = [store.append(makeRecord({ id: 'b' })), store.append(makeRecord({ id: 'c' }))];
      const closing = store.close();
      await Promise.all([...later, closing]);
    });
    assert.ok(log.filter((l) => l === 'sync end').length >= 2, 'the last lines were synced by close');
    const reopened = await createFileLedgerStore({ dir, workspaceId: 'ws', now: NOW, calendar: utcCalendar });
    assert.deepEqual((await reopened.query()).map((r) => r.id).sort(), ['a', 'b', 'c']);
    await reopened.close();
  });
});
