import * as assert from 'node:assert/strict';
import { toCanonicalCall } from '../../../../src/core/model/to-canonical-call';
import { validateChatRequest } from '../../../../src/core/model/validate-chat-request';
import { convertOpenAIRequest } from '../../../../src/core/providers/openai/convert-openai-request';
import { readOpenAIContentParts } from '../../../../src/core/providers/openai/read-openai-content-parts';
import { readAnswerText, readReasoningText } from '../../../../src/core/providers/openai/read-openai-delta-text';
import { OpenAIToolCallAccumulator } from '../../../../src/core/providers/openai/accumulate-openai-tool-calls';
import { COMPAT_PRESETS, CUSTOM_PRESET } from '../../../../src/core/providers/presets';
import { SwitchboardError } from '../../../../src/core/model/switchboard-error';

const tool = { type: 'function', function: { name: 'f', parameters: { type: 'object', properties: {} } } };

function body(raw: Record<string, unknown>, preset = CUSTOM_PRESET) {
  return convertOpenAIRequest(toCanonicalCall(validateChatRequest({ model: 'a', messages: [{ role: 'user', content: 'hi' }], ...raw })), 'm', false, { flavour: 'compatible', preset });
}

describe('OpenAI mappings: tools, structured output, parts', () => {
  it('sends tools, tool_choice, parallel_tool_calls, json_schema and provider options natively', () => {
    const b = body({ tools: [tool], tool_choice: { type: 'function', function: { name: 'f' } }, parallel_tool_calls: false, response_format: { type: 'json_schema', json_schema: { name: 'out', schema: { type: 'object' }, strict: true } }, provider_options: { openai: { reasoning_effort: 'low', service_tier: 'flex' }, anthropic: { thinking_budget_tokens: 2000 } } });
    assert.deepEqual(b.tools, [{ type: 'function', function: { name: 'f', parameters: { type: 'object', properties: {} } } }]);
    assert.deepEqual(b.tool_choice, { type: 'function', function: { name: 'f' } });
    assert.equal(b.parallel_tool_calls, false);
    assert.deepEqual(b.response_format, { type: 'json_schema', json_schema: { name: 'out', schema: { type: 'object' }, strict: true } });
    assert.equal(b.reasoning_effort, 'low');
    assert.equal(b.service_tier, 'flex');
    assert.equal('thinking' in b, false, 'another kind\u2019s options are not sent');
  });

  it('sends images as image_url parts and a lone text as a string', () => {
    const b = body({ messages: [{ role: 'user', content: [{ type: 'text', text: 'what?' }, { type: 'image_url', image_url: { url: 'https://x.test/a.png', detail: 'high' } }] }] });
    assert.deepEqual(b.messages, [{ role: 'user', content: [{ type: 'text', text: 'what?' }, { type: 'image_url', image_url: { url: 'https://x.test/a.png', detail: 'high' } }] }]);
    assert.deepEqual(body({ messages: [{ role: 'user', content: [{ type: 'text', text: 'only' }] }] }).messages, [{ role: 'user', content: 'only' }]);
  });

  it('a preset without json_schema refuses it as unsupported instead of dropping it', () => {
    const deepseek = COMPAT_PRESETS.get('deepseek');
    assert.ok(deepseek);
    assert.throws(
      () => body({ response_format: { type: 'json_schema', json_schema: { name: 'o', schema: { type: 'object' } } } }, deepseek),
      (e: unknown) => SwitchboardError.isInstance(e) && e.kind === 'unsupported' && /json_schema/.test(e.message),
    );
    assert.deepEqual(body({ response_format: { type: 'json_object' } }, deepseek).response_format, { type: 'json_object' });
  });

  it('reads Mistral content arrays: thinking parts are reasoning, text parts are the answer', () => {
    const content = [{ type: 'thinking', thinking: [{ type: 'text', text: 'Let me ' }, { type: 'text', text: 'think.' }] }, { type: 'text', text: 'Four.' }];
    assert.deepEqual(readOpenAIContentParts(content), { text: 'Four.', reasoning: 'Let me think.' });
    assert.equal(readAnswerText({ content }), 'Four.');
    assert.equal(readReasoningText({ content }), 'Let me think.');
    assert.equal(readAnswerText({ content: 'plain' }), 'plain');
  });

  it('the accumulator emits start and argument deltas as a call forms', () => {
    const acc = new OpenAIToolCallAccumulator();
    assert.deepEqual(acc.add({ tool_calls: [{ index: 1, id: 'c1', function: { name: 'f', arguments: '' } }] }), [{ type: 'tool-call-start', index: 0, id: 'c1', name: 'f' }]);
    assert.deepEqual(acc.add({ tool_calls: [{ index: 1, function: { arguments: '{"a":' } }] }), [{ type: 'tool-call-delta', index: 0, id: 'c1', argumentsDelta: '{"a":' }]);
    assert.deepEqual(acc.add({ tool_calls: [{ index: 1, function: { name: '', arguments: '1}' } }] }), [{ type: 'tool-call-delta', index: 0, id: 'c1', argumentsDelta: '1}' }]);
    assert.deepEqual(acc.complete(), [{ type: 'tool-call', id: 'c1', name: 'f', arguments: '{"a":1}' }]);
  });
});
