import { promises as fsp } from 'node:fs';
import { parseLedgerSliced } from './jsonl-reader';
import { LedgerLine } from './ledger-row';
import { LedgerReadReport } from './ledger-types';

/**
 * Reads a ledger file that other processes append to and compact: each
 * `catchUp` reads only the complete lines added since the last one; when the
 * file was replaced (a compaction renames a new file over it) or shrank, it
 * reads the whole file again. What one process sums (budgets, the status bar)
 * so includes every process's spend.
 */
export class LedgerFollower {
  private ino: number | undefined;
  private offset = 0;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly file: string) {}

  /**
   * New lines since the last call, or every line with `reset: true` when the
   * file was replaced. `report` describes what a full read found. Calls are
   * queued: two at once would both read from the same offset and hand out the
   * same lines twice (a summary counting a record double).
   */
  catchUp(): Promise<{ reset: boolean; lines: LedgerLine[]; report?: LedgerReadReport }> {
    const run = this.queue.then(() => this.read());
    // Not `run.catch(...)`: that would keep the last result (every line of a full read) alive until the next call.
    this.queue = run.then(() => undefined, () => undefined);
    return run;
  }

  private async read(): Promise<{ reset: boolean; lines: LedgerLine[]; report?: LedgerReadReport }> {
    const fh = await fsp.open(this.file, 'r').catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? undefined : Promise.reject(e)));
    if (!fh) return { reset: false, lines: [] };
    try {
      const st = await fh.stat();
      const reset = st.ino !== this.ino || st.size < this.offset;
      const from = reset ? 0 : this.offset;
      if (!reset && st.size === from) return { reset: false, lines: [] };
      const buf = Buffer.alloc(st.size - from);
      let got = 0;
      while (got < buf.length) {
        const { bytesRead } = await fh.read(buf, got, buf.length - got, from + got);
        if (bytesRead === 0) break;
        got += bytesRead;
      }
      // Only complete lines: a line being written right now is read next time.
      const end = buf.lastIndexOf(10, got - 1) + 1;
      const parsed = await parseLedgerSliced(buf.subarray(0, end));
      this.ino = st.ino;
      this.offset = from + end;
      return reset ? { reset, lines: parsed.lines, report: { ...parsed.report, tornTailBytes: got - end } } : { reset, lines: parsed.lines };
    } finally {
      await fh.close();
    }
  }
}
