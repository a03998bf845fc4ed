import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProviderPart } from '../../../../src/core/model/provider-part';
import { startFakeProvider, type FakeProvider } from '../../../support/fake-provider';
import { WIRE_DIR, skipWithoutFixtures } from '../../../support/fixtures-dir';
import { adapterFor, runCall } from './anthropic-harness';

/**
 * R11 for the Anthropic format: `event:` lines, `ping` events and Anthropic's
 * whitespace padding inside data lines (errors.md), served as two writes split
 * at EVERY byte offset; the parsed parts must be identical for each split.
 */
const TRANSCRIPT = 'anthropic-messages__anthropic-clear-thinking.1.chunks.txt';

/** Real Anthropic framing: event line, data line padded before its last `}`, blank line; a ping after the first block start. */
function anthropicSse(lines: string[], eol = '\n'): string {
  let out = '';
  lines.forEach((line, i) => {
    const type = (JSON.parse(line) as { type: string }).type;
    const padded = i % 2 === 0 ? `${line.slice(0, -1)}${' '.repeat(1 + (i % 7))}}` : line;
    out += `event: ${type}${eol}data: ${padded}${eol}${eol}`;
    if (type === 'content_block_start') out += `event: ping${eol}data: {"type": "ping"}${eol}${eol}`;
  });
  return out;
}

const SMALL = [
  '{"type":"message_start","message":{"id":"msg_x","type":"message","role":"assistant","content":[],"model":"claude-sonnet-4-6","stop_reason":null,"usage":{"input_tokens":9,"cache_read_input_tokens":4,"cache_creation_input_tokens":2,"output_tokens":1}}}',
  '{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}',
  '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"héllo — 👋 "}}',
  '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"naïve ✓"}}',
  '{"type":"content_block_stop","index":0}',
  '{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":6}}',
  '{"type":"message_stop"}',
];

describe('anthropic adapter: SSE framing at every split point (R11)', function () {
  this.timeout(120000);
  let fp: FakeProvider;
  let tmp: string;
  before(async () => {
    fp = await startFakeProvider();
    tmp = mkdtempSync(join(tmpdir(), 'sb-anthropic-sse-'));
  });
  after(async () => {
    await fp.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  async function partsFor(file: string, extra: { splitAt?: number[]; writeChunkBytes?: number }): Promise<ProviderPart[]> {
    fp.enqueue({ kind: 'replay', file, pauseMs: 1, ...extra });
    const { parts, error } = await runCall(adapterFor(fp), { stream: true });
    assert.equal(error, undefined, `${JSON.stringify(extra)}: ${error?.message}`);
    return parts;
  }

  /** Serves `body` once whole, then split in two at every byte offset (in small parallel batches). */
  async function everySplit(name: string, body: string): Promise<number> {
    const file = join(tmp, `${name}.sse`);
    writeFileSync(file, body);
    const bytes = Buffer.byteLength(body);
    const reference = await partsFor(file, {});
    assert.equal(reference[reference.length - 1]?.type, 'finish');
    for (let start = 1; start < bytes; start += 16) {
      const offsets = Array.from({ length: Math.min(16, bytes - start) }, (_, i) => start + i);
      const results = await Promise.all(offsets.map((at) => partsFor(file, { splitAt: [at] })));
      results.forEach((parts, i) => assert.deepEqual(parts, reference, `split at byte ${offsets[i]}`));
    }
    return bytes;
  }

  it('a real transcript (thinking + text) with event lines, pings and padding: identical parts for every split', async function () {
    skipWithoutFixtures(this);
    const lines = readFileSync(join(WIRE_DIR, TRANSCRIPT), 'utf8').split('\n').filter((l) => l.trim() !== '');
    const bytes = await everySplit('clear-thinking', anthropicSse(lines));
    assert.ok(bytes > 2000);
  });

  it('multi-byte UTF-8 text: identical parts for every split, also inside a character', async () => {
    await everySplit('utf8', anthropicSse(SMALL));
  });

  it('\\r\\n line endings: identical parts for every split', async () => {
    await everySplit('crlf', anthropicSse(SMALL, '\r\n'));
  });

  it('several events per write and one write for the whole body give the same parts', async () => {
    const file = join(tmp, 'many.sse');
    writeFileSync(file, anthropicSse(SMALL));
    const reference = await partsFor(file, {});
    for (const size of [7, 64, 300, 100000]) assert.deepEqual(await partsFor(file, { writeChunkBytes: size }), reference, `writes of ${size} bytes`);
    assert.deepEqual(
      reference.filter((p) => p.type === 'text-delta').map((p) => (p.type === 'text-delta' ? p.text : '')),
      ['héllo — 👋 ', 'naïve ✓'],
    );
  });

  it('data-only events (no event: line, as some proxies send) are read, not dropped', async () => {
    const file = join(tmp, 'data-only.sse');
    writeFileSync(file, SMALL.map((l) => `data: ${l}\n\n`).join(''));
    const parts = await partsFor(file, {});
    assert.equal(parts.map((p) => (p.type === 'text-delta' ? p.text : '')).join(''), 'héllo — 👋 naïve ✓');
    assert.deepEqual(parts[parts.length - 1], { type: 'finish', finishReason: { unified: 'stop', raw: 'end_turn' } });
  });
});
