import assert from 'node:assert/strict';
import { RepeatDetector } from '../../../src/core/orchestrator/guards/repeat-detector';

/** Feeds `text` in chunks of `size` characters; returns the first report, if any. */
function feed(d: RepeatDetector, text: string, size: number): string | undefined {
  for (let i = 0; i < text.length; i += size) {
    const hit = d.push(text.slice(i, i + size));
    if (hit) return hit;
  }
  return undefined;
}

/** Distinct words, so neither a chunk, a line nor a short pattern repeats. */
const prose = (n: number): string => Array.from({ length: n }, (_, k) => `w${k} `).join('');

describe('orchestrator/RepeatDetector', () => {
  it('finds a line repeated across chunk boundaries, whatever the chunking', () => {
    const answer = `intro\n${'the same sentence again\n'.repeat(6)}`;
    for (const size of [1, 3, 7, 24, 25, 1000]) {
      const hit = feed(new RepeatDetector(5), answer, size);
      // Chunks of exactly one line's length repeat as chunks first.
      assert.match(hit ?? '', /the same (line "the same sentence again"|chunk "[^"]*") 5 times in a row/, `chunks of ${size}`);
    }
  });

  it('lines are compared whole (up to 8192 characters), not by their ends', () => {
    const lines = Array.from({ length: 10 }, (_, k) => `line ${k}: ${'the same long ending '.repeat(20)}\n`).join('');
    // 429 characters a line: chunks of 13 and 33 cut every line at the same places.
    for (const size of [7, 13, 33, 500]) assert.equal(feed(new RepeatDetector(3), lines, size), undefined, `chunks of ${size}`);
  });

  it('reports exactly what cutting the tail and the open line back after every chunk reported', () => {
    // Random answers mixing prose, long unbroken lines, repeated lines and patterns, in random chunk sizes.
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1664525 + 1013904223) >>> 0;
      return seed % n;
    };
    const pieces = [(): string => prose(200 + random(4000)), (): string => 'same line here\n'.repeat(1 + random(80)), (): string => '\n', (): string => 'xy'.repeat(50 + random(400)), (): string => `${prose(random(30))}\n`, (): string => Array.from({ length: 1 + random(60) }, () => `${prose(random(40))}${'common ending '.repeat(10)}\n`).join('')];
    const kinds = new Set<string>();
    for (let run = 0; run < 60; run++) {
      let answer = '';
      while (answer.length < 40_000) answer += (pieces[random(pieces.length)] as () => string)();
      const maxRepeats = 3 + random(60);
      const size = 1 + random(200);
      const d = new RepeatDetector(maxRepeats);
      const reference = new ReferenceDetector(maxRepeats);
      for (let i = 0; i < answer.length; i += size) {
        const chunk = answer.slice(i, i + size);
        const want = reference.push(chunk);
        assert.equal(d.push(chunk), want, `run ${run}, chunk at ${i}`);
        if (want) {
          kinds.add(want.split(' ').slice(0, 3).join(' '));
          break;
        }
      }
    }
    // The comparison covered every kind of report, not only answers without one.
    assert.ok(kinds.has('the same line') && [...kinds].some((k) => k.startsWith('the pattern')), [...kinds].join('; '));
  });

  it('finds a short pattern however it is chunked, and keeps its memory bounded on a long answer without breaks', () => {
    const d = new RepeatDetector(50);
    assert.equal(feed(d, prose(20_000), 5), undefined);
    const kept = d as unknown as { tail: string; partialLine: string };
    // One unbroken line of ~130k characters: the detector holds at most twice the 8192-character tail of each.
    assert.ok(kept.tail.length <= 2 * 8192, `tail ${kept.tail.length}`);
    assert.ok(kept.partialLine.length <= 2 * 8192, `open line ${kept.partialLine.length}`);
    assert.match(feed(d, 'ab'.repeat(400), 3) ?? '', /the pattern "(ab|ba)" \d+ times in a row/);
  });

  it('an echo the prompt asked for is not a loop', () => {
    const d = new RepeatDetector(5, (unit) => unit === 'ok');
    assert.equal(feed(d, 'ok\n'.repeat(20), 2), undefined);
  });
});

/** The detector as it was before it stopped cutting back after every chunk (the reference for equal reports). */
class ReferenceDetector {
  private lastChunk = '';
  private chunkRepeats = 0;
  private partialLine = '';
  private lastLine = '';
  private lineRepeats = 0;
  private tail = '';
  private sinceCheck = 0;
  constructor(private readonly maxRepeats: number) {}

  push(chunk: string): string | undefined {
    if (chunk.length === 0) return undefined;
    this.chunkRepeats = chunk === this.lastChunk ? this.chunkRepeats + 1 : 1;
    this.lastChunk = chunk;
    if (this.chunkRepeats >= this.maxRepeats) return `the same chunk ${JSON.stringify(clip(chunk))} ${this.chunkRepeats} times in a row`;
    const lines = (this.partialLine + chunk).split('\n');
    this.partialLine = (lines.pop() ?? '').slice(-8192);
    for (const raw of lines) {
      const line = raw.trim();
      if (line === '') continue;
      this.lineRepeats = line === this.lastLine ? this.lineRepeats + 1 : 1;
      this.lastLine = line;
      if (this.lineRepeats >= this.maxRepeats) return `the same line ${JSON.stringify(clip(line))} ${this.lineRepeats} times in a row`;
    }
    this.tail = (this.tail + chunk).slice(-8192);
    this.sinceCheck += chunk.length;
    if (this.sinceCheck < 128) return undefined;
    this.sinceCheck = 0;
    const t = this.tail;
    for (let period = 1; period <= 64; period += 1) {
      let same = 0;
      for (let i = t.length - 1 - period; i >= 0 && t.charCodeAt(i) === t.charCodeAt(i + period); i -= 1) same += 1;
      const repeats = Math.floor((same + period) / period);
      if (repeats >= this.maxRepeats && same + period >= 512) return `the pattern ${JSON.stringify(clip(t.slice(-period)))} ${repeats} times in a row`;
    }
    return undefined;
  }
}

function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}
