import * as assert from 'node:assert/strict';
import { SwitchboardConfig } from '../../../../src/core/config/switchboard-config';
import { ChatMessage, ChatRequest } from '../../../../src/core/model/chat-request';
import { StreamEvent } from '../../../../src/core/model/stream-event';
import { Orchestrator } from '../../../../src/core/orchestrator/orchestrator';
import { KeyTarget } from '../../../../src/core/ports';
import { FakeProvider, RecordedRequest, startFakeProvider } from '../../../support/fake-provider';
import { collect, make } from '../../orchestrator/helpers';

/**
 * A request with two tools → a streamed tool call with arguments → the tool
 * result sent back → the final answer, over real sockets, for each provider
 * kind. The fake server refuses any body that is not in the provider's native
 * shape (native-shape.ts); the test also checks the tool parts it received.
 */
const TOOLS: ChatRequest['tools'] = [
  { type: 'function', function: { name: 'get_weather', description: 'Current weather in a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } },
  { type: 'function', function: { name: 'get_time', description: 'Local time in a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } },
];
const ARGS = '{"city":"Paris","unit":"celsius"}';
const RESULT = 'sunny, 21 C';
const FINAL = 'It is sunny and 21 degrees in Paris.';

interface Case {
  name: string;
  format: 'openai' | 'anthropic';
  model: string;
  provider: (fp: FakeProvider) => SwitchboardConfig['providers'][string];
}

const CASES: Case[] = [
  { name: 'OpenAI', format: 'openai', model: 'gpt-4o-2024-08-06', provider: (fp) => ({ kind: 'openai', baseUrl: fp.openaiBaseUrl, apiKeySecret: 'k' }) },
  { name: 'Azure OpenAI', format: 'openai', model: 'my-gpt4o-deployment', provider: (fp) => ({ kind: 'azure-openai', baseUrl: fp.azureEndpoint, apiVersion: '2024-10-21', apiKeySecret: 'k' }) },
  { name: 'OpenAI-compatible (groq preset)', format: 'openai', model: 'llama-3.3-70b-versatile', provider: (fp) => ({ kind: 'openai-compatible', preset: 'groq', baseUrl: fp.openaiBaseUrl, apiKeySecret: 'k' }) },
  { name: 'Anthropic', format: 'anthropic', model: 'claude-haiku-4-5-20251001', provider: (fp) => ({ kind: 'anthropic', baseUrl: fp.anthropicBaseUrl, apiKeySecret: 'k' }) },
];

function lastRequestFor(fp: FakeProvider, model: string): RecordedRequest {
  const r = fp.requestsFor(model).at(-1);
  assert.ok(r, `no request reached the fake server for ${model}`);
  assert.equal(r.shapeProblems, undefined, `not native: ${(r.shapeProblems ?? []).join('; ')}`);
  return r;
}

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The tools and the tool result as the provider's own API spells them. */
function assertNativeTools(c: Case, body: Body): void {
  if (c.format === 'anthropic') {
    assert.deepEqual(body.tools.map((t: Body) => [t.name, Object.keys(t.input_schema.properties)]), [['get_weather', ['city']], ['get_time', ['city']]]);
  } else {
    assert.deepEqual(body.tools.map((t: Body) => [t.type, t.function.name, t.function.parameters.required]), [['function', 'get_weather', ['city']], ['function', 'get_time', ['city']]]);
  }
}

function assertNativeResult(c: Case, body: Body, id: string): void {
  if (c.format === 'anthropic') {
    assert.deepEqual(body.messages[1].content, [{ type: 'tool_use', id, name: 'get_weather', input: JSON.parse(ARGS) }]);
    assert.deepEqual(body.messages[2], { role: 'user', content: [{ type: 'tool_result', tool_use_id: id, content: RESULT }] });
  } else {
    assert.deepEqual(body.messages[1], { role: 'assistant', content: null, tool_calls: [{ id, type: 'function', function: { name: 'get_weather', arguments: ARGS } }] });
    assert.deepEqual(body.messages[2], { role: 'tool', tool_call_id: id, content: RESULT });
  }
}

function followUp(model: string, id: string): ChatRequest {
  const messages: ChatMessage[] = [
    { role: 'user', content: 'What is the weather in Paris?' },
    { role: 'assistant', content: null, tool_calls: [{ id, type: 'function', function: { name: 'get_weather', arguments: ARGS } }] },
    { role: 'tool', tool_call_id: id, content: RESULT },
  ];
  return { model, messages, tools: TOOLS };
}

describe('tools round trip over real sockets: OpenAI, Azure, compatible preset, Anthropic', function () {
  this.timeout(30_000);
  let fp: FakeProvider;
  let orchestrator: Orchestrator;

  before(async () => {
    fp = await startFakeProvider();
    const config: SwitchboardConfig = {
      providers: Object.fromEntries(CASES.map((c, i) => [`p${i}`, c.provider(fp)])),
      deployments: CASES.map((c, i) => ({ id: `d${i}`, provider: `p${i}`, model: c.model })),
      aliases: Object.fromEntries(CASES.map((_, i) => [`a${i}`, { deployments: [`d${i}`] }])),
    };
    orchestrator = make(config, { keys: (name, target) => (targets.push(target), name === 'k' ? 'sk-test-tools-0123456789' : undefined) });
  });
  const targets: KeyTarget[] = [];

  it('the keys port is told which kind (credential shape) and which origin each key is for', async () => {
    fp.forModel(CASES[3]?.model ?? '', { kind: 'answer', text: 'ok' });
    await orchestrator.chat({ model: 'a3', messages: [{ role: 'user', content: 'hi' }] });
    assert.ok(targets.some((t) => t.providerId === 'p3' && t.kind === 'anthropic' && t.origin === fp.origin));
  });
  after(async () => {
    orchestrator?.dispose();
    await fp?.close();
  });

  CASES.forEach((c, i) => {
    it(`${c.name}: streamed tool call with arguments, then the tool result, then the answer`, async () => {
      fp.forModel(c.model, [{ kind: 'answer', toolCalls: [{ name: 'get_weather', arguments: ARGS }] }, { kind: 'answer', text: FINAL }]);
      const first = await collect(orchestrator, { model: `a${i}`, messages: [{ role: 'user', content: 'What is the weather in Paris?' }], tools: TOOLS, tool_choice: 'auto' });
      assert.equal(first.error, undefined, first.error?.message);
      const types = first.events.map((e) => e.type).filter((t) => t.startsWith('tool-call'));
      assert.equal(types[0], 'tool-call-start');
      assert.ok(types.filter((t) => t === 'tool-call-delta').length >= 2, 'arguments arrive in pieces');
      assert.deepEqual(types.slice(-2), ['tool-call-end', 'tool-call']);
      const start = first.events.find((e): e is Extract<StreamEvent, { type: 'tool-call-start' }> => e.type === 'tool-call-start');
      const deltas = first.events.flatMap((e) => (e.type === 'tool-call-delta' ? [e.argumentsDelta] : [])).join('');
      const call = first.events.find((e): e is Extract<StreamEvent, { type: 'tool-call' }> => e.type === 'tool-call');
      assert.ok(start && call);
      assert.equal(start.index, 0);
      assert.equal(start.name, 'get_weather');
      assert.equal(call.id, start.id);
      assert.match(call.id, c.format === 'anthropic' ? /^toolu_/ : /^call_/);
      assert.equal(call.name, 'get_weather');
      assert.deepEqual(JSON.parse(call.arguments), JSON.parse(ARGS));
      assert.deepEqual(JSON.parse(deltas), JSON.parse(ARGS));
      assert.equal(first.record.finishReason?.unified, 'tool-calls');
      const sent = lastRequestFor(fp, c.model);
      assert.equal(sent.stream, true);
      assertNativeTools(c, sent.body as Body);

      const second = await collect(orchestrator, followUp(`a${i}`, call.id));
      assert.equal(second.error, undefined, second.error?.message);
      assert.equal(second.content, FINAL);
      assert.equal(second.record.finishReason?.unified, 'stop');
      assertNativeResult(c, lastRequestFor(fp, c.model).body as Body, call.id);
    });

    it(`${c.name}: the same round trip through chat()`, async () => {
      fp.forModel(c.model, [{ kind: 'answer', toolCalls: [{ name: 'get_weather', arguments: ARGS }, { name: 'get_time', arguments: '{"city":"Paris"}' }] }, { kind: 'answer', text: FINAL }]);
      const first = await orchestrator.chat({ model: `a${i}`, messages: [{ role: 'user', content: 'What is the weather in Paris?' }], tools: TOOLS });
      assert.equal(lastRequestFor(fp, c.model).stream, false);
      assert.equal(first.content, '');
      assert.deepEqual(first.toolCalls.map((t) => [t.name, JSON.parse(t.arguments)]), [['get_weather', JSON.parse(ARGS)], ['get_time', { city: 'Paris' }]]);
      const id = first.toolCalls[0]?.id ?? '';
      assert.notEqual(id, '');
      const second = await orchestrator.chat(followUp(`a${i}`, id));
      assert.equal(second.content, FINAL);
      assert.deepEqual(second.toolCalls, []);
      assertNativeResult(c, lastRequestFor(fp, c.model).body as Body, id);
    });
  });
});
