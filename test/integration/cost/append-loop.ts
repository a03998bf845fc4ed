// Child process for the kill test: appends records forever, printing each id once `append` resolved.
import { utcCalendar } from '../../../src/core/ledger/calendar';
import { createFileLedgerStore } from '../../../src/core/ledger/file-ledger-store';
import { makeRecord } from '../../unit/cost/make-record';

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: append-loop.ts <dir>');
  const store = await createFileLedgerStore({ dir, workspaceId: 'kill-test', now: Date.now, calendar: utcCalendar });
  process.stdout.write('ready\n');
  for (let i = 0; ; i++) {
    // Several in flight at once, so the kill can land inside a group commit.
    const ids = [0, 1, 2, 3].map((k) => `r${i}-${k}`);
    await Promise.all(ids.map(async (id) => {
      await store.append(makeRecord({ id, startedAt: Date.now(), errorMessage: 'x'.repeat(200 + (i % 50) * 37) }));
      process.stdout.write(`ack ${id}\n`);
    }));
  }
}

main().catch((e: unknown) => {
  process.stderr.write(String(e) + '\n');
  process.exit(1);
});
