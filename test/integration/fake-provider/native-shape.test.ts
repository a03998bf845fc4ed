import * as assert from 'node:assert/strict';
import { nativeShapeProblems } from '../../support/fake-provider/native-shape';
import { startFakeProvider } from '../../support/fake-provider';

/** The fake server's dialect check must catch the other provider's shape, or the round-trip tests prove nothing. */
describe('fake provider: native request shape checks', () => {
  const openaiTools = [{ type: 'function', function: { name: 'f', parameters: { type: 'object' } } }];
  const anthropicTools = [{ name: 'f', input_schema: { type: 'object' } }];

  it('accepts native OpenAI and Anthropic tool round trips', () => {
    assert.deepEqual(nativeShapeProblems('openai', { model: 'm', tools: openaiTools, messages: [{ role: 'user', content: 'q' }, { role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{}' } }] }, { role: 'tool', tool_call_id: 'c', content: 'r' }] }), []);
    assert.deepEqual(nativeShapeProblems('anthropic', { model: 'm', max_tokens: 5, tools: anthropicTools, messages: [{ role: 'user', content: 'q' }, { role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'f', input: {} }] }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't', content: 'r' }] }] }), []);
  });

  it('refuses the other dialect', () => {
    assert.ok(nativeShapeProblems('openai', { model: 'm', tools: anthropicTools, messages: [{ role: 'user', content: 'q' }] }).some((p) => /tools\[0\]/.test(p)));
    assert.ok(nativeShapeProblems('openai', { model: 'm', messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'x' } }] }] }).length > 0);
    assert.ok(nativeShapeProblems('anthropic', { model: 'm', max_tokens: 5, tools: openaiTools, messages: [{ role: 'user', content: 'q' }] }).some((p) => /tools\[0\]/.test(p)));
    assert.ok(nativeShapeProblems('anthropic', { model: 'm', max_tokens: 5, messages: [{ role: 'user', content: 'q' }, { role: 'assistant', content: 'a' }, { role: 'tool', tool_call_id: 'c', content: 'r' }] }).length > 0);
    assert.ok(nativeShapeProblems('anthropic', { model: 'm', max_tokens: 5, response_format: { type: 'json_object' }, messages: [{ role: 'user', content: 'q' }] }).some((p) => /response_format/.test(p)));
    assert.ok(nativeShapeProblems('anthropic', { model: 'm', max_tokens: 5, messages: [{ role: 'user', content: 'q' }, { role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'f', input: {} }] }, { role: 'user', content: 'no result' }] }).some((p) => /not answered/.test(p)));
    assert.ok(nativeShapeProblems('anthropic', { model: 'm', max_tokens: 5, messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://x' } }] }] }).length > 0);
  });

  it('answers a non-native body with a 400 naming the problem, and records it', async () => {
    const fp = await startFakeProvider();
    try {
      const res = await fetch(`${fp.anthropicBaseUrl}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'm', max_tokens: 5, tools: openaiTools, messages: [{ role: 'user', content: 'q' }] }) });
      assert.equal(res.status, 400);
      assert.match(((await res.json()) as { error: { message: string } }).error.message, /not a native anthropic request: tools\[0\]/);
      assert.ok(fp.requests[0]?.shapeProblems?.length);
    } finally {
      await fp.close();
    }
  });
});
