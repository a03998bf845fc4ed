import assert from 'node:assert/strict';
import { guardSseBody } from '../../../src/core/net/guard-response-body';

/** What the guard must pass on: the text with every `event:` line (and its line end) removed. */
function withoutEventLines(text: string): string {
  return text.replace(/^event:[^\r\n]*(\r\n|\n|\r|$)/gm, '');
}

function streamOf(parts: readonly Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(c) {
      for (const p of parts) c.enqueue(p);
      c.close();
    },
  });
}

/** `bytes` cut into chunks at the given offsets. */
function cut(bytes: Uint8Array, at: readonly number[]): Uint8Array[] {
  const points = [0, ...[...at].sort((a, b) => a - b), bytes.length];
  return points.slice(1).map((end, i) => bytes.slice(points[i], end));
}

async function collect(body: AsyncIterable<Uint8Array>): Promise<{ bytes: Uint8Array; chunks: Uint8Array[] }> {
  const chunks: Uint8Array[] = [];
  for await (const c of body) chunks.push(c);
  return { bytes: Buffer.concat(chunks), chunks };
}

/** A small deterministic PRNG so a failure names a reproducible case. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const SAMPLE = [
  'data: {"id":"1","choices":[{"delta":{"content":"héllo"}}]}\n\n',
  'event: thread.message.delta\ndata: not json\n\n',
  'data: {"a":1}\r\n\r\n',
  'eve\ndata: x\r\r',
  'event:\revent: y\r\ndata: {"b":"ü€😀"}\n\n',
  ': comment\nevents: kept\nevent kept too\ndata: [DONE]\n\n',
].join('');

describe('SSE body guard (bytes in, bytes out)', () => {
  it('drops exactly the `event:` lines, however the stream is cut into chunks', async () => {
    const bytes = new TextEncoder().encode(SAMPLE);
    const expected = withoutEventLines(SAMPLE);
    const random = rng(7);
    const cuts: number[][] = [[], Array.from({ length: bytes.length - 1 }, (_, i) => i + 1)];
    for (let n = 0; n < 300; n++) cuts.push(Array.from({ length: 1 + Math.floor(random() * 12) }, () => 1 + Math.floor(random() * (bytes.length - 1))));
    for (const at of cuts) {
      const { bytes: got } = await collect(guardSseBody(streamOf(cut(bytes, at)), { maxEventBytes: 1 << 20, dropEventLines: true }));
      assert.equal(new TextDecoder().decode(got), expected, `cut at ${JSON.stringify(at)}`);
    }
  });

  it('hands on the very chunks it got when nothing is dropped (no copy)', async () => {
    const parts = cut(new TextEncoder().encode('data: {"x":1}\n\ndata: {"x":2}\n\n'), [5, 17]);
    const { chunks } = await collect(guardSseBody(streamOf(parts), { maxEventBytes: 1 << 20, dropEventLines: true }));
    assert.equal(chunks.length, parts.length);
    chunks.forEach((c, i) => assert.equal(c.buffer, parts[i]?.buffer, `chunk ${i} is the original`));
  });

  it('refuses an event longer than the cap, counted across its lines and chunks, and resets at a blank line', async () => {
    const ok = 'data: 0123456789\ndata: 0123456789\n\n'.repeat(3); // 32 bytes an event
    const fine = await collect(guardSseBody(streamOf(cut(new TextEncoder().encode(ok), [3, 40, 41])), { maxEventBytes: 32, dropEventLines: false }));
    assert.equal(new TextDecoder().decode(fine.bytes), ok);
    const long = 'data: 0123456789\ndata: 01234567890\n\n';
    await assert.rejects(collect(guardSseBody(streamOf(cut(new TextEncoder().encode(long), [20])), { maxEventBytes: 32, dropEventLines: false })), /a stream event longer than 32 bytes/);
    // One line with no line break at all, as a hostile upstream sends it.
    const endless = new Uint8Array(100).fill(0x61);
    await assert.rejects(collect(guardSseBody(streamOf([endless, endless]), { maxEventBytes: 150, dropEventLines: true })), /longer than 150 bytes/);
  });

  it('passes `event:` lines on when not asked to drop them', async () => {
    const { bytes } = await collect(guardSseBody(streamOf(cut(new TextEncoder().encode(SAMPLE), [4, 33, 60])), { maxEventBytes: 1 << 20, dropEventLines: false }));
    assert.equal(new TextDecoder().decode(bytes), SAMPLE);
  });
});
