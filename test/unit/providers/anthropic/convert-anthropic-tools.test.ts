import * as assert from 'node:assert/strict';
import { toCanonicalCall } from '../../../../src/core/model/to-canonical-call';
import { validateChatRequest } from '../../../../src/core/model/validate-chat-request';
import { convertAnthropicRequest } from '../../../../src/core/providers/anthropic/convert-anthropic-request';
import { supportsAnthropicOutputFormat } from '../../../../src/core/providers/anthropic/convert-anthropic-tools';
import { replayAnthropicMessage } from '../../../../src/core/providers/anthropic/replay-anthropic-message';
import { SwitchboardError } from '../../../../src/core/model/switchboard-error';

const weather = { type: 'function', function: { name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } };
const time = { type: 'function', function: { name: 'get_time', parameters: { type: 'object', properties: {} } } };
const schema = { type: 'object', properties: { answer: { type: 'number' } }, required: ['answer'] };

function convert(raw: Record<string, unknown>, model = 'claude-sonnet-4-5-20250929') {
  return convertAnthropicRequest(toCanonicalCall(validateChatRequest({ model: 'a', messages: [{ role: 'user', content: 'hi' }], ...raw })), model, false);
}

describe('Anthropic mappings: tools, tool results, images, structured output', () => {
  it('tools get input_schema, tool_choice maps, parallel off is disable_parallel_tool_use', () => {
    const { body } = convert({ tools: [weather, time], tool_choice: 'required', parallel_tool_calls: false });
    assert.deepEqual(body.tools, [
      { name: 'get_weather', description: 'Weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } },
      { name: 'get_time', input_schema: { type: 'object', properties: {} } },
    ]);
    assert.deepEqual(body.tool_choice, { type: 'any', disable_parallel_tool_use: true });
    assert.deepEqual(convert({ tools: [weather], tool_choice: { type: 'function', function: { name: 'get_weather' } } }).body.tool_choice, { type: 'tool', name: 'get_weather' });
    assert.deepEqual(convert({ tools: [weather], tool_choice: 'none' }).body.tool_choice, { type: 'none' });
  });

  it('tool calls become tool_use blocks; consecutive tool results merge into one user turn, results first', () => {
    const { body } = convert({
      tools: [weather, time],
      messages: [
        { role: 'system', content: 'sys' },
        { role: 'user', content: 'Paris?' },
        { role: 'assistant', content: 'Checking.', tool_calls: [{ id: 't1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }, { id: 't2', type: 'function', function: { name: 'get_time', arguments: '' } }] },
        { role: 'tool', tool_call_id: 't1', content: 'sunny' },
        { role: 'tool', tool_call_id: 't2', content: '12:00' },
        { role: 'user', content: 'Thanks' },
      ],
    });
    assert.equal(body.system, 'sys');
    assert.deepEqual(body.messages, [
      { role: 'user', content: 'Paris?' },
      { role: 'assistant', content: [{ type: 'text', text: 'Checking.' }, { type: 'tool_use', id: 't1', name: 'get_weather', input: { city: 'Paris' } }, { type: 'tool_use', id: 't2', name: 'get_time', input: {} }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: 'sunny' }, { type: 'tool_result', tool_use_id: 't2', content: '12:00' }, { type: 'text', text: 'Thanks' }] },
    ]);
  });

  it('images become source blocks (base64 and url)', () => {
    const { body } = convert({ messages: [{ role: 'user', content: [{ type: 'text', text: 'see' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } }, { type: 'image_url', image_url: { url: 'https://x.test/a.jpg' } }] }] });
    assert.deepEqual(body.messages[0]?.content, [
      { type: 'text', text: 'see' },
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAAA' } },
      { type: 'image', source: { type: 'url', url: 'https://x.test/a.jpg' } },
    ]);
  });

  it('json_schema uses output_config.format where the model has it, else a forced json tool read back as text', () => {
    const rf = { type: 'json_schema', json_schema: { name: 'out', schema } };
    const native = convert({ response_format: rf });
    assert.deepEqual(native.body.output_config, { format: { type: 'json_schema', schema } });
    assert.equal(native.jsonToolName, undefined);
    const forced = convert({ response_format: rf }, 'claude-3-5-haiku-20241022');
    assert.equal(forced.body.output_config, undefined);
    assert.deepEqual(forced.body.tool_choice, { type: 'tool', name: 'json' });
    assert.deepEqual(forced.body.tools?.[0]?.input_schema, schema);
    assert.equal(forced.jsonToolName, 'json');
    const parts = replayAnthropicMessage({ content: [{ type: 'tool_use', id: 'x', name: 'json', input: { answer: 4 } }], stop_reason: 'tool_use' }, { jsonToolName: 'json' });
    assert.deepEqual(parts, [{ type: 'text-delta', text: '{"answer":4}' }, { type: 'finish', finishReason: { unified: 'stop', raw: 'tool_use' } }]);
    assert.throws(() => convert({ response_format: rf, tools: [weather] }, 'claude-3-5-haiku-20241022'), (e: unknown) => SwitchboardError.isInstance(e) && e.kind === 'unsupported');
  });

  it('json_object (no schema) is a forced json tool over any object, on every model', () => {
    const { body, jsonToolName } = convert({ response_format: { type: 'json_object' } });
    assert.equal(jsonToolName, 'json');
    assert.deepEqual(body.tools?.[0]?.input_schema, { type: 'object', additionalProperties: true });
    assert.deepEqual(body.tool_choice, { type: 'tool', name: 'json' });
    assert.equal(body.output_config, undefined);
  });

  it('knows which models have native structured outputs', () => {
    for (const m of ['claude-sonnet-4-5-20250929', 'claude-opus-4-1-20250805', 'claude-haiku-4-5', 'claude-opus-5']) assert.equal(supportsAnthropicOutputFormat(m), true, m);
    for (const m of ['claude-3-5-sonnet-20241022', 'claude-sonnet-4-20250514', 'claude-3-haiku-20240307']) assert.equal(supportsAnthropicOutputFormat(m), false, m);
  });

  it('cache_control and thinking come from provider_options.anthropic', () => {
    const { body } = convert({ messages: [{ role: 'system', content: 'long' }, { role: 'user', content: 'q' }], tools: [weather], provider_options: { anthropic: { cache_control: { system: true, tools: true }, thinking_budget_tokens: 2048 }, openai: { reasoning_effort: 'low' } } });
    assert.deepEqual(body.system, [{ type: 'text', text: 'long', cache_control: { type: 'ephemeral' } }]);
    assert.deepEqual(body.tools?.[0]?.cache_control, { type: 'ephemeral' });
    assert.deepEqual(body.thinking, { type: 'enabled', budget_tokens: 2048 });
    assert.equal('reasoning_effort' in body, false);
  });
});
