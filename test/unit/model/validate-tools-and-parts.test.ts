import * as assert from 'node:assert/strict';
import { SwitchboardError } from '../../../src/core/model/switchboard-error';
import { toCanonicalCall } from '../../../src/core/model/to-canonical-call';
import { validateChatRequest } from '../../../src/core/model/validate-chat-request';

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const weather = { type: 'function', function: { name: 'get_weather', description: 'Weather in a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } };
const time = { type: 'function', function: { name: 'get_time', parameters: { type: 'object', properties: {} } } };

function refused(raw: unknown, pattern: RegExp): void {
  assert.throws(
    () => validateChatRequest(raw),
    (e: unknown) => SwitchboardError.isInstance(e) && e.kind === 'bad_request' && pattern.test(e.message),
  );
}

describe('validateChatRequest: tools, tool messages, parts, response_format', () => {
  const round = [
    { role: 'user', content: [{ type: 'text', text: 'Weather and time in Paris?' }, { type: 'image_url', image_url: { url: PNG, detail: 'low' } }] },
    { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }, { id: 'call_2', type: 'function', function: { name: 'get_time', arguments: '{}' } }] },
    { role: 'tool', tool_call_id: 'call_1', content: 'sunny' },
    { role: 'tool', tool_call_id: 'call_2', content: [{ type: 'text', text: '12:00' }] },
  ];

  it('accepts a full tool round trip with an image and keeps every field', () => {
    const req = { model: 'fast', messages: round, tools: [weather, time], tool_choice: { type: 'function', function: { name: 'get_weather' } }, parallel_tool_calls: false, provider_options: { openai: { reasoning_effort: 'low' }, anthropic: { cache_control: { system: true }, thinking_budget_tokens: 2048 } } };
    assert.deepEqual(validateChatRequest(req), req);
  });

  it('becomes a canonical call with typed parts, tools and choice', () => {
    const call = toCanonicalCall(validateChatRequest({ model: 'fast', messages: round, tools: [weather, time], tool_choice: 'required', response_format: { type: 'json_schema', json_schema: { name: 'w', schema: { type: 'object' }, strict: true } }, stop: 'x', max_tokens: 5 }));
    assert.deepEqual(call.messages[0], { role: 'user', parts: [{ type: 'text', text: 'Weather and time in Paris?' }, { type: 'image', image: { kind: 'base64', mediaType: 'image/png', data: PNG.split(',')[1] }, detail: 'low' }] });
    assert.deepEqual(call.messages[1], { role: 'assistant', text: '', toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' }, { id: 'call_2', name: 'get_time', arguments: '{}' }], thinkingBlocks: [] });
    assert.deepEqual(call.messages[3], { role: 'tool', toolCallId: 'call_2', text: '12:00' });
    assert.deepEqual(call.tools.map((t) => t.name), ['get_weather', 'get_time']);
    assert.deepEqual(call.toolChoice, { type: 'required' });
    assert.deepEqual(call.output, { type: 'json_schema', name: 'w', schema: { type: 'object' }, strict: true });
    assert.deepEqual(call.sampling, { maxTokens: 5, stop: ['x'] });
    assert.equal('model' in call, false, 'no alias reaches adapters');
    assert.equal('cache' in call, false, 'no cache options reach adapters');
  });

  it('names the field and says what to change', () => {
    const user = { role: 'user', content: 'hi' };
    refused({ model: 'm', messages: [user], tools: [{ type: 'retrieval' }] }, /tools\[0\].*function tools/);
    refused({ model: 'm', messages: [user], tools: [{ type: 'function', function: { name: 'bad name!' } }] }, /tools\[0\]\.function\.name/);
    refused({ model: 'm', messages: [user], tools: [weather, weather] }, /unique/);
    refused({ model: 'm', messages: [user], tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'string' } } }] }, /parameters\.type must be "object"/);
    refused({ model: 'm', messages: [user], tools: [weather], tool_choice: { type: 'function', function: { name: 'nope' } } }, /"nope", which is not in "tools"/);
    refused({ model: 'm', messages: [user], tool_choice: 'required' }, /at least one tool/);
    refused({ model: 'm', messages: [user], tool_choice: 'none' }, /"tool_choice": "none" needs at least one tool/);
    refused({ model: 'm', messages: [user], parallel_tool_calls: true }, /applies only with "tools"/);
    refused({ model: 'm', messages: [user], tool_choice: 'always' }, /"tool_choice" must be/);
    refused({ model: 'm', messages: [user], parallel_tool_calls: 'yes' }, /parallel_tool_calls/);
    refused({ model: 'm', messages: [user], response_format: { type: 'json_schema', json_schema: { name: 'x' } } }, /json_schema\.schema/);
    refused({ model: 'm', messages: [user], response_format: { type: 'xml' } }, /response_format\.type/);
    refused({ model: 'm', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'http://x/a.png' } }] }] }, /messages\[0\]\.content\[0\]\.image_url\.url must be an https URL or a base64 data URL/);
    refused({ model: 'm', messages: [{ role: 'system', content: [{ type: 'image_url', image_url: { url: PNG } }] }, user] }, /only allowed in user messages/);
    refused({ model: 'm', messages: [user, { role: 'tool', content: 'x' }] }, /messages\[1\]\.tool_call_id/);
    refused({ model: 'm', messages: [user, { role: 'tool', tool_call_id: 'call_9', content: 'x' }] }, /"call_9" does not answer a tool call/);
    refused({ model: 'm', messages: [user, { role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: {} } }] }] }, /arguments must be a JSON string/);
    refused({ model: 'm', messages: round }, /"tools" is empty/);
    refused({ model: 'm', messages: [user], provider_options: { openai: { reasoning_effort: 'max' } } }, /reasoning_effort must be one of/);
    refused({ model: 'm', messages: [user], provider_options: { anthropic: { thinking_budget_tokens: 100 } } }, /at least 1024/);
    refused({ model: 'm', messages: [user], provider_options: { gemini: {} } }, /provider_options"\.gemini is not supported/);
  });

  it('an https image becomes a URL image', () => {
    const call = toCanonicalCall(validateChatRequest({ model: 'm', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://example.com/cat.jpg' } }] }] }));
    assert.deepEqual(call.messages[0], { role: 'user', parts: [{ type: 'image', image: { kind: 'url', url: 'https://example.com/cat.jpg' } }] });
  });
});
