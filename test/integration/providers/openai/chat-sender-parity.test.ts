import { strict as assert } from 'node:assert';
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions/completions';
import { createSafeFetch, FetchFn } from '../../../../src/core/net/safe-fetch';
import { OpenAIClientCache } from '../../../../src/core/providers/openai/create-openai-client';
import { OpenAIChatSender } from '../../../../src/core/providers/openai/openai-chat-sender';
import { OpenAIFamilyConfig } from '../../../../src/core/providers/openai/openai-family-config';
import { resolveOpenAISettings } from '../../../../src/core/providers/openai/resolve-openai-settings';

/**
 * Issue 15: the adapter sends chat calls through `OpenAIChatSender` instead of
 * `client.chat.completions.create`. The SDK stays the authority on what goes on
 * the wire: for every flavour, the sender's request equals the SDK's own call
 * of the same client (method, URL, every header, body), call after call.
 */

interface Sent {
  method: string;
  url: string;
  headers: [string, string][];
  body: string;
}

/** A base fetch that records each request as the wire would carry it and answers a minimal completion. */
function recordingFetch(): { fetch: FetchFn; sent: Sent[] } {
  const sent: Sent[] = [];
  const fetchFn = async (input: Parameters<FetchFn>[0], init?: Parameters<FetchFn>[1]): Promise<Response> => {
    const headers: [string, string][] = [];
    new Headers(init?.headers).forEach((value, name) => headers.push([name, value]));
    sent.push({ method: String(init?.method), url: String(input), headers, body: String(init?.body) });
    const answer = { id: 'x', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' }] };
    return new Response(JSON.stringify(answer), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  return { fetch: fetchFn as FetchFn, sent };
}

const BODY: ChatCompletionCreateParamsNonStreaming = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Say hello' }], stream: false, temperature: 0.2 };

const CASES: { name: string; config: OpenAIFamilyConfig; key: string | undefined; model: string }[] = [
  { name: 'openai with an organization and extra headers', config: { kind: 'openai', organization: 'org-123', headers: { 'x-team': 'blue' } }, key: 'sk-test-0123456789', model: 'gpt-4o-mini' },
  { name: 'openai-compatible, keyless local server', config: { kind: 'openai-compatible', baseUrl: 'http://127.0.0.1:11434/v1' }, key: undefined, model: 'llama3' },
  { name: 'openai-compatible preset with a key', config: { kind: 'openai-compatible', preset: 'groq' }, key: 'gsk-test-0123456789', model: 'llama-3.1-8b-instant' },
  { name: 'azure-openai: deployment path, api-version and api-key', config: { kind: 'azure-openai', baseUrl: 'https://res.openai.azure.com', apiVersion: '2024-10-21' }, key: 'az-test-0123456789', model: 'my-deployment' },
];

describe('OpenAI chat sender: the same request on the wire as the SDK', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const { fetch: base, sent } = recordingFetch();
      const sender = new OpenAIClientCache(resolveOpenAISettings('p', c.config), createSafeFetch(base)).get(c.key);
      const body = { ...BODY, model: c.model };
      const signal = new AbortController().signal;
      for (let i = 0; i < 2; i++) {
        await sender.client.chat.completions.create(body, { signal, timeout: 7_000 });
        const route = await sender.route(c.model, 7_000);
        // Alternately with and without a controller of its own: the wire is the same.
        await sender.callJson(route, body, signal, i === 0);
      }
      assert.equal(sent.length, 4);
      const [sdk1, ours1, sdk2, ours2] = sent;
      assert.deepEqual(ours1, sdk1);
      assert.deepEqual(ours2, sdk2);
      // Nothing per request (an idempotency key, a retry count) that a reused route would get wrong.
      assert.deepEqual(sdk2, sdk1);
      const auth = sdk1!.headers.filter(([name]) => name === 'authorization' || name === 'api-key');
      if (c.key === undefined) assert.deepEqual(auth, [], 'a keyless server gets no credential header');
      else assert.equal(auth.length, 1, 'exactly one credential header');
    });
  }

  it('a route per timeout (the SDK sends it as a header) and per model where the URL depends on it', async () => {
    const { fetch: base, sent } = recordingFetch();
    const sender: OpenAIChatSender = new OpenAIClientCache(resolveOpenAISettings('p', CASES[3]!.config), createSafeFetch(base)).get('az-test-0123456789');
    const signal = new AbortController().signal;
    await sender.callJson(await sender.route('dep-a', 7_000), BODY, signal, false);
    await sender.callJson(await sender.route('dep-b', 61_000), BODY, signal, false);
    await sender.client.chat.completions.create({ ...BODY, model: 'dep-b' }, { signal, timeout: 61_000 });
    assert.match(sent[0]!.url, /\/deployments\/dep-a\/chat\/completions\?api-version=2024-10-21$/);
    assert.match(sent[1]!.url, /\/deployments\/dep-b\/chat\/completions\?api-version=2024-10-21$/);
    assert.deepEqual(sent[1]!.headers, sent[2]!.headers);
    assert.notDeepEqual(sent[0]!.headers, sent[1]!.headers, 'x-stainless-timeout follows the timeout');
    // The second call of a model and timeout finds its route at hand: no promise turn before the request.
    assert.ok(!(sender.route('dep-a', 7_000) instanceof Promise));
  });

  it('a route that failed to build is asked again on the next call', async () => {
    const { fetch: base } = recordingFetch();
    const sender = new OpenAIClientCache(resolveOpenAISettings('p', CASES[0]!.config), createSafeFetch(base)).get('sk-test-0123456789');
    const client = sender.client as unknown as { buildRequest: (...a: unknown[]) => Promise<unknown> };
    const real = client.buildRequest.bind(client);
    let fail = true;
    client.buildRequest = (...a: unknown[]) => (fail ? Promise.reject(new Error('boom')) : real(...a));
    await assert.rejects(Promise.resolve(sender.route('m', 1_000)), /boom/);
    fail = false;
    const route = await sender.route('m', 1_000);
    assert.match(route.url, /\/chat\/completions$/);
  });
});
