import * as assert from 'node:assert/strict';
import { SwitchboardConfig } from '../../../src/core/config/switchboard-config';
import { ChatRequest } from '../../../src/core/model/chat-request';
import { SwitchboardError } from '../../../src/core/model/switchboard-error';
import { validateConfig } from '../../../src/core/config/validate-config';
import { Orchestrator } from '../../../src/core/orchestrator/orchestrator';
import { FakeProvider, startFakeProvider } from '../../support/fake-provider';
import { collect, make } from '../orchestrator/helpers';

const TOOLS: ChatRequest['tools'] = [
  { type: 'function', function: { name: 'lookup', parameters: { type: 'object', properties: { q: { type: 'string' } } } } },
  { type: 'function', function: { name: 'save', parameters: { type: 'object', properties: {} } } },
];
const IMAGE: ChatRequest['messages'][number] = { role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: 'https://example.com/a.png' } }] };

describe('routing by capabilities: skip what cannot serve, say why, typed unsupported error', function () {
  this.timeout(30_000);
  let fp: FakeProvider;
  let o: Orchestrator;

  before(async () => {
    fp = await startFakeProvider();
    const config: SwitchboardConfig = {
      providers: {
        oa: { kind: 'openai', baseUrl: fp.openaiBaseUrl, apiKeySecret: 'k' },
        local: { kind: 'openai-compatible', baseUrl: fp.openaiBaseUrl },
        ds: { kind: 'openai-compatible', preset: 'deepseek', baseUrl: fp.openaiBaseUrl, apiKeySecret: 'k' },
      },
      deployments: [
        { id: 'no-tools', provider: 'local', model: 'tiny-local-model', capabilities: { tools: false, vision: false } },
        { id: 'gpt', provider: 'oa', model: 'gpt-4o-2024-08-06' },
        { id: 'turbo', provider: 'oa', model: 'gpt-3.5-turbo-0125' },
        { id: 'deepseek', provider: 'ds', model: 'deepseek-chat' },
      ],
      aliases: {
        agent: { deployments: ['no-tools', 'gpt'], strategy: 'ordered' },
        plain: { deployments: ['no-tools'], fallbacks: ['plain2'] },
        plain2: { deployments: ['no-tools'] },
        vision: { deployments: ['turbo', 'gpt'], strategy: 'ordered' },
        schema: { deployments: ['deepseek', 'gpt'], strategy: 'ordered' },
      },
    };
    const checked = validateConfig(config);
    assert.ok(checked.ok, JSON.stringify(!checked.ok && checked.errors));
    o = make(config, {}, { k: 'sk-test-capabilities-0123456789' });
  });
  after(async () => {
    o?.dispose();
    await fp?.close();
  });

  it('a tools request to an alias whose first deployment lacks tools is served by the second, and the record says why', async () => {
    fp.forModel('gpt-4o-2024-08-06', { kind: 'answer', toolCalls: [{ name: 'lookup', arguments: '{"q":"x"}' }] });
    const r = await collect(o, { model: 'agent', messages: [{ role: 'user', content: 'Find x' }], tools: TOOLS });
    assert.equal(r.error, undefined, r.error?.message);
    assert.equal(r.record.deploymentId, 'gpt');
    assert.deepEqual(r.record.attempts.map((a) => a.deploymentId), ['gpt']);
    assert.deepEqual(r.record.skipped, [{ deploymentId: 'no-tools', reason: 'cannot serve tools (function calling)' }]);
    assert.equal(fp.requestsFor('tiny-local-model').length, 0, 'nothing was sent to the deployment without tools');
    assert.ok(r.events.some((e) => e.type === 'tool-call'));
  });

  it('the same alias without tools still uses the first deployment (nothing skipped)', async () => {
    fp.forModel('tiny-local-model', { kind: 'answer', text: 'hi' });
    const r = await collect(o, { model: 'agent', messages: [{ role: 'user', content: 'hello' }] });
    assert.equal(r.record.deploymentId, 'no-tools');
    assert.equal(r.record.skipped, undefined);
  });

  it('no capable deployment in the alias nor its fallbacks: a typed unsupported error naming the capability, nothing sent', async () => {
    const before = fp.requests.length;
    const r = await collect(o, { model: 'plain', messages: [{ role: 'user', content: 'Find x' }], tools: TOOLS });
    assert.ok(r.error && SwitchboardError.isInstance(r.error));
    assert.equal(r.error.kind, 'unsupported');
    assert.equal(r.error.retryable, false);
    assert.match(r.error.message, /No deployment of "plain" supports tools \(function calling\)/);
    assert.equal(r.record.errorKind, 'unsupported');
    assert.deepEqual(r.record.attempts, []);
    assert.equal(fp.requests.length, before);
    await assert.rejects(o.chat({ model: 'plain', messages: [IMAGE] }), (e: unknown) => SwitchboardError.isInstance(e) && e.kind === 'unsupported' && /image input \(vision\)/.test(e.message));
  });

  it('capabilities from the model table: an image skips gpt-3.5, json_schema skips the deepseek preset', async () => {
    fp.forModel('gpt-4o-2024-08-06', [{ kind: 'answer', text: 'a square' }, { kind: 'answer', text: '{"a":1}' }]);
    const vision = await o.chat({ model: 'vision', messages: [IMAGE] });
    assert.equal(vision.record.deploymentId, 'gpt');
    assert.deepEqual(vision.record.skipped, [{ deploymentId: 'turbo', reason: 'cannot serve image input (vision)' }]);
    const schema = await o.chat({ model: 'schema', messages: [{ role: 'user', content: 'json' }], response_format: { type: 'json_schema', json_schema: { name: 'a', schema: { type: 'object' } } } });
    assert.equal(schema.record.deploymentId, 'gpt');
    assert.deepEqual(schema.record.skipped, [{ deploymentId: 'deepseek', reason: 'cannot serve json_schema structured output' }]);
  });

  it('validates capabilities in config with errors naming the field', () => {
    const r = validateConfig({ providers: { oa: { kind: 'openai', apiKeySecret: 'k' } }, deployments: [{ id: 'd', provider: 'oa', model: 'm', capabilities: { tools: 'yes', vision: true, speed: 1, maxOutputTokens: 0 } }], aliases: {} });
    assert.equal(r.ok, false);
    const paths = r.ok ? [] : r.errors.map((e) => e.path);
    assert.ok(paths.includes('deployments[0].capabilities.tools'), paths.join());
    assert.ok(paths.includes('deployments[0].capabilities.maxOutputTokens'), paths.join());
    assert.ok(paths.some((p) => p.includes('capabilities') && p.includes('speed')), paths.join());
  });
});
