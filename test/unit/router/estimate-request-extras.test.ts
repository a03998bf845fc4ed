import * as assert from 'node:assert/strict';
import { ChatRequest } from '../../../src/core/model/chat-request';
import { computeCacheKey } from '../../../src/core/cache/cache-key';
import { estimateImageTokens, imageSize } from '../../../src/core/router/estimate-image-tokens';
import { estimateRequest } from '../../../src/core/router/estimate-request';
import { estimateRequestExtras } from '../../../src/core/router/estimate-request-extras';
import { mapOpenAIFinishReason } from '../../../src/core/providers/openai/map-openai-finish-reason';
import { pngHeader } from '../../support/png-header';


const TOOLS: ChatRequest['tools'] = [{ type: 'function', function: { name: 'search', description: 'Search the documentation for a phrase', parameters: { type: 'object', properties: { query: { type: 'string' } } } } }];
const base: ChatRequest = { model: 'm', messages: [{ role: 'user', content: 'Find it' }] };

describe('estimates and cache keys count tools, images and tool results', () => {
  it('image tokens follow the tile rule when the size is known, else a flagged estimate', () => {
    assert.deepEqual(imageSize({ kind: 'base64', mediaType: 'image/png', data: pngHeader(1024, 1024) }), { width: 1024, height: 1024 });
    // 1024x1024 -> short side 768 -> 768x768 -> 2x2 tiles: 85 + 4*170 (OpenAI's documented example).
    assert.deepEqual(estimateImageTokens({ kind: 'base64', mediaType: 'image/png', data: pngHeader(1024, 1024) }), { tokens: 765, estimated: false });
    // 2048x4096 -> fit 1024x2048 -> short side 768: 768x1536 -> 2x3 tiles: 85 + 6*170.
    assert.deepEqual(estimateImageTokens({ kind: 'base64', mediaType: 'image/png', data: pngHeader(2048, 4096) }), { tokens: 1105, estimated: false });
    assert.deepEqual(estimateImageTokens({ kind: 'url', url: 'https://x.test/a.png' }, 'low'), { tokens: 85, estimated: false });
    const unknown = estimateImageTokens({ kind: 'url', url: 'https://x.test/a.png' });
    assert.equal(unknown.estimated, true);
    assert.ok(unknown.tokens >= 765);
  });

  it('the prompt estimate (TPM, context pre-check, budgets) grows with tools, images and tool calls', () => {
    const plain = estimateRequest(base).inputTokens;
    const withTools = estimateRequest({ ...base, tools: TOOLS }).inputTokens;
    assert.ok(withTools > plain + 20, `${withTools} vs ${plain}`);
    const image: ChatRequest = { ...base, messages: [{ role: 'user', content: [{ type: 'text', text: 'Find it' }, { type: 'image_url', image_url: { url: `data:image/png;base64,${pngHeader(1024, 1024)}` } }] }] };
    assert.equal(estimateRequest(image).inputTokens - plain, 765);
    const extras = estimateRequestExtras({ ...image, messages: [...image.messages, { role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://x.test/b.png' } }] }] });
    assert.equal(extras.imagesEstimated, true);
    const round: ChatRequest = { ...base, tools: TOOLS, messages: [...base.messages, { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'search', arguments: '{"query":"a long query about the documentation"}' } }] }, { role: 'tool', tool_call_id: 'c1', content: 'x '.repeat(400) }] };
    assert.ok(estimateRequest(round).inputTokens > withTools + 200, 'tool calls and tool results count');
  });

  it('cache keys differ on tools, tool choice, images, tool results and provider options', () => {
    const key = (request: ChatRequest) => computeCacheKey({ request, resolvedTarget: 'fast', deployments: [{ provider: 'oa', model: 'm' }], accountFingerprint: 'fp', workspace: 'w' });
    const keys = [
      key(base),
      key({ ...base, tools: TOOLS }),
      key({ ...base, tools: TOOLS, tool_choice: 'required' }),
      key({ ...base, messages: [{ role: 'user', content: [{ type: 'text', text: 'Find it' }, { type: 'image_url', image_url: { url: 'https://x.test/a.png' } }] }] }),
      key({ ...base, messages: [{ role: 'user', content: [{ type: 'text', text: 'Find it' }, { type: 'image_url', image_url: { url: 'https://x.test/b.png' } }] }] }),
      key({ ...base, tools: TOOLS, messages: [...base.messages, { role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'search', arguments: '{}' } }] }, { role: 'tool', tool_call_id: 'c', content: 'one' }] }),
      key({ ...base, tools: TOOLS, messages: [...base.messages, { role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'search', arguments: '{}' } }] }, { role: 'tool', tool_call_id: 'c', content: 'two' }] }),
      key({ ...base, provider_options: { openai: { reasoning_effort: 'low' } } }),
      key({ ...base, provider_options: { openai: { reasoning_effort: 'high' } } }),
      key({ ...base, response_format: { type: 'json_schema', json_schema: { name: 'a', schema: { type: 'object' } } } }),
    ];
    assert.equal(new Set(keys).size, keys.length);
  });

  it('a tool-call answer that ends with "stop" is still a tool-call answer (never cached as text)', () => {
    assert.deepEqual(mapOpenAIFinishReason('stop', true), { unified: 'tool-calls', raw: 'stop' });
    assert.deepEqual(mapOpenAIFinishReason('stop', false), { unified: 'stop', raw: 'stop' });
  });
  it('thinking blocks sent back in a tool loop count as prompt', () => {
    const call = { id: 'toolu_1', type: 'function' as const, function: { name: 'search', arguments: '{}' } };
    const without: ChatRequest = { model: 'm', messages: [{ role: 'user', content: 'Find it' }, { role: 'assistant', content: null, tool_calls: [call] }, { role: 'tool', tool_call_id: 'toolu_1', content: 'found' }] };
    const thought = 'x'.repeat(4_000);
    const withBlocks: ChatRequest = { ...without, messages: [without.messages[0]!, { role: 'assistant', content: null, tool_calls: [call], thinking_blocks: [{ type: 'thinking', thinking: thought, signature: 'sig' }, { type: 'redacted_thinking', data: 'y'.repeat(400) }] }, without.messages[2]!] };
    assert.equal(estimateRequestExtras(withBlocks).tokens - estimateRequestExtras(without).tokens, 1_000 + 100);
  });
});
