/**
 * The official SDKs (what the adapters use) must accept the fake server's
 * wire format: JSON, SSE, embeddings (base64 by default) and error mapping.
 */
import Anthropic from '@anthropic-ai/sdk';
import { strict as assert } from 'node:assert';
import OpenAI, { AzureOpenAI } from 'openai';
import { embeddingFor, overloaded529, rateLimited, startFakeProvider, type FakeProvider } from '../../support/fake-provider';

describe('fake provider: official SDK compatibility', () => {
  let fp: FakeProvider;
  let openai: OpenAI;
  let anthropic: Anthropic;
  beforeEach(async () => {
    fp = await startFakeProvider();
    openai = new OpenAI({ apiKey: 'sk-test', baseURL: fp.openaiBaseUrl, maxRetries: 0 });
    anthropic = new Anthropic({ apiKey: 'sk-ant-test', baseURL: fp.anthropicBaseUrl, maxRetries: 0 });
  });
  afterEach(async () => {
    await fp.close();
  });

  const messages = [{ role: 'user' as const, content: 'hello sdk' }];

  it('openai: chat.completions.create JSON and stream with include_usage', async () => {
    const r = await openai.chat.completions.create({ model: 'gpt-test', messages });
    assert.equal(r.choices[0]?.message.content, 'Echo: hello sdk');
    assert.equal(r.usage?.prompt_tokens, 5);
    const stream = await openai.chat.completions.create({ model: 'gpt-test', messages, stream: true, stream_options: { include_usage: true } });
    let text = '';
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      if (chunk.usage) usage = chunk.usage;
    }
    assert.equal(text, 'Echo: hello sdk');
    assert.equal(usage?.completion_tokens, 3);
  });

  it('openai: embeddings decode from the default base64 encoding', async () => {
    const r = await openai.embeddings.create({ model: 'text-embedding-3-small', input: 'alpha' });
    const v = r.data[0]?.embedding ?? [];
    assert.equal(v.length, 64);
    v.forEach((x, i) => assert.ok(Math.abs(x - (embeddingFor('alpha')[i] ?? NaN)) < 1e-7));
  });

  it('openai: a 429 maps to RateLimitError with its headers', async () => {
    fp.enqueue(rateLimited({ retryAfterSeconds: 7 }));
    await assert.rejects(openai.chat.completions.create({ model: 'gpt-test', messages }), (err: unknown) => {
      assert.ok(err instanceof OpenAI.RateLimitError);
      assert.equal(err.status, 429);
      assert.equal(err.headers?.get('retry-after'), '7');
      assert.equal(err.code, 'rate_limit_exceeded');
      return true;
    });
  });

  it('openai: in-band error payload and a cut stream both throw', async () => {
    fp.enqueue({ kind: 'in-band-error', afterChunks: 1 }, { kind: 'cut', afterChunks: 1 });
    for (const expected of [/server had an error/, /terminated|aborted|closed|socket/i]) {
      const stream = await openai.chat.completions.create({ model: 'gpt-test', messages, stream: true });
      await assert.rejects(
        (async () => {
          for await (const chunk of stream) void chunk;
        })(),
        expected,
      );
    }
  });

  it('openai: AzureOpenAI hits the deployment route', async () => {
    const azure = new AzureOpenAI({ apiKey: 'az', endpoint: fp.azureEndpoint, apiVersion: '2024-10-21', deployment: 'dep1', maxRetries: 0 });
    const r = await azure.chat.completions.create({ model: 'dep1', messages });
    assert.equal(r.choices[0]?.message.content, 'Echo: hello sdk');
    assert.equal(fp.requests[0]?.deployment, 'dep1');
    assert.equal(fp.requests[0]?.apiVersion, '2024-10-21');
  });

  it('anthropic: messages.create JSON and raw stream', async () => {
    const r = await anthropic.messages.create({ model: 'claude-test', max_tokens: 50, messages });
    const block = r.content[0];
    assert.equal(block?.type === 'text' ? block.text : undefined, 'Echo: hello sdk');
    assert.equal(r.usage.input_tokens, 5);
    const stream = await anthropic.messages.create({ model: 'claude-test', max_tokens: 50, messages, stream: true });
    let text = '';
    let output = 0;
    for await (const ev of stream) {
      if (ev.type === 'content_block_delta' && ev.delta.type === 'text_delta') text += ev.delta.text;
      if (ev.type === 'message_delta') output = ev.usage.output_tokens;
    }
    assert.equal(text, 'Echo: hello sdk');
    assert.equal(output, 3);
  });

  it('anthropic: 529 maps to an APIError with status 529', async () => {
    fp.enqueue(overloaded529());
    await assert.rejects(anthropic.messages.create({ model: 'claude-test', max_tokens: 50, messages }), (err: unknown) => {
      assert.ok(err instanceof Anthropic.APIError);
      assert.equal(err.status, 529);
      return true;
    });
  });

  it('anthropic: an in-band error event surfaces as a stream error', async () => {
    fp.enqueue({ kind: 'in-band-error', afterChunks: 1 });
    const stream = await anthropic.messages.create({ model: 'claude-test', max_tokens: 50, messages, stream: true });
    await assert.rejects(
      (async () => {
        for await (const ev of stream) void ev;
      })(),
      /overloaded/i,
    );
  });
});
