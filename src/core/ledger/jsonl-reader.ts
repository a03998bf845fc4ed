import { LedgerLine, asLedgerLine } from './ledger-row';
import { LedgerReadReport } from './ledger-types';
import { TimeSlicer, createTimeSlicer } from '../scheduling/time-slicer';

export interface ParsedLedger {
  lines: LedgerLine[];
  report: LedgerReadReport;
  /** Bytes worth keeping: everything up to the end of the last complete line. */
  goodLength: number;
  /** The last line parsed but lacks its newline (cut right before it). */
  missingNewline: boolean;
}

function parseLine(buf: Buffer, start: number, end: number): LedgerLine | undefined {
  try {
    return asLedgerLine(JSON.parse(buf.toString('utf8', start, end)));
  } catch {
    return undefined;
  }
}

/** One parse of a ledger buffer, advanced a line at a time (so it can be cut into slices). */
function createLineParser(buf: Buffer): { step(): ParsedLedger | undefined } {
  const lines: LedgerLine[] = [];
  const report: LedgerReadReport = { records: 0, aggregates: 0, tornTailBytes: 0, corruptLines: [] };
  const take = (line: LedgerLine): void => {
    lines.push(line);
    if (line.type === 'record') report.records++;
    else if (line.type === 'day') report.aggregates++;
  };
  let pos = 0;
  let lineNo = 0;
  return {
    /** Parses one line; the result once the buffer is done. */
    step() {
      if (pos >= buf.length) return { lines, report, goodLength: buf.length, missingNewline: false };
      const nl = buf.indexOf(10, pos);
      lineNo++;
      if (nl === -1) {
        const tail = parseLine(buf, pos, buf.length);
        if (tail !== undefined) {
          take(tail);
          return { lines, report, goodLength: buf.length, missingNewline: true };
        }
        report.tornTailBytes = buf.length - pos;
        return { lines, report, goodLength: pos, missingNewline: false };
      }
      if (nl > pos) {
        const line = parseLine(buf, pos, nl);
        if (line !== undefined) take(line);
        else if (buf.subarray(pos, nl).toString('utf8').trim() !== '') report.corruptLines.push(lineNo);
      }
      pos = nl + 1;
      return undefined;
    },
  };
}

/**
 * Tolerant JSONL parse. A crash mid-append can leave one incomplete last line
 * (never acknowledged: `append` resolves only after the whole line is synced);
 * it is dropped and reported. A bad line elsewhere is skipped and reported,
 * never fatal: one damaged line must not hide a month of spend.
 */
export function parseLedger(buf: Buffer): ParsedLedger {
  const parser = createLineParser(buf);
  for (;;) {
    const done = parser.step();
    if (done) return done;
  }
}

/**
 * {@link parseLedger} in time slices with yields between them: a 100k-record
 * ledger (50 MB) takes ~0.5 s to parse, which must not freeze the extension host (P6).
 */
export async function parseLedgerSliced(buf: Buffer, slicer: TimeSlicer = createTimeSlicer()): Promise<ParsedLedger> {
  const parser = createLineParser(buf);
  for (;;) {
    const done = parser.step();
    if (done) return done;
    const wait = slicer.tick();
    if (wait) await wait;
  }
}
