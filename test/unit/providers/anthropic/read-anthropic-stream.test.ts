import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ProviderPart } from '../../../../src/core/model/provider-part';
import { SwitchboardError } from '../../../../src/core/model/switchboard-error';
import { readAnthropicStream } from '../../../../src/core/providers/anthropic/read-anthropic-stream';
import { WIRE_DIR, sharedFixturesPresent } from '../../../support/fixtures-dir';

async function* from(events: unknown[], thenThrow?: unknown): AsyncGenerator<unknown> {
  for (const e of events) yield e;
  if (thenThrow !== undefined) throw thenThrow;
}

async function collect(events: unknown[], thenThrow?: unknown): Promise<{ parts: ProviderPart[]; error?: SwitchboardError }> {
  const parts: ProviderPart[] = [];
  try {
    for await (const p of readAnthropicStream(from(events, thenThrow))) parts.push(p);
    return { parts };
  } catch (err) {
    assert.ok(SwitchboardError.isInstance(err), String(err));
    return { parts, error: err };
  }
}

const start = (id = 'msg_1', usage: Record<string, unknown> = { input_tokens: 10, cache_creation_input_tokens: 2, cache_read_input_tokens: 3, output_tokens: 1 }) => ({
  type: 'message_start',
  message: { id, type: 'message', role: 'assistant', content: [], stop_reason: null, usage },
});
const text = (index: number, t: string) => ({ type: 'content_block_delta', index, delta: { type: 'text_delta', text: t } });

describe('readAnthropicStream', () => {
  it('text, thinking, tool call, usage and finish in order', async () => {
    const { parts, error } = await collect([
      start(),
      { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } },
      { type: 'ping' },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'hmm' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'sig' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } },
      text(1, 'Hel'),
      text(1, 'lo'),
      { type: 'content_block_stop', index: 1 },
      { type: 'content_block_start', index: 2, content_block: { type: 'tool_use', id: 'toolu_1', name: 'get', input: {} } },
      { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '{"a": ' } },
      { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '1}' } },
      { type: 'content_block_stop', index: 2 },
      { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 42 } },
      { type: 'message_stop' },
    ]);
    assert.equal(error, undefined);
    assert.deepEqual(parts, [
      { type: 'reasoning-delta', text: 'hmm' },
      { type: 'thinking-block', block: { type: 'thinking', thinking: 'hmm', signature: 'sig' } },
      { type: 'text-delta', text: 'Hel' },
      { type: 'text-delta', text: 'lo' },
      { type: 'tool-call-start', index: 0, id: 'toolu_1', name: 'get' },
      { type: 'tool-call-delta', index: 0, id: 'toolu_1', argumentsDelta: '{"a": ' },
      { type: 'tool-call-delta', index: 0, id: 'toolu_1', argumentsDelta: '1}' },
      { type: 'tool-call', id: 'toolu_1', name: 'get', arguments: '{"a":1}' },
      { type: 'usage', usage: { inputTokens: 15, outputTokens: 42, cacheReadTokens: 3, cacheWriteTokens: 2, reasoningTokens: 0, estimated: false } },
      { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_use' } },
    ]);
  });

  it('a captured thinking stream gives its signed block whole (text and signature as sent), then the answer', async function () {
    if (!sharedFixturesPresent()) this.skip();
    const lines = fs.readFileSync(path.join(WIRE_DIR, 'anthropic-messages__anthropic-clear-thinking.1.chunks.txt'), 'utf8').split('\n').filter((l) => l.trim() !== '');
    const events = lines.map((l) => JSON.parse(l) as Record<string, any>); // eslint-disable-line @typescript-eslint/no-explicit-any
    const { parts, error } = await collect(events);
    assert.equal(error, undefined);
    const sent = events.filter((e) => e.type === 'content_block_delta' && e.index === 0);
    const thinking = sent.map((e) => e.delta.thinking ?? '').join('');
    const signature = sent.map((e) => e.delta.signature ?? '').join('');
    assert.ok(signature.length > 100);
    assert.deepEqual(parts.filter((p) => p.type === 'thinking-block'), [{ type: 'thinking-block', block: { type: 'thinking', thinking, signature } }]);
    assert.equal(parts.filter((p) => p.type === 'reasoning-delta').map((p) => (p.type === 'reasoning-delta' ? p.text : '')).join(''), thinking);
    assert.ok(parts.findIndex((p) => p.type === 'thinking-block') < parts.findIndex((p) => p.type === 'text-delta'));
  });

  it('a redacted_thinking block is handed on whole (nothing to show); an unsigned thinking block is not', async () => {
    const { parts } = await collect([
      start(),
      { type: 'content_block_start', index: 0, content_block: { type: 'redacted_thinking', data: 'EmwKAhgBEgy3va3pzix' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'thinking', thinking: '', signature: '' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'thinking_delta', thinking: 'no signature follows' } },
      { type: 'content_block_stop', index: 1 },
      { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 3 } },
      { type: 'message_stop' },
    ]);
    assert.deepEqual(
      parts.filter((p) => p.type === 'thinking-block' || p.type === 'reasoning-delta'),
      [{ type: 'thinking-block', block: { type: 'redacted_thinking', data: 'EmwKAhgBEgy3va3pzix' } }, { type: 'reasoning-delta', text: 'no signature follows' }],
    );
  });

  it('a tool call without arguments gives "{}"; server-tool and unknown blocks are skipped', async () => {
    const { parts } = await collect([
      start(),
      { type: 'content_block_start', index: 0, content_block: { type: 'server_tool_use', id: 'srv', name: 'web_search', input: {} } },
      { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"q":"x"}' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'web_search_tool_result', content: [] } },
      { type: 'content_block_stop', index: 1 },
      { type: 'content_block_start', index: 2, content_block: { type: 'tool_use', id: 't', name: 'now', input: {} } },
      { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '' } },
      { type: 'content_block_stop', index: 2 },
      { type: 'brand_new_event', whatever: true },
      { type: 'message_delta', delta: { stop_reason: 'tool_use' }, usage: { output_tokens: 5 } },
      { type: 'message_stop' },
    ]);
    assert.deepEqual(parts.filter((p) => p.type !== 'usage' && p.type !== 'finish'), [
      { type: 'tool-call-start', index: 0, id: 't', name: 'now' },
      { type: 'tool-call', id: 't', name: 'now', arguments: '{}' },
    ]);
  });

  it('message_delta input counters (proxies, current API) override message_start', async () => {
    const { parts } = await collect([
      start('m', { input_tokens: 43, output_tokens: 1 }),
      { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { input_tokens: 61, output_tokens: 2 } },
      { type: 'message_stop' },
    ]);
    const usage = parts.find((p) => p.type === 'usage');
    assert.deepEqual(usage, { type: 'usage', usage: { inputTokens: 61, outputTokens: 2, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, estimated: false } });
  });

  it('ignores a duplicate message_start of the open message; a different one is invalid_response', async () => {
    const dup = await collect([start('a'), start('a'), { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 3 } }, { type: 'message_stop' }]);
    assert.equal(dup.error, undefined);
    assert.equal(dup.parts.find((p) => p.type === 'usage')?.type, 'usage');
    const spliced = await collect([start('a'), start('b')]);
    assert.equal(spliced.error?.kind, 'invalid_response');
  });

  it('a whole answer inside message_start (programmatic tool calling) is replayed', async () => {
    const { parts } = await collect([
      { type: 'message_start', message: { id: 'x', content: [{ type: 'tool_use', id: 't1', name: 'roll', input: { p: 1 } }], stop_reason: 'tool_use', usage: { input_tokens: 0, output_tokens: 0 } } },
      { type: 'message_stop' },
    ]);
    assert.deepEqual(parts[0], { type: 'tool-call', id: 't1', name: 'roll', arguments: '{"p":1}' });
    assert.deepEqual(parts[parts.length - 1], { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_use' } });
  });

  it('ends without message_stop: parts so far, partial usage, then network', async () => {
    const { parts, error } = await collect([start(), { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }, text(0, 'par')]);
    assert.equal(error?.kind, 'network');
    assert.match(error?.message ?? '', /ended before completion/);
    assert.deepEqual(parts.map((p) => p.type), ['text-delta', 'usage']);
  });

  it('a thrown SyntaxError (malformed event) is invalid_response; partial usage still comes first', async () => {
    const { parts, error } = await collect([start(), text(0, 'x')], new SyntaxError('Unexpected end of JSON input'));
    assert.equal(error?.kind, 'invalid_response');
    assert.deepEqual(parts.map((p) => p.type), ['text-delta', 'usage']);
  });

  it('a raw error event maps by its type', async () => {
    const { error } = await collect([start(), { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }]);
    assert.equal(error?.kind, 'overloaded');
  });

  it('stops at message_stop and ignores anything after it', async () => {
    const { parts, error } = await collect([start(), text(0, 'a'), { type: 'message_delta', delta: { stop_reason: 'end_turn' } }, { type: 'message_stop' }, start('next'), text(0, 'b')]);
    assert.equal(error, undefined);
    assert.deepEqual(parts.filter((p) => p.type === 'text-delta'), [{ type: 'text-delta', text: 'a' }]);
  });
});
