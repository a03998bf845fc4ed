import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { chunksToSseEvents, startFakeProvider, wireFixturesDir, wireFixturesPath, type FakeProvider } from '../../support/fake-provider';
import { anthropicBody, chatBody, parseSse, post, rawPost } from './helpers';

describe('fake provider: replay of captured transcripts', function () {
  const dir = wireFixturesDir();
  let fp: FakeProvider;
  const file = (name: string): string => path.join(dir ?? '', name);

  before(function () {
    if (dir === undefined) {
      console.log(`    (skipped: fixtures folder ${wireFixturesPath()} not found)`);
      this.skip();
    }
  });
  beforeEach(async () => {
    fp = await startFakeProvider();
  });
  afterEach(async () => {
    await fp?.close();
  });

  it('*.json is served byte for byte as application/json', async () => {
    const f = file('openai-chat__openai-text.json');
    fp.enqueue({ kind: 'replay', file: f });
    const res = await post(`${fp.openaiBaseUrl}/chat/completions`, chatBody('x'));
    assert.equal(res.headers.get('content-type'), 'application/json');
    assert.ok(Buffer.from(await res.arrayBuffer()).equals(readFileSync(f)));
  });

  it('*.sse is served raw, byte for byte, as text/event-stream', async () => {
    const f = file('anthropic-oaicompat-chat__anthropic-fallback-tool-call.sse');
    fp.enqueue({ kind: 'replay', file: f });
    const res = await post(`${fp.openaiBaseUrl}/chat/completions`, chatBody('x', { stream: true }));
    assert.equal(res.headers.get('content-type'), 'text/event-stream');
    assert.ok(Buffer.from(await res.arrayBuffer()).equals(readFileSync(f)));
  });

  it('Anthropic *.chunks.txt: event: <type> + data: <line> per line, no [DONE]', async () => {
    const f = file('anthropic-messages__anthropic-text.chunks.txt');
    const lines = readFileSync(f, 'utf8').split('\n').filter((l) => l.trim() !== '');
    fp.enqueue({ kind: 'replay', file: f });
    const text = await (await post(`${fp.anthropicBaseUrl}/v1/messages`, anthropicBody('x', { stream: true }))).text();
    assert.equal(text, chunksToSseEvents(readFileSync(f, 'utf8')).join(''));
    const events = parseSse(text);
    assert.deepEqual(events.map((e) => e.data), lines);
    assert.equal(events[0]?.event, 'message_start');
    assert.equal(events.at(-1)?.event, 'message_stop');
  });

  it('OpenAI *.chunks.txt: data lines only; [DONE] only when asked', async () => {
    const f = file('openai-chat__openai-text.chunks.txt');
    fp.enqueue({ kind: 'replay', file: f }, { kind: 'replay', file: f, appendDone: true });
    const plain = parseSse(await (await post(`${fp.openaiBaseUrl}/chat/completions`, chatBody('x', { stream: true }))).text());
    assert.ok(plain.every((e) => e.event === undefined));
    assert.notEqual(plain.at(-1)?.data, '[DONE]');
    const withDone = parseSse(await (await post(`${fp.openaiBaseUrl}/chat/completions`, chatBody('x', { stream: true }))).text());
    assert.equal(withDone.at(-1)?.data, '[DONE]');
    assert.equal(withDone.length, plain.length + 1);
  });

  it('splitAt writes pieces at exact offsets; the bytes are identical at every split', async () => {
    const f = file('anthropic-messages__anthropic-text.chunks.txt');
    const expected = Buffer.from(chunksToSseEvents(readFileSync(f, 'utf8')).join(''), 'utf8');
    for (const offset of [1, 7, 8, 9, 100, expected.length - 1]) {
      fp.enqueue({ kind: 'replay', file: f, splitAt: [offset], pauseMs: 5 });
      const result = await rawPost(`${fp.anthropicBaseUrl}/v1/messages`, anthropicBody('x', { stream: true }));
      assert.equal(result.outcome, 'end');
      assert.ok(Buffer.concat(result.chunks).equals(expected), `offset ${offset}`);
      assert.equal(result.chunks[0]?.length, offset, `first read ends at the split (offset ${offset})`);
    }
  });

  it('writeChunkBytes writes fixed-size pieces', async () => {
    const f = file('anthropic-messages__anthropic-text.json');
    fp.enqueue({ kind: 'replay', file: f, writeChunkBytes: 100, pauseMs: 1 });
    const result = await rawPost(`${fp.anthropicBaseUrl}/v1/messages`, anthropicBody('x'));
    assert.ok(Buffer.concat(result.chunks).equals(readFileSync(f)));
    const r = fp.requests[0];
    assert.equal(r?.chunkWrittenAt.length, Math.ceil(readFileSync(f).length / 100));
  });

  it('interChunkDelayMs spaces replayed events', async () => {
    const f = file('anthropic-messages__anthropic-text.chunks.txt');
    fp.enqueue({ kind: 'replay', file: f, interChunkDelayMs: 15 });
    await (await post(`${fp.anthropicBaseUrl}/v1/messages`, anthropicBody('x', { stream: true }))).text();
    const w = fp.requests[0]?.chunkWrittenAt ?? [];
    assert.ok(w.length > 3);
    assert.ok((w.at(-1) ?? 0) - (w[0] ?? 0) >= 15 * (w.length - 1) - 5);
  });

  it('a missing replay file answers 500 naming the file', async () => {
    fp.enqueue({ kind: 'replay', file: '/nonexistent/x.json' });
    const res = await post(`${fp.openaiBaseUrl}/chat/completions`, chatBody('x'));
    assert.equal(res.status, 500);
    assert.match(await res.text(), /\/nonexistent\/x\.json/);
  });
});
