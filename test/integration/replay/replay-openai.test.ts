import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FakeProvider, startFakeProvider } from '../../support/fake-provider';
import { WIRE_DIR, sharedFixturesPresent } from '../../support/fixtures-dir';
import { ProviderConfig } from '../../../src/core/config/switchboard-config';
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

interface Expected {
  text: string;
  reasoning: string;
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

function expectedFrom(file: string, raw: string): Expected {
  const items = payloads(file, raw);
  const exp: Expected = { text: '', reasoning: '', finish: undefined, usage: undefined };
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
    exp.text += str(d.content);
    exp.reasoning += str(d.reasoning_content) || str(d.reasoning);
    if (typeof choice.finish_reason === 'string') exp.finish = choice.finish_reason;
  }
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

  before(async function () {
    if (!sharedFixturesPresent()) {
      console.log(`      (skipped: shared fixtures folder not found at ${WIRE_DIR})`);
      this.skip();
    }
    server = await startFakeProvider();
  });
  after(async () => server?.close());

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
    it(file, async () => {
      const raw = readFileSync(join(WIRE_DIR, file), 'utf8');
      const exp = expectedFrom(file, raw);
      const stream = !file.endsWith('.json');
      const model = `replay-${file}`;
      server.forModel(model, { kind: 'replay', file: join(WIRE_DIR, file), ...(exp.error ? { status: 400 } : {}) });
      const adapter = createOpenAIAdapter({ providerId: 'replay', config: configFor(file, cls.preset, server), keys: async () => 'sk-replay' });
      const parts = [];
      let error: unknown;
      try {
        for await (const p of adapter.call({ canonical: toCanonicalCall({ model, messages: [{ role: 'user', content: 'x' }] }), model, stream, signal: new AbortController().signal, connectTimeoutMs: 5000 })) parts.push(p);
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
    });
  }
});
