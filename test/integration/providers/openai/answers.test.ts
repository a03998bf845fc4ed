import * as assert from 'node:assert/strict';
import { FakeProvider, startFakeProvider } from '../../../support/fake-provider';
import { createOpenAIAdapter } from '../../../../src/core/providers/openai/create-openai-adapter';
import { KEY, REQUEST, adapterFor, run, runComplete, summarize } from './helpers';

describe('OpenAI adapter: answers over real sockets', () => {
  let server: FakeProvider;
  before(async () => {
    server = await startFakeProvider();
  });
  after(async () => server.close());
  beforeEach(() => server.reset());

  const answer = { kind: 'answer' as const, text: 'The quick brown fox jumps', reasoning: 'Think about foxes first', cachedTokens: 4, reasoningTokens: 3 };

  for (const kind of ['openai', 'openai-compatible'] as const) {
    it(`${kind}: JSON and streamed answers give identical parts and usage (R12)`, async () => {
      const adapter = adapterFor({ kind, baseUrl: server.openaiBaseUrl, apiKeySecret: 's' });
      server.enqueue(answer, answer);
      const json = await run(adapter, { stream: false });
      const streamed = await run(adapter, { stream: true });
      assert.equal(json.error, undefined);
      assert.equal(streamed.error, undefined);
      assert.deepEqual(summarize(streamed.parts), summarize(json.parts));
      const s = summarize(json.parts);
      assert.equal(s.text, 'The quick brown fox jumps');
      assert.equal(s.reasoning, 'Think about foxes first');
      assert.deepEqual(s.finish, [{ unified: 'stop', raw: 'stop' }]);
      const [usage] = s.usage as Array<Record<string, unknown>>;
      assert.equal(usage?.cacheReadTokens, 4);
      assert.equal(usage?.reasoningTokens, 3);
      assert.equal(usage?.cacheWriteTokens, 0);
      assert.equal(usage?.estimated, false);
      const streamBody = server.requests[1]?.body as Record<string, unknown>;
      assert.equal(streamBody.stream, true);
      assert.deepEqual(streamBody.stream_options, { include_usage: true });
      const jsonBody = server.requests[0]?.body as Record<string, unknown>;
      assert.equal(jsonBody.stream_options, undefined);
    });
  }

  it('complete() (how attempts make JSON calls) gives exactly the parts and errors of call() with stream false, and sends the same body', async () => {
    const adapter = adapterFor({ kind: 'openai', baseUrl: server.openaiBaseUrl });
    server.enqueue(answer, answer);
    const viaCall = await run(adapter, { stream: false });
    const viaComplete = await runComplete(adapter);
    assert.equal(viaComplete.error, undefined);
    assert.deepEqual(viaComplete.parts, viaCall.parts);
    assert.ok(viaComplete.parts.length >= 4);
    assert.deepEqual(server.requests[1]?.body, server.requests[0]?.body);
    assert.equal((server.requests[1]?.body as Record<string, unknown>).stream, false);
    server.enqueue({ kind: 'error', status: 429, preset: 'rate_limited' }, { kind: 'error', status: 429, preset: 'rate_limited' });
    const callError = (await run(adapter, { stream: false })).error;
    const completeError = (await runComplete(adapter)).error;
    assert.equal(completeError?.kind, 'rate_limited');
    assert.equal(completeError?.kind, callError?.kind);
    assert.equal(completeError?.message, callError?.message);
  });

  it('the part order is reasoning, text, usage, finish; finish comes last exactly once', async () => {
    server.enqueue(answer);
    const { parts } = await run(adapterFor({ kind: 'openai', baseUrl: server.openaiBaseUrl }));
    const types = parts.map((p) => p.type).filter((t, i, a) => i === 0 || a[i - 1] !== t);
    assert.deepEqual(types, ['reasoning-delta', 'text-delta', 'usage', 'finish']);
  });

  it('maps request parameters into the body the server recorded', async () => {
    server.enqueue({ kind: 'answer' });
    await run(adapterFor({ kind: 'openai', baseUrl: server.openaiBaseUrl }), {
      request: { ...REQUEST, max_tokens: 64, temperature: 0.2, top_p: 0.9, stop: ['\n'], seed: 7, presence_penalty: 0.1, frequency_penalty: 0.3, response_format: { type: 'json_object' } },
    });
    const body = server.requests[0]?.body as Record<string, unknown>;
    assert.equal(body.model, 'gpt-4o-mini-2024-07-18');
    assert.deepEqual(body.messages, REQUEST.messages);
    assert.equal(body.max_tokens, 64);
    assert.equal(body.temperature, 0.2);
    assert.equal(body.top_p, 0.9);
    assert.deepEqual(body.stop, ['\n']);
    assert.equal(body.seed, 7);
    assert.equal(body.presence_penalty, 0.1);
    assert.equal(body.frequency_penalty, 0.3);
    assert.deepEqual(body.response_format, { type: 'json_object' });
  });

  it('OpenAI reasoning models get max_completion_tokens instead of max_tokens', async () => {
    server.enqueue({ kind: 'answer' });
    await run(adapterFor({ kind: 'openai', baseUrl: server.openaiBaseUrl }), { model: 'gpt-5-mini', request: { ...REQUEST, max_tokens: 64 } });
    const body = server.requests[0]?.body as Record<string, unknown>;
    assert.equal(body.max_completion_tokens, 64);
    assert.equal(body.max_tokens, undefined);
  });

  it('a preset without stream usage support (mistral) gets no stream_options', async () => {
    server.enqueue({ kind: 'answer' });
    await run(adapterFor({ kind: 'openai-compatible', preset: 'mistral', baseUrl: server.openaiBaseUrl }));
    assert.equal((server.requests[0]?.body as Record<string, unknown>).stream_options, undefined);
  });

  it('sends the key as Bearer and the provider headers as default headers', async () => {
    server.enqueue({ kind: 'answer' });
    await run(adapterFor({ kind: 'openai', baseUrl: server.openaiBaseUrl, headers: { 'x-team': 'blue' }, organization: 'org-1' }));
    const h = server.requests[0]?.headers ?? {};
    assert.equal(h['authorization'], `Bearer ${KEY}`);
    assert.equal(h['x-team'], 'blue');
    assert.equal(h['openai-organization'], 'org-1');
    assert.equal(h['x-stainless-retry-count'], '0');
  });

  it('a keyless local preset sends no Authorization header at all (checked on the socket)', async () => {
    server.enqueue({ kind: 'answer' });
    const adapter = createOpenAIAdapter({ providerId: 'local', config: { kind: 'openai-compatible', preset: 'ollama', baseUrl: server.openaiBaseUrl }, keys: async () => undefined });
    const out = await run(adapter);
    assert.equal(out.error, undefined);
    const h = server.requests[0]?.headers ?? {};
    assert.equal(h['authorization'], undefined);
    assert.equal(h['api-key'], undefined);
  });

  it('resolves the key on every call; a changed key is used at once', async () => {
    let key = 'sk-first-key-aaaa';
    const adapter = createOpenAIAdapter({ providerId: 'oa', config: { kind: 'openai', baseUrl: server.openaiBaseUrl }, keys: async () => key });
    server.enqueue({ kind: 'answer' }, { kind: 'answer' }, { kind: 'answer' });
    await run(adapter);
    await run(adapter);
    key = 'sk-second-key-bbbb';
    await run(adapter);
    assert.deepEqual(
      server.requests.map((r) => r.headers['authorization']),
      ['Bearer sk-first-key-aaaa', 'Bearer sk-first-key-aaaa', 'Bearer sk-second-key-bbbb'],
    );
  });

  it('azure-openai: deployment path, api-version query and api-key header', async () => {
    server.enqueue({ kind: 'answer', text: 'hi from azure' }, { kind: 'answer', text: 'hi from azure' });
    const adapter = adapterFor({ kind: 'azure-openai', baseUrl: server.azureEndpoint, apiKeySecret: 'az', apiVersion: '2024-10-21' });
    const streamed = await run(adapter, { model: 'my-gpt4o' });
    const json = await run(adapter, { model: 'my-gpt4o', stream: false });
    assert.equal(summarize(streamed.parts).text, 'hi from azure');
    assert.deepEqual(summarize(streamed.parts), summarize(json.parts));
    const req = server.requests[0];
    assert.equal(req?.route, 'azure-chat');
    assert.equal(req?.deployment, 'my-gpt4o');
    assert.equal(req?.query['api-version'], '2024-10-21');
    assert.equal(req?.headers['api-key'], KEY);
    assert.equal(req?.headers['authorization'], undefined);
    assert.deepEqual((req?.body as Record<string, unknown>).stream_options, { include_usage: true });
  });

  it('tool calls streamed in fragments are emitted whole at the finish', async () => {
    const chunk = (delta: unknown, finish: string | null = null): string =>
      JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 0, model: 'm', choices: [{ index: 0, delta, finish_reason: finish }] });
    const lines = [
      chunk({ role: 'assistant', tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }),
      chunk({ tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'get_time', arguments: '{}' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] }),
      chunk({}, 'tool_calls'),
    ];
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'sb-oa-')), 'tools.chunks.txt');
    writeFileSync(file, lines.join('\n'));
    server.enqueue({ kind: 'replay', file, appendDone: true });
    const { parts, error } = await run(adapterFor({ kind: 'openai', baseUrl: server.openaiBaseUrl }));
    assert.equal(error, undefined);
    assert.deepEqual(
      parts.filter((p) => p.type === 'tool-call'),
      [
        { type: 'tool-call', id: 'call_a', name: 'get_weather', arguments: '{"city":"Paris"}' },
        { type: 'tool-call', id: 'call_b', name: 'get_time', arguments: '{}' },
      ],
    );
    assert.deepEqual(parts.at(-1), { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_calls' } });
  });
});
