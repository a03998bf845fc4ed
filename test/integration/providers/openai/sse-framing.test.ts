import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeProvider, ReplayBehaviour, chunksToSseEvents, startFakeProvider } from '../../../support/fake-provider';
import { WIRE_DIR, sharedFixturesPresent } from '../../../support/fixtures-dir';
import { ProviderPart } from '../../../../src/core/model/provider-part';
import { adapterFor, run } from './helpers';

/**
 * R11: the parsed part sequence must not depend on how the bytes were cut into
 * reads. Each body is served once whole, then split into two writes at every
 * byte offset; the same parts must come out every time.
 */
describe('OpenAI adapter: SSE framing (R11)', function () {
  this.timeout(180_000);
  let server: FakeProvider;
  let dir: string;
  before(async () => {
    server = await startFakeProvider();
    dir = mkdtempSync(join(tmpdir(), 'sb-sse-'));
  });
  after(async () => server.close());

  const chunk = (delta: Record<string, unknown>, finish: string | null = null, usage?: Record<string, unknown>): string =>
    JSON.stringify({ id: 'chatcmpl-x', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta, finish_reason: finish }], ...(usage ? { usage } : {}) });

  /** Multi-byte text (é, ö, 🚀), reasoning, a tool call and usage, so splits land inside code points too. */
  const SYNTHETIC_EVENTS = [
    chunk({ role: 'assistant', reasoning_content: 'Thinking… ' }),
    chunk({ content: 'Héllo ' }),
    chunk({ content: 'wörld 🚀' }),
    chunk({ tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'f', arguments: '{"a":' } }] }),
    chunk({ tool_calls: [{ index: 0, function: { arguments: '1}' } }] }),
    chunk({}, 'stop'),
    JSON.stringify({ id: 'chatcmpl-x', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [], usage: { prompt_tokens: 9, completion_tokens: 7, total_tokens: 16, prompt_tokens_details: { cached_tokens: 2 } } }),
  ];
  const syntheticBody = (): string => SYNTHETIC_EVENTS.map((e) => `data: ${e}\n\n`).join('') + 'data: [DONE]\n\n';

  function file(name: string, body: string): string {
    const path = join(dir, name);
    writeFileSync(path, body);
    return path;
  }

  async function partsFor(path: string, extra: Partial<ReplayBehaviour>, model: string): Promise<ProviderPart[]> {
    server.forModel(model, { kind: 'replay', file: path, ...extra });
    const out = await run(adapterFor({ kind: 'openai-compatible', baseUrl: server.openaiBaseUrl }), { model });
    if (out.error) throw out.error;
    return out.parts;
  }

  /** Serves `path` split at every offset (in batches, concurrently); returns the offsets whose parts differ. */
  async function differingSplits(path: string, baseline: ProviderPart[], tag: string): Promise<number[]> {
    const size = readFileSync(path).length;
    const bad: number[] = [];
    const offsets = Array.from({ length: size - 1 }, (_, i) => i + 1);
    for (let i = 0; i < offsets.length; i += 24) {
      await Promise.all(
        offsets.slice(i, i + 24).map(async (at) => {
          const parts = await partsFor(path, { splitAt: [at], pauseMs: 1 }, `${tag}-${at}`).catch((e: unknown) => [{ type: 'text-delta' as const, text: `ERROR ${String(e)}` }]);
          try {
            assert.deepEqual(parts, baseline);
          } catch {
            bad.push(at);
          }
        }),
      );
    }
    return bad.sort((a, b) => a - b);
  }

  async function checkEverySplit(name: string, body: string, tag: string): Promise<void> {
    const path = file(name, body);
    const baseline = await partsFor(path, {}, `${tag}-whole`);
    assert.ok(baseline.some((p) => p.type === 'finish'), 'baseline finished');
    const bad = await differingSplits(path, baseline, tag);
    const sample = server.requestsFor(`${tag}-1`)[0];
    assert.equal(sample?.chunkWrittenAt.length, 2, 'a split body was written in two pieces');
    assert.deepEqual(bad, [], `parts differ when split at offsets ${bad.slice(0, 10).join(', ')}`);
  }

  it('synthetic stream (multi-byte text, reasoning, tool call, usage): identical at every split', async () => {
    await checkEverySplit('synthetic.sse', syntheticBody(), 'syn');
  });

  it('the same stream with \\r\\n line endings: identical parts, at every split', async () => {
    const lf = await partsFor(file('lf.sse', syntheticBody()), {}, 'lf');
    const crlfBody = syntheticBody().replace(/\n/g, '\r\n');
    const crlf = await partsFor(file('crlf.sse', crlfBody), {}, 'crlf-whole');
    assert.deepEqual(crlf, lf);
    await checkEverySplit('crlf.sse', crlfBody, 'crlf');
  });

  it('comment and heartbeat lines (": keep-alive", ": OPENROUTER PROCESSING") are ignored, at every split', async () => {
    const lf = await partsFor(file('plain.sse', syntheticBody()), {}, 'plain');
    const withComments = SYNTHETIC_EVENTS.map((e) => `: keep-alive\n\ndata: ${e}\n: OPENROUTER PROCESSING\n\n`).join('') + ': bye\n\ndata: [DONE]\n\n';
    assert.deepEqual(await partsFor(file('comments.sse', withComments), {}, 'comments-whole'), lf);
    await checkEverySplit('comments.sse', withComments, 'comments');
  });

  it('several events in one write and one event per write give the same parts', async () => {
    const path = file('events.chunks.txt', SYNTHETIC_EVENTS.join('\n'));
    const perEvent = await partsFor(path, { appendDone: true }, 'per-event');
    const allInOne = await partsFor(file('one.sse', syntheticBody()), {}, 'all-in-one');
    const sevenBytes = await partsFor(file('seven.sse', syntheticBody()), { writeChunkBytes: 7, pauseMs: 0 }, 'seven');
    assert.deepEqual(perEvent, allInOne);
    assert.deepEqual(sevenBytes, allInOne);
  });

  describe('captured transcripts', () => {
    before(function () {
      if (!sharedFixturesPresent()) {
        console.log(`      (skipped: shared fixtures folder not found at ${WIRE_DIR})`);
        this.skip();
      }
    });

    it('anthropic-oaicompat raw .sse (text + tool call from index 1 + [DONE]): identical at every split', async () => {
      await checkEverySplit('oaicompat.sse', readFileSync(join(WIRE_DIR, 'anthropic-oaicompat-chat__anthropic-fallback-tool-call.sse'), 'utf8'), 'oaic');
    });

    it('xAI text stream (reasoning_content + usage), framed as SSE: identical at every split', async () => {
      const events = chunksToSseEvents(readFileSync(join(WIRE_DIR, 'xai-chat__xai-text.chunks.txt'), 'utf8'), true);
      await checkEverySplit('xai.sse', events.join(''), 'xai');
    });
  });
});
