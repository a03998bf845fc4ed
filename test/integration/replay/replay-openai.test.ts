import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeProvider, startFakeProvider } from '../../support/fake-provider';
import { WIRE_DIR, sharedFixturesPresent } from '../../support/fixtures-dir';
import { OpenAIFamilyConfig as ProviderConfig } from '../../../src/core/providers/openai/openai-family-config';
import { createOpenAIAdapter } from '../../../src/core/providers/openai/create-openai-adapter';
import { NOT_TRANSCRIPTS, classifyTranscript } from './transcript-catalog';
import { toCanonicalCall } from '../../../src/core/model/to-canonical-call';

/**
 * Every captured OpenAI-format transcript, served byte for byte by the fake
 * server and read by the adapter. The expected values are computed here, from
 * the transcript JSON itself, without any of the adapter's code.
 */
type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

interface ExpectedCall {
  id: string;
  name: string;
  arguments: string;
}

interface Expected {
  text: string;
  reasoning: string;
  toolCalls: ExpectedCall[];
  finish: string | undefined;
  usage: Json | undefined;
  error?: Json;
}

/** The JSON payloads of a transcript, in order (one for `.json`). */
function payloads(file: string, raw: string): unknown[] {
  if (file.endsWith('.json')) return [JSON.parse(raw)];
  const lines = file.endsWith('.sse')
    ? raw.split(/\r?\n/).filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim()).filter((d) => d !== '[DONE]')
    : raw.split('\n').filter((l) => l.trim() !== '');
  return lines.map((l) => JSON.parse(l) as unknown);
}

/** Text of a content that may be an array of parts (Mistral): text parts only. */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  return Array.isArray(content) ? content.map((p) => (isObj(p) && p.type === 'text' ? str(p.text) : '')).join('') : '';
}

function expectedFrom(file: string, raw: string): Expected {
  return expectedFromItems(payloads(file, raw));
}

function expectedFromItems(items: unknown[]): Expected {
  const exp: Expected = { text: '', reasoning: '', toolCalls: [], finish: undefined, usage: undefined };
  const calls = new Map<number, ExpectedCall>();
  for (const item of items) {
    if (!isObj(item)) continue;
    if (isObj(item.error)) exp.error = item.error;
    const groq = isObj(item.x_groq) ? item.x_groq.usage : undefined;
    const usage = isObj(item.usage) ? item.usage : isObj(groq) ? groq : undefined;
    if (usage) exp.usage = usage;
    const choices = Array.isArray(item.choices) ? item.choices : [];
    const choice = choices.find((c) => isObj(c) && (c.index === 0 || c.index === undefined));
    if (!isObj(choice)) continue;
    const d = isObj(choice.delta) ? choice.delta : isObj(choice.message) ? choice.message : {};
    exp.text += contentText(d.content);
    exp.reasoning += str(d.reasoning_content) || str(d.reasoning);
    // Tool calls straight off the wire: fragments by index, first id and name win, arguments concatenated.
    (Array.isArray(d.tool_calls) ? d.tool_calls : []).forEach((c: unknown, position: number) => {
      if (!isObj(c)) return;
      const index = num(c.index) ?? position;
      const call = calls.get(index) ?? { id: '', name: '', arguments: '' };
      call.id ||= str(c.id);
      const fn = isObj(c.function) ? c.function : {};
      call.name ||= str(fn.name);
      call.arguments += str(fn.arguments);
      calls.set(index, call);
    });
    if (typeof choice.finish_reason === 'string') exp.finish = choice.finish_reason;
  }
  exp.toolCalls = [...calls.entries()].sort(([a], [b]) => a - b).map(([, c]) => c);
  return exp;
}

/** Usage in Switchboard's convention, read straight off the provider's numbers. */
function normalisedUsage(u: Json): Json {
  const prompt = num(u.prompt_tokens) ?? 0;
  const total = num(u.total_tokens);
  const details = isObj(u.prompt_tokens_details) ? u.prompt_tokens_details : {};
  const out = isObj(u.completion_tokens_details) ? u.completion_tokens_details : {};
  return {
    inputTokens: prompt,
    // Every non-prompt token is output (reasoning included), whatever the provider counts in completion_tokens.
    outputTokens: total !== undefined ? total - prompt : num(u.completion_tokens) ?? 0,
    cacheReadTokens: num(details.cached_tokens) ?? num(u.prompt_cache_hit_tokens) ?? 0,
    cacheWriteTokens: 0,
    reasoningTokens: num(out.reasoning_tokens) ?? num(u.reasoning_tokens) ?? 0,
    estimated: false,
  };
}

function configFor(file: string, preset: string | undefined, server: FakeProvider): ProviderConfig {
  if (file.startsWith('openai-chat__')) return { kind: 'openai', baseUrl: server.openaiBaseUrl };
  if (file.startsWith('azure-chat__')) return { kind: 'azure-openai', baseUrl: server.azureEndpoint, apiVersion: '2024-10-21' };
  return { kind: 'openai-compatible', baseUrl: server.openaiBaseUrl, ...(preset !== undefined ? { preset } : {}) };
}

describe('replay: captured OpenAI-format transcripts through the OpenAI adapter', function () {
  this.timeout(60_000);
  const files = sharedFixturesPresent() ? readdirSync(WIRE_DIR).filter((f) => !NOT_TRANSCRIPTS.has(f)).sort() : [];
  let server: FakeProvider;
  let tmp: string;
  const replayedWithCalls = new Set<string>();

  before(async function () {
    if (!sharedFixturesPresent()) {
      console.log(`      (skipped: shared fixtures folder not found at ${WIRE_DIR})`);
      this.skip();
    }
    server = await startFakeProvider();
    tmp = mkdtempSync(join(tmpdir(), 'sb-openai-replay-'));
  });
  after(async () => {
    await server?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('replays at least one transcript of every OpenAI-format family', () => {
    const replayed = files.filter((f) => {
      const c = classifyTranscript(f);
      return c?.supported === true && c.adapter === 'openai';
    });
    for (const prefix of ['openai-chat__', 'azure-chat__', 'groq-chat__', 'deepseek-chat__', 'mistral-chat__', 'xai-chat__', 'alibaba-chat__', 'cerebras-chat__', 'perplexity-chat__', 'anthropic-oaicompat-chat__']) {
      assert.ok(replayed.some((f) => f.startsWith(prefix)), `no replayed transcript for ${prefix}`);
    }
  });

  for (const file of files) {
    const cls = classifyTranscript(file);
    if (!cls || !cls.supported || cls.adapter !== 'openai') continue;
    const segments = file.endsWith('.chunks.txt') ? responsesIn(readFileSync(join(WIRE_DIR, file), 'utf8')) : [undefined];
    segments.forEach((segment, i) => {
    it(segments.length > 1 ? `${file} (response ${i + 1} of ${segments.length})` : file, async () => {
      const raw = readFileSync(join(WIRE_DIR, file), 'utf8');
      const exp = segment === undefined ? expectedFrom(file, raw) : expectedFromItems(segment.map((l) => JSON.parse(l) as unknown));
      const stream = !file.endsWith('.json');
      const model = `replay-${i}-${file}`;
      let path = join(WIRE_DIR, file);
      if (segments.length > 1 && segment !== undefined) {
        path = join(tmp, `${i}-${file}`);
        writeFileSync(path, segment.join('\n') + '\n');
      }
      server.forModel(model, { kind: 'replay', file: path, ...(exp.error ? { status: 400 } : {}) });
      const adapter = createOpenAIAdapter({ providerId: 'replay', config: configFor(file, cls.preset, server), keys: async () => 'sk-replay' });
      const parts = [];
      let error: unknown;
      try {
        for await (const p of adapter.call({ canonical: toCanonicalCall({ model, messages: [{ role: 'user', content: 'x' }] }), model, stream, signal: new AbortController().signal, connectTimeoutMs: 5000, connectBoundBySignal: !stream })) parts.push(p);
      } catch (e) {
        error = e;
      }
      if (exp.error) {
        assert.ok(isObj(error), 'expected an error');
        assert.equal(error.kind, 'bad_request');
        assert.equal(error.status, 400);
        assert.equal(error.providerMessage, exp.error.message);
        assert.equal(error.providerCode, exp.error.code);
        return;
      }
      assert.equal(error, undefined, `unexpected error: ${String(error)}`);
      const text = parts.flatMap((p) => (p.type === 'text-delta' ? [p.text] : [])).join('');
      const reasoning = parts.flatMap((p) => (p.type === 'reasoning-delta' ? [p.text] : [])).join('');
      assert.equal(text, exp.text, 'text');
      assert.equal(reasoning, exp.reasoning, 'reasoning text');
      const finishes = parts.filter((p) => p.type === 'finish');
      assert.equal(finishes.length, 1);
      assert.equal(finishes[0]?.type === 'finish' ? finishes[0].finishReason.raw : undefined, exp.finish, 'finish reason');
      const usages = parts.flatMap((p) => (p.type === 'usage' ? [p.usage] : []));
      if (exp.usage === undefined) assert.equal(usages.length, 0, 'no usage in the transcript, none reported');
      else assert.deepEqual(usages, [normalisedUsage(exp.usage)], 'usage');
      assert.equal(parts.at(-1)?.type, 'finish', 'finish is the last part');
      const calls = parts.flatMap((p) => (p.type === 'tool-call' ? [{ id: p.id, name: p.name, arguments: p.arguments }] : []));
      assert.deepEqual(calls, exp.toolCalls, 'tool calls (ids, names, arguments)');
      if (stream) {
        // The forming-call events add up to the same calls.
        const starts = parts.flatMap((p) => (p.type === 'tool-call-start' ? [[p.id, p.name]] : []));
        assert.deepEqual(starts, exp.toolCalls.map((c) => [c.id, c.name]), 'tool-call starts');
        for (const c of exp.toolCalls) assert.equal(parts.map((p) => (p.type === 'tool-call-delta' && p.id === c.id ? p.argumentsDelta : '')).join(''), c.arguments, `argument deltas of ${c.id}`);
      }
      if (exp.toolCalls.length > 0) replayedWithCalls.add(file);
    });
    });
  }

  after(() => {
    if (replayedWithCalls.size > 0) console.log(`      ${replayedWithCalls.size} OpenAI-format transcripts replayed with tool calls checked`);
  });
});

/** The responses in a `.chunks.txt`: one per completion id (a capture may hold several back to back). */
function responsesIn(raw: string): string[][] {
  const out: string[][] = [];
  let lastId: unknown;
  for (const line of raw.split('\n')) {
    if (line.trim() === '') continue;
    // Azure's first chunk (prompt filter results) has an empty id: not a new response.
    const id = str((JSON.parse(line) as Json).id) || undefined;
    if (out.length === 0 || (id !== undefined && lastId !== undefined && id !== lastId)) out.push([]);
    out[out.length - 1]?.push(line);
    if (id !== undefined) lastId = id;
  }
  return out.length > 0 ? out : [[]];
}
