// Child process for the two-writer ledger soak: appends (and compacts) one shared
// ledger until told to stop, printing each id once `append` resolved.
// stdin commands: "stop", "summary", "exit".
import { createInterface } from 'node:readline';
import { utcCalendar } from '../../../src/core/ledger/calendar';
import { createFileLedgerStore } from '../../../src/core/ledger/file-ledger-store';
import { makeRecord } from '../../unit/cost/make-record';

const DAY = 86_400_000;

async function main(): Promise<void> {
  const [dir, name] = process.argv.slice(2);
  if (!dir || !name) throw new Error('usage: ledger-writer.ts <dir> <name>');
  const store = await createFileLedgerStore({ dir, workspaceId: 'shared', now: Date.now, calendar: utcCalendar });
  let stopping = false;
  let loop: Promise<void> = Promise.resolve();
  const out = (line: string): void => {
    process.stdout.write(line + '\n');
  };
  createInterface({ input: process.stdin }).on('line', (cmd) => {
    if (cmd === 'stop') {
      stopping = true;
      void loop.then(() => out('stopped'));
    } else if (cmd === 'summary') {
      void store.summary().then((s) => out(`summary ${JSON.stringify({ requests: s.totals.requests, costUsd: s.totals.costUsd })}`));
    } else if (cmd === 'exit') {
      void store.close().then(() => process.exit(0));
    }
  });
  out('ready');
  loop = (async () => {
    for (let i = 0; !stopping; i++) {
      const ids = [0, 1, 2, 3].map((k) => `${name}-${i}-${k}`);
      await Promise.all(
        ids.map(async (id) => {
          await store.append(makeRecord({ id, startedAt: Date.now(), costUsd: 0.001, errorMessage: 'x'.repeat(100 + (i % 40) * 13) }));
          out(`ack ${id}`);
        }),
      );
      if (i % 25 === 24) {
        // An old record makes the next compaction really rewrite the file (rolled into a day aggregate).
        const id = `${name}-old-${i}`;
        await store.append(makeRecord({ id, startedAt: Date.now() - 200 * DAY, costUsd: 0.001 }));
        out(`ack-old ${id}`);
        await store.compact();
        out('compacted');
      }
    }
  })();
  await loop;
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
