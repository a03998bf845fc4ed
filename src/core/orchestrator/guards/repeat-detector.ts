/** Longest repeating unit the pattern check looks for, in characters. */
const MAX_PERIOD = 64;
/** A pattern must cover at least this much output before it counts as a loop. */
const MIN_PATTERN_CHARS = 512;
/** How much recent output is kept for the pattern check. */
const TAIL_CHARS = 8192;
/** The pattern check runs after this much new output (it is the costly one). */
const CHECK_EVERY_CHARS = 128;

/**
 * Spots a model stuck repeating itself: the same chunk, the same non-blank
 * line, or one short pattern (however it is chunked) over and over. Costs a
 * few comparisons per chunk; memory is bounded by the tail it keeps.
 */
export class RepeatDetector {
  private lastChunk = '';
  private chunkRepeats = 0;
  private partialLine = '';
  private lastLine = '';
  private lineRepeats = 0;
  private tail = '';
  private sinceCheck = 0;

  /** Units (chunk, line or pattern) the caller asked for by repeating them in the prompt: never a loop. Made on the first one. */
  private allowed: Set<string> | undefined;

  constructor(
    private readonly maxRepeats: number,
    private readonly requested: (unit: string, kind: 'chunk' | 'line' | 'pattern') => boolean = () => false,
  ) {}

  private isLoop(unit: string, kind: 'chunk' | 'line' | 'pattern'): boolean {
    if (this.allowed?.has(unit)) return false;
    if (!this.requested(unit, kind)) return true;
    (this.allowed ??= new Set()).add(unit);
    return false;
  }

  /** Feeds one chunk; returns what repeats once past the threshold, else undefined. */
  push(chunk: string): string | undefined {
    if (chunk.length === 0) return undefined;
    this.chunkRepeats = chunk === this.lastChunk ? this.chunkRepeats + 1 : 1;
    this.lastChunk = chunk;
    if (this.chunkRepeats >= this.maxRepeats && this.isLoop(chunk, 'chunk')) return `the same chunk ${JSON.stringify(clip(chunk))} ${this.chunkRepeats} times in a row`;
    const line = this.pushLines(chunk);
    if (line) return line;
    // Appended as it comes and cut back to TAIL_CHARS only when checked or twice that long:
    // a slice per chunk copied the whole tail every time (the same last TAIL_CHARS either way).
    this.tail = keepEnd(this.tail + chunk, 2 * TAIL_CHARS);
    this.sinceCheck += chunk.length;
    if (this.sinceCheck < CHECK_EVERY_CHARS) return undefined;
    this.sinceCheck = 0;
    return this.pattern();
  }

  private pushLines(chunk: string): string | undefined {
    if (!chunk.includes('\n')) {
      // Most chunks end no line: the open line grows (bounded), and nothing is split. Splitting the
      // open line again with every chunk made a long line cost in proportion to its length per chunk.
      this.partialLine = keepEnd(this.partialLine + chunk, 2 * TAIL_CHARS);
      return undefined;
    }
    const lines = chunk.split('\n');
    // The last TAIL_CHARS of the open line, as when it was cut back after every chunk.
    lines[0] = keepEnd(this.partialLine, TAIL_CHARS) + (lines[0] ?? '');
    this.partialLine = keepEnd(lines.pop() ?? '', TAIL_CHARS);
    for (const raw of lines) {
      const line = raw.trim();
      if (line === '') continue;
      this.lineRepeats = line === this.lastLine ? this.lineRepeats + 1 : 1;
      this.lastLine = line;
      if (this.lineRepeats >= this.maxRepeats && this.isLoop(line, 'line')) return `the same line ${JSON.stringify(clip(line))} ${this.lineRepeats} times in a row`;
    }
    return undefined;
  }

  /** The shortest unit the recent output ends with, repeated past the threshold over enough text. */
  private pattern(): string | undefined {
    this.tail = keepEnd(this.tail, TAIL_CHARS);
    const t = this.tail;
    for (let period = 1; period <= MAX_PERIOD; period += 1) {
      let same = 0;
      for (let i = t.length - 1 - period; i >= 0 && t.charCodeAt(i) === t.charCodeAt(i + period); i -= 1) same += 1;
      const repeats = Math.floor((same + period) / period);
      if (repeats >= this.maxRepeats && same + period >= MIN_PATTERN_CHARS && this.isLoop(t.slice(-period), 'pattern')) return `the pattern ${JSON.stringify(clip(t.slice(-period)))} ${repeats} times in a row`;
    }
    return undefined;
  }
}

/** `s`, or its last `max` characters when longer. */
function keepEnd(s: string, max: number): string {
  return s.length > max ? s.slice(-max) : s;
}

function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}
