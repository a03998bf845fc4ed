import * as assert from 'node:assert/strict';
import { SwitchboardConfig } from '../../../../src/core/config/switchboard-config';
import { ChatRequest } from '../../../../src/core/model/chat-request';
import { Orchestrator } from '../../../../src/core/orchestrator/orchestrator';
import { FakeProvider, startFakeProvider } from '../../../support/fake-provider';
import { schemaMismatches } from '../../../support/matches-schema';
import { collect, make } from '../../orchestrator/helpers';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const SCHEMA = {
  type: 'object',
  properties: { city: { type: 'string' }, temperature: { type: 'number' }, conditions: { type: 'string', enum: ['sunny', 'cloudy', 'rain'] } },
  required: ['city', 'temperature', 'conditions'],
  additionalProperties: false,
};
const ANSWER = '{"city":"Paris","temperature":21.5,"conditions":"sunny"}';
const PNG_1x1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const IMAGE_URL = 'https://example.com/photos/cat.jpg';

function structured(model: string): ChatRequest {
  return { model, messages: [{ role: 'user', content: 'Weather in Paris as JSON' }], response_format: { type: 'json_schema', json_schema: { name: 'weather', schema: SCHEMA, strict: true } } };
}

describe('structured output and images over real sockets', function () {
  this.timeout(30_000);
  let fp: FakeProvider;
  let o: Orchestrator;

  before(async () => {
    fp = await startFakeProvider();
    const config: SwitchboardConfig = {
      providers: {
        oa: { kind: 'openai', baseUrl: fp.openaiBaseUrl, apiKeySecret: 'k' },
        az: { kind: 'azure-openai', baseUrl: fp.azureEndpoint, apiVersion: '2024-10-21', apiKeySecret: 'k' },
        compat: { kind: 'openai-compatible', preset: 'mistral', baseUrl: fp.openaiBaseUrl, apiKeySecret: 'k' },
        ant: { kind: 'anthropic', baseUrl: fp.anthropicBaseUrl, apiKeySecret: 'k' },
      },
      deployments: [
        { id: 'gpt', provider: 'oa', model: 'gpt-4o-2024-08-06' },
        { id: 'azure', provider: 'az', model: 'vision-deployment' },
        { id: 'pixtral', provider: 'compat', model: 'pixtral-large-2411' },
        { id: 'haiku45', provider: 'ant', model: 'claude-haiku-4-5-20251001' },
        { id: 'haiku35', provider: 'ant', model: 'claude-3-5-haiku-20241022' },
      ],
      aliases: {},
    };
    o = make(config, {}, { k: 'sk-test-structured-0123456789' });
  });
  after(async () => {
    o?.dispose();
    await fp?.close();
  });

  const parsesAndMatches = (content: string): void => {
    const value: unknown = JSON.parse(content);
    assert.deepEqual(schemaMismatches(value, SCHEMA), []);
    assert.deepEqual(value, JSON.parse(ANSWER));
  };
  const lastBody = (model: string): Body => {
    const r = fp.requestsFor(model).at(-1);
    assert.ok(r);
    assert.equal(r.shapeProblems, undefined, (r.shapeProblems ?? []).join('; '));
    return r.body as Body;
  };

  it('OpenAI-style: json_schema goes as response_format and the JSON answer parses and matches (streamed and chat)', async () => {
    fp.forModel('gpt-4o-2024-08-06', [{ kind: 'answer', text: ANSWER, wordsPerChunk: 1 }, { kind: 'answer', text: ANSWER }]);
    const streamed = await collect(o, structured('gpt'));
    parsesAndMatches(streamed.content);
    assert.deepEqual(lastBody('gpt-4o-2024-08-06').response_format, { type: 'json_schema', json_schema: { name: 'weather', schema: SCHEMA, strict: true } });
    parsesAndMatches((await o.chat(structured('gpt'))).content);
  });

  it('Anthropic with native structured outputs: output_config.format, the text is the JSON', async () => {
    fp.forModel('claude-haiku-4-5-20251001', [{ kind: 'answer', text: ANSWER }, { kind: 'answer', text: ANSWER }]);
    parsesAndMatches((await collect(o, structured('haiku45'))).content);
    const body = lastBody('claude-haiku-4-5-20251001');
    assert.deepEqual(body.output_config, { format: { type: 'json_schema', schema: SCHEMA } });
    assert.equal(body.response_format, undefined);
    parsesAndMatches((await o.chat(structured('haiku45'))).content);
  });

  it('Anthropic without it: a forced json tool whose input comes back as the JSON text, no tool call leaks', async () => {
    fp.forModel('claude-3-5-haiku-20241022', [{ kind: 'answer', toolCalls: [{ name: 'json', arguments: ANSWER }] }, { kind: 'answer', toolCalls: [{ name: 'json', arguments: ANSWER }] }]);
    const streamed = await collect(o, structured('haiku35'));
    assert.equal(streamed.error, undefined, streamed.error?.message);
    parsesAndMatches(streamed.content);
    assert.equal(streamed.events.some((e) => e.type.startsWith('tool-call')), false);
    assert.equal(streamed.record.finishReason?.unified, 'stop');
    const body = lastBody('claude-3-5-haiku-20241022');
    assert.deepEqual(body.tools, [{ name: 'json', description: 'Respond with the answer as this tool\u2019s input.', input_schema: SCHEMA }]);
    assert.deepEqual(body.tool_choice, { type: 'tool', name: 'json' });
    const chat = await o.chat(structured('haiku35'));
    parsesAndMatches(chat.content);
    assert.deepEqual(chat.toolCalls, []);
  });

  const imageRequest = (model: string): ChatRequest => ({
    model,
    messages: [{ role: 'user', content: [{ type: 'text', text: 'What is in these pictures?' }, { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG_1x1}` } }, { type: 'image_url', image_url: { url: IMAGE_URL, detail: 'low' } }] }],
  });

  for (const [id, model] of [['gpt', 'gpt-4o-2024-08-06'], ['azure', 'vision-deployment'], ['pixtral', 'pixtral-large-2411']] as const) {
    it(`an image part reaches ${id} as OpenAI image_url parts`, async () => {
      fp.forModel(model, { kind: 'answer', text: 'A pixel and a cat.' });
      assert.equal((await o.chat(imageRequest(id))).content, 'A pixel and a cat.');
      assert.deepEqual(lastBody(model).messages[0].content, [
        { type: 'text', text: 'What is in these pictures?' },
        { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG_1x1}` } },
        { type: 'image_url', image_url: { url: IMAGE_URL, detail: 'low' } },
      ]);
    });
  }

  it('an image part reaches Anthropic as base64 and url source blocks', async () => {
    fp.forModel('claude-haiku-4-5-20251001', { kind: 'answer', text: 'A pixel and a cat.' });
    assert.equal((await collect(o, imageRequest('haiku45'))).content, 'A pixel and a cat.');
    assert.deepEqual(lastBody('claude-haiku-4-5-20251001').messages[0].content, [
      { type: 'text', text: 'What is in these pictures?' },
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG_1x1 } },
      { type: 'image', source: { type: 'url', url: IMAGE_URL } },
    ]);
  });
});
