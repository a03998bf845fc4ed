import { strict as assert } from 'node:assert';
import { embeddingFor, embeddingToBase64, promptTokenCount, startFakeProvider, type FakeProvider } from '../../support/fake-provider';
import { anthropicBody, chatBody, field, jsonOf, parseSse, post } from './helpers';

describe('fake provider: answers', () => {
  let fp: FakeProvider;
  beforeEach(async () => {
    fp = await startFakeProvider();
  });
  afterEach(async () => {
    await fp.close();
  });

  it('counts prompt tokens as 3 + words per message (system included)', () => {
    assert.equal(promptTokenCount(chatBody('one two three')), 3 + 3 + 3 + 3);
    assert.equal(promptTokenCount(anthropicBody('one two three')), 3 + 3 + 3 + 3);
  });

  it('OpenAI JSON: echo answer with exact usage and headers', async () => {
    const body = chatBody('hello big world');
    const res = await post(`${fp.openaiBaseUrl}/chat/completions`, body);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/json');
    assert.match(res.headers.get('x-request-id') ?? '', /^req_/);
    const json = jsonOf(await res.text());
    assert.equal(json.object, 'chat.completion');
    assert.equal(json.model, 'gpt-test');
    assert.match(String(json.id), /^chatcmpl-/);
    assert.equal(field(json, 'choices', 0, 'message', 'content'), 'Echo: hello big world');
    assert.equal(field(json, 'choices', 0, 'finish_reason'), 'stop');
    const exp = fp.expectedAnswer(body, 'openai');
    assert.deepEqual(json.usage, exp.nativeUsage);
    assert.equal(field(json, 'usage', 'prompt_tokens'), 12);
    assert.equal(field(json, 'usage', 'completion_tokens'), 4);
    assert.equal(field(json, 'usage', 'total_tokens'), 16);
  });

  it('OpenAI SSE with include_usage: chunks, finish, usage chunk with empty choices, [DONE]', async () => {
    fp.enqueue({ kind: 'answer', text: 'a b c d e', wordsPerChunk: 2, cachedTokens: 5, reasoning: 'think hard', reasoningTokens: 7 });
    const body = chatBody('x', { stream: true, stream_options: { include_usage: true } });
    const res = await post(`${fp.openaiBaseUrl}/chat/completions`, body);
    assert.equal(res.headers.get('content-type'), 'text/event-stream');
    assert.equal(res.headers.get('cache-control'), 'no-cache');
    assert.equal(res.headers.get('connection'), 'keep-alive');
    const events = parseSse(await res.text());
    assert.equal(events.at(-1)?.data, '[DONE]');
    const chunks = events.slice(0, -1).map((e) => jsonOf(e.data));
    for (const c of chunks) assert.equal(c.object, 'chat.completion.chunk');
    const text = chunks.map((c) => field(c, 'choices', 0, 'delta', 'content') ?? '').join('');
    assert.equal(text, 'a b c d e');
    const reasoning = chunks.map((c) => field(c, 'choices', 0, 'delta', 'reasoning_content') ?? '').join('');
    assert.equal(reasoning, 'think hard');
    const usageChunk = chunks.at(-1);
    assert.deepEqual(field(usageChunk, 'choices'), []);
    assert.equal(field(chunks.at(-2), 'choices', 0, 'finish_reason'), 'stop');
    for (const c of chunks.slice(0, -1)) assert.equal(c.usage, null);
    assert.deepEqual(field(usageChunk, 'usage'), {
      prompt_tokens: 10,
      completion_tokens: 3 + 7,
      total_tokens: 20,
      prompt_tokens_details: { cached_tokens: 5, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 7, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
    });
  });

  it('OpenAI SSE without include_usage has no usage anywhere', async () => {
    const res = await post(`${fp.openaiBaseUrl}/chat/completions`, chatBody('x y', { stream: true }));
    const events = parseSse(await res.text());
    for (const e of events.slice(0, -1)) assert.equal('usage' in jsonOf(e.data), false);
    assert.equal(events.at(-1)?.data, '[DONE]');
  });

  it('Azure deployment route records deployment and api-version', async () => {
    const url = `${fp.origin}/openai/deployments/my-dep/chat/completions?api-version=2024-10-21`;
    const res = await post(url, { messages: [{ role: 'user', content: 'hi' }] }, { 'api-key': 'k' });
    const json = jsonOf(await res.text());
    assert.equal(json.model, 'my-dep');
    const [r] = fp.requests;
    assert.equal(r?.route, 'azure-chat');
    assert.equal(r?.deployment, 'my-dep');
    assert.equal(r?.apiVersion, '2024-10-21');
    assert.equal(r?.model, 'my-dep');
    assert.equal(r?.headers['api-key'], 'k');
  });

  it('Anthropic JSON: content, stop_reason and usage excluding cache reads/writes', async () => {
    fp.enqueue({ kind: 'answer', cachedTokens: 4, cacheWriteTokens: 2 });
    const body = anthropicBody('hello world');
    const res = await post(`${fp.anthropicBaseUrl}/v1/messages`, body);
    assert.match(res.headers.get('request-id') ?? '', /^req_/);
    const json = jsonOf(await res.text());
    assert.equal(json.type, 'message');
    assert.match(String(json.id), /^msg_/);
    assert.equal(json.stop_reason, 'end_turn');
    assert.deepEqual(json.content, [{ type: 'text', text: 'Echo: hello world' }]);
    assert.equal(field(json, 'usage', 'input_tokens'), 11 - 4 - 2);
    assert.equal(field(json, 'usage', 'cache_read_input_tokens'), 4);
    assert.equal(field(json, 'usage', 'cache_creation_input_tokens'), 2);
    assert.equal(field(json, 'usage', 'output_tokens'), 3);
  });

  it('Anthropic SSE: event sequence with thinking and final usage in message_delta', async () => {
    fp.enqueue({ kind: 'answer', text: 'one two', reasoning: 'r1 r2 r3' });
    const res = await post(`${fp.anthropicBaseUrl}/v1/messages`, anthropicBody('q', { stream: true }));
    assert.equal(res.headers.get('content-type'), 'text/event-stream');
    const events = parseSse(await res.text());
    for (const e of events) assert.equal(e.event, jsonOf(e.data).type);
    assert.deepEqual(events.map((e) => e.event), [
      'message_start', 'content_block_start', 'ping',
      'content_block_delta', 'content_block_delta', 'content_block_delta', 'content_block_delta', 'content_block_stop',
      'content_block_start', 'content_block_delta', 'content_block_delta', 'content_block_stop',
      'message_delta', 'message_stop',
    ]);
    const deltas = events.filter((e) => e.event === 'content_block_delta').map((e) => field(jsonOf(e.data), 'delta'));
    assert.equal(deltas.filter((d) => field(d, 'type') === 'thinking_delta').map((d) => field(d, 'thinking')).join(''), 'r1 r2 r3');
    assert.equal(deltas.filter((d) => field(d, 'type') === 'text_delta').map((d) => field(d, 'text')).join(''), 'one two');
    const md = jsonOf(events[12]?.data ?? '');
    assert.equal(field(md, 'delta', 'stop_reason'), 'end_turn');
    assert.equal(field(md, 'usage', 'output_tokens'), 2 + 3);
    assert.equal(field(md, 'usage', 'input_tokens'), 10);
  });

  it('scripted finishReason maps per format; usage overrides win', async () => {
    fp.enqueue({ kind: 'answer', finishReason: 'length', usage: { prompt_tokens: 999 } });
    fp.enqueue({ kind: 'answer', finishReason: 'length' });
    const a = jsonOf(await (await post(`${fp.openaiBaseUrl}/chat/completions`, chatBody('x'))).text());
    assert.equal(field(a, 'choices', 0, 'finish_reason'), 'length');
    assert.equal(field(a, 'usage', 'prompt_tokens'), 999);
    const b = jsonOf(await (await post(`${fp.anthropicBaseUrl}/v1/messages`, anthropicBody('x'))).text());
    assert.equal(b.stop_reason, 'max_tokens');
  });

  it('GET /v1/models lists models', async () => {
    const json = jsonOf(await (await fetch(`${fp.openaiBaseUrl}/models`)).text());
    assert.equal(json.object, 'list');
    assert.ok(Array.isArray(json.data) && json.data.length > 0);
  });

  it('embeddings are deterministic, normalised, float or base64', async () => {
    const res = await post(`${fp.openaiBaseUrl}/embeddings`, { model: 'emb', input: ['alpha', 'beta'] });
    const json = jsonOf(await res.text());
    const v0 = field(json, 'data', 0, 'embedding');
    assert.deepEqual(v0, embeddingFor('alpha', 64));
    assert.deepEqual(field(json, 'data', 1, 'embedding'), embeddingFor('beta', 64));
    const norm = Math.sqrt(embeddingFor('alpha').reduce((s, x) => s + x * x, 0));
    assert.ok(Math.abs(norm - 1) < 1e-6);
    assert.notDeepEqual(embeddingFor('alpha'), embeddingFor('beta'));
    const b64 = jsonOf(await (await post(`${fp.openaiBaseUrl}/embeddings`, { model: 'emb', input: 'alpha', encoding_format: 'base64', dimensions: 8 })).text());
    assert.equal(field(b64, 'data', 0, 'embedding'), embeddingToBase64(embeddingFor('alpha', 8)));
  });

  it('unknown paths answer 404 in the OpenAI error format', async () => {
    const res = await post(`${fp.origin}/v1/nope`, {});
    assert.equal(res.status, 404);
    assert.equal(field(jsonOf(await res.text()), 'error', 'code'), 'model_not_found');
  });
});
