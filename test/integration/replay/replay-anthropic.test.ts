import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeProvider, startFakeProvider } from '../../support/fake-provider';
import { WIRE_DIR, sharedFixturesPresent, skipWithoutFixtures } from '../../support/fixtures-dir';
import { ProviderPart } from '../../../src/core/model/provider-part';
import { adapterFor, runCall, textOf } from '../providers/anthropic/anthropic-harness';
import { NOT_TRANSCRIPTS, classifyTranscript } from './transcript-catalog';

/**
 * Every captured Anthropic Messages transcript, served by the fake server's
 * replay and read by the adapter. Expected values are computed here from the
 * transcript JSON itself, without any of the adapter's code. A `.chunks.txt`
 * holding several responses back to back (multi-step captures: one
 * message_start..message_stop each) is served one response per request.
 */
type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const n = (v: unknown): number => (typeof v === 'number' ? v : 0);
const s = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Anthropic's documented stop reasons, as the product promises to report them. */
const UNIFIED: Record<string, string> = { end_turn: 'stop', stop_sequence: 'stop', max_tokens: 'length', tool_use: 'tool-calls', refusal: 'content-filter', pause_turn: 'other' };

interface ExpectedCall {
  id: string;
  name: string;
  /** The arguments as a value (the adapter's string is compared parsed). */
  input: unknown;
}

interface Expected {
  text: string;
  reasoning: string;
  toolCalls: ExpectedCall[];
  stopReason: string | undefined;
  usage: { inputTokens: number; outputTokens: number; cacheReadTokens: number; cacheWriteTokens: number } | undefined;
}

/** Billed prompt = input + cache writes + cache reads (+ compaction passes, which the top level leaves out). */
function expectedUsage(u: Json): NonNullable<Expected['usage']> {
  const rows = [u, ...(Array.isArray(u.iterations) ? u.iterations.filter((it) => isObj(it) && it.type === 'compaction') : [])] as Json[];
  const sum = (k: string) => rows.reduce((a, r) => a + n(r[k]), 0);
  return {
    inputTokens: sum('input_tokens') + sum('cache_creation_input_tokens') + sum('cache_read_input_tokens'),
    outputTokens: sum('output_tokens'),
    cacheReadTokens: sum('cache_read_input_tokens'),
    cacheWriteTokens: sum('cache_creation_input_tokens'),
  };
}

function blockTexts(blocks: unknown, exp: Expected): void {
  for (const b of Array.isArray(blocks) ? blocks : []) {
    if (isObj(b) && b.type === 'text') exp.text += s(b.text);
    if (isObj(b) && b.type === 'thinking') exp.reasoning += s(b.thinking);
    // Client tool calls only: server tools (web search, code execution...) run at Anthropic.
    if (isObj(b) && b.type === 'tool_use') exp.toolCalls.push({ id: s(b.id), name: s(b.name), input: b.input ?? {} });
  }
}

function expectedFromJson(message: Json): Expected {
  const exp: Expected = { text: '', reasoning: '', toolCalls: [], stopReason: s(message.stop_reason) || undefined, usage: undefined };
  blockTexts(message.content, exp);
  if (isObj(message.usage)) exp.usage = expectedUsage(message.usage);
  return exp;
}

function expectedFromEvents(events: Json[]): Expected {
  const exp: Expected = { text: '', reasoning: '', toolCalls: [], stopReason: undefined, usage: undefined };
  let usage: Json | undefined;
  const streamed = new Map<number, { call: ExpectedCall; json: string | undefined }>();
  for (const e of events) {
    if (e.type === 'message_start' && isObj(e.message)) {
      if (usage) continue; // a repeated start of the open message
      blockTexts(e.message.content, exp);
      exp.stopReason = s(e.message.stop_reason) || exp.stopReason;
      if (isObj(e.message.usage)) usage = { ...e.message.usage };
    }
    if (e.type === 'content_block_start' && isObj(e.content_block)) {
      const b = e.content_block;
      if (b.type === 'tool_use') {
        const call = { id: s(b.id), name: s(b.name), input: b.input ?? {} };
        streamed.set(n(e.index), { call, json: undefined });
        exp.toolCalls.push(call);
      } else blockTexts([b], exp);
    }
    if (e.type === 'content_block_delta' && isObj(e.delta)) {
      if (e.delta.type === 'text_delta') exp.text += s(e.delta.text);
      if (e.delta.type === 'thinking_delta') exp.reasoning += s(e.delta.thinking);
      const tool = streamed.get(n(e.index));
      if (e.delta.type === 'input_json_delta' && tool) tool.json = (tool.json ?? '') + s(e.delta.partial_json);
    }
    if (e.type === 'content_block_stop') {
      const tool = streamed.get(n(e.index));
      if (tool && tool.json !== undefined) tool.call.input = tool.json.trim() === '' ? {} : (JSON.parse(tool.json) as unknown);
      streamed.delete(n(e.index));
    }
    if (e.type === 'message_delta') {
      if (isObj(e.delta) && typeof e.delta.stop_reason === 'string') exp.stopReason = e.delta.stop_reason;
      if (isObj(e.usage)) for (const [k, v] of Object.entries(e.usage)) if (v !== null) usage = { ...(usage ?? {}), [k]: v };
    }
  }
  if (usage) exp.usage = expectedUsage(usage);
  return exp;
}

/** The responses inside a `.chunks.txt`: lines up to and including each message_stop. */
function responses(raw: string): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  for (const line of raw.split('\n')) {
    if (line.trim() === '') continue;
    current.push(line);
    if ((JSON.parse(line) as Json).type === 'message_stop') {
      out.push(current);
      current = [];
    }
  }
  if (current.length > 0) out.push(current);
  return out;
}

function assertMatches(parts: ProviderPart[], exp: Expected, label: string): void {
  assert.equal(textOf(parts), exp.text, `${label}: text`);
  assert.equal(textOf(parts, 'reasoning-delta'), exp.reasoning, `${label}: reasoning`);
  const finish = parts.find((p) => p.type === 'finish');
  assert.ok(finish && finish.type === 'finish', `${label}: finish part`);
  assert.equal(finish.finishReason.raw, exp.stopReason, `${label}: raw stop reason`);
  assert.equal(finish.finishReason.unified, exp.stopReason === undefined ? 'other' : (UNIFIED[exp.stopReason] ?? 'other'), `${label}: unified finish`);
  const usage = parts.find((p) => p.type === 'usage');
  if (exp.usage === undefined) assert.equal(usage, undefined, `${label}: no usage`);
  else {
    assert.ok(usage && usage.type === 'usage', `${label}: usage part`);
    const { reasoningTokens: _r, estimated, ...counted } = usage.usage;
    assert.equal(estimated, false);
    assert.deepEqual(counted, exp.usage, `${label}: usage`);
  }
  const calls = parts.flatMap((p) => (p.type === 'tool-call' ? [{ id: p.id, name: p.name, input: JSON.parse(p.arguments) as unknown }] : []));
  assert.deepEqual(calls, exp.toolCalls, `${label}: tool calls (ids, names, arguments)`);
  if (exp.toolCalls.length > 0) withCalls.add(label.replace(/ response \d+$/, ''));
}

const withCalls = new Set<string>();

const files = sharedFixturesPresent()
  ? readdirSync(WIRE_DIR).filter((f) => !NOT_TRANSCRIPTS.has(f) && classifyTranscript(f)?.supported === true && (classifyTranscript(f) as { adapter: string }).adapter === 'anthropic')
  : [];
const SYNTHETIC = join(WIRE_DIR, 'suspect-synthetic');

describe('replay: Anthropic Messages transcripts through the adapter', function () {
  this.timeout(30000);
  let fp: FakeProvider;
  let tmp: string;
  before(async function () {
    skipWithoutFixtures(this);
    fp = await startFakeProvider();
    tmp = mkdtempSync(join(tmpdir(), 'sb-anthropic-replay-'));
  });
  after(async () => {
    if (withCalls.size > 0) console.log(`      ${withCalls.size} Anthropic transcripts replayed with tool calls checked`);
    await fp?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('finds the Anthropic transcripts', () => {
    assert.ok(files.length >= 40, `only ${files.length} anthropic transcripts classified as supported`);
  });

  for (const file of files) {
    it(file, async () => {
      const raw = readFileSync(join(WIRE_DIR, file), 'utf8');
      if (file.endsWith('.json')) {
        fp.enqueue({ kind: 'replay', file: join(WIRE_DIR, file) });
        const { parts, error } = await runCall(adapterFor(fp), { stream: false });
        assert.equal(error, undefined, error?.message);
        assertMatches(parts, expectedFromJson(JSON.parse(raw) as Json), file);
        return;
      }
      const segments = responses(raw);
      for (const [i, lines] of segments.entries()) {
        const path = segments.length === 1 ? join(WIRE_DIR, file) : join(tmp, `${i}-${file}`);
        if (segments.length > 1) writeFileSync(path, lines.join('\n') + '\n');
        fp.enqueue({ kind: 'replay', file: path });
        const { parts, error } = await runCall(adapterFor(fp), { stream: true });
        assert.equal(error, undefined, `${file} response ${i}: ${error?.message}`);
        assertMatches(parts, expectedFromEvents(lines.map((l) => JSON.parse(l) as Json)), `${file} response ${i}`);
      }
    });
  }

  describe('suspect-synthetic edge cases (hand-written, not real captures)', () => {
    const synthetic = (name: string) => join(SYNTHETIC, name);
    before(function () {
      if (!existsSync(SYNTHETIC)) this.skip();
    });

    for (const name of ['anthropic-messages__anthropic-refusal.chunks.txt', 'anthropic-messages__anthropic-fallback.chunks.txt', 'anthropic-messages__anthropic-advisor-stop-reasons.chunks.txt', 'anthropic-messages__duplicate-message-start.chunks.txt']) {
      it(`[synthetic] ${name}`, async () => {
        fp.enqueue({ kind: 'replay', file: synthetic(name) });
        const { parts, error } = await runCall(adapterFor(fp), { stream: true });
        assert.equal(error, undefined, error?.message);
        const lines = readFileSync(synthetic(name), 'utf8').split('\n').filter((l) => l.trim() !== '');
        assertMatches(parts, expectedFromEvents(lines.map((l) => JSON.parse(l) as Json)), name);
      });
    }

    for (const name of ['anthropic-messages__anthropic-refusal.json', 'anthropic-messages__anthropic-refusal-no-details.json', 'anthropic-messages__anthropic-fallback.json', 'anthropic-messages__anthropic-advisor-stop-reasons.json']) {
      it(`[synthetic] ${name}`, async () => {
        fp.enqueue({ kind: 'replay', file: synthetic(name) });
        const { parts, error } = await runCall(adapterFor(fp), { stream: false });
        assert.equal(error, undefined, error?.message);
        assertMatches(parts, expectedFromJson(JSON.parse(readFileSync(synthetic(name), 'utf8')) as Json), name);
      });
    }

    it('[synthetic] refusal is reported as content-filter', async () => {
      fp.enqueue({ kind: 'replay', file: synthetic('anthropic-messages__anthropic-refusal.chunks.txt') });
      const { parts } = await runCall(adapterFor(fp), { stream: true });
      assert.deepEqual(parts[parts.length - 1], { type: 'finish', finishReason: { unified: 'content-filter', raw: 'refusal' } });
    });

    it('[synthetic] duplicate message_start of the same message counts input once', async () => {
      fp.enqueue({ kind: 'replay', file: synthetic('anthropic-messages__duplicate-message-start.chunks.txt') });
      const { parts } = await runCall(adapterFor(fp), { stream: true });
      const usage = parts.find((p) => p.type === 'usage');
      assert.equal(usage?.type === 'usage' ? usage.usage.inputTokens : -1, 17);
      assert.equal(textOf(parts), 'Hello, World!');
    });

    it('[synthetic] a second, different message_start mid-message is invalid_response, no tool call leaks', async () => {
      fp.enqueue({ kind: 'replay', file: synthetic('anthropic-messages__spliced-message-start.chunks.txt') });
      const { parts, error } = await runCall(adapterFor(fp), { stream: true });
      assert.equal(error?.kind, 'invalid_response');
      assert.equal(parts.some((p) => p.type === 'tool-call' || p.type === 'finish'), false);
      assert.equal(textOf(parts, 'reasoning-delta'), 'I will call the tool.');
    });
  });
});
