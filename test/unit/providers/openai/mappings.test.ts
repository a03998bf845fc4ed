import * as assert from 'node:assert/strict';
import { convertOpenAIUsage } from '../../../../src/core/providers/openai/convert-openai-usage';
import { mapOpenAIFinishReason } from '../../../../src/core/providers/openai/map-openai-finish-reason';
import { mapOpenAIMaxTokensParam } from '../../../../src/core/providers/openai/map-openai-max-tokens-param';
import { readOpenAIErrorBody } from '../../../../src/core/providers/openai/read-openai-error-body';
import { refineOpenAIErrorKind } from '../../../../src/core/providers/openai/refine-openai-error-kind';
import { readReasoningText } from '../../../../src/core/providers/openai/read-openai-delta-text';
import { OpenAIToolCallAccumulator } from '../../../../src/core/providers/openai/accumulate-openai-tool-calls';
import { convertOpenAIRequest } from '../../../../src/core/providers/openai/convert-openai-request';
import { resolveOpenAISettings } from '../../../../src/core/providers/openai/resolve-openai-settings';
import { toCanonicalCall } from '../../../../src/core/model/to-canonical-call';
import { COMPAT_PRESETS } from '../../../../src/core/providers/presets';
import { APIConnectionError, APIError } from 'openai';
import { RedirectRefusedError } from '../../../../src/core/net/safe-fetch';
import { mapOpenAIError } from '../../../../src/core/providers/openai/map-openai-error';

describe('openai mappings', () => {
  describe('convertOpenAIUsage', () => {
    it('OpenAI: prompt includes cached, completion includes reasoning', () => {
      const u = convertOpenAIUsage({ prompt_tokens: 100, completion_tokens: 50, prompt_tokens_details: { cached_tokens: 60 }, completion_tokens_details: { reasoning_tokens: 20 } });
      assert.deepEqual(u, { inputTokens: 100, outputTokens: 50, cacheReadTokens: 60, cacheWriteTokens: 0, reasoningTokens: 20, estimated: false });
    });
    it('DeepSeek prompt_cache_hit_tokens', () => {
      assert.equal(convertOpenAIUsage({ prompt_tokens: 10, completion_tokens: 1, prompt_cache_hit_tokens: 7, prompt_cache_miss_tokens: 3 })?.cacheReadTokens, 7);
    });
    it('xAI: reasoning outside completion_tokens is added back', () => {
      const u = convertOpenAIUsage({ prompt_tokens: 12, completion_tokens: 1, total_tokens: 241, completion_tokens_details: { reasoning_tokens: 228 } }, { reasoningOutsideCompletion: true });
      assert.equal(u?.outputTokens, 229);
    });
    it('null details and missing usage', () => {
      assert.equal(convertOpenAIUsage({ prompt_tokens: 3, completion_tokens: 2, prompt_tokens_details: null })?.cacheReadTokens, 0);
      assert.equal(convertOpenAIUsage(undefined), undefined);
      assert.equal(convertOpenAIUsage({ total_tokens: 5 }), undefined);
    });
  });

  it('mapOpenAIFinishReason keeps the raw value', () => {
    assert.deepEqual(mapOpenAIFinishReason('stop'), { unified: 'stop', raw: 'stop' });
    assert.deepEqual(mapOpenAIFinishReason('length'), { unified: 'length', raw: 'length' });
    assert.deepEqual(mapOpenAIFinishReason('content_filter'), { unified: 'content-filter', raw: 'content_filter' });
    assert.deepEqual(mapOpenAIFinishReason('tool_calls'), { unified: 'tool-calls', raw: 'tool_calls' });
    assert.deepEqual(mapOpenAIFinishReason('function_call'), { unified: 'tool-calls', raw: 'function_call' });
    assert.deepEqual(mapOpenAIFinishReason('eos'), { unified: 'other', raw: 'eos' });
    assert.deepEqual(mapOpenAIFinishReason(undefined), { unified: 'other' });
  });

  it('mapOpenAIMaxTokensParam', () => {
    assert.equal(mapOpenAIMaxTokensParam('openai', 'o3-mini'), 'max_completion_tokens');
    assert.equal(mapOpenAIMaxTokensParam('openai', 'gpt-5-nano-2025-08-07'), 'max_completion_tokens');
    assert.equal(mapOpenAIMaxTokensParam('azure', 'o4-mini'), 'max_completion_tokens');
    assert.equal(mapOpenAIMaxTokensParam('openai', 'gpt-4o-mini'), 'max_tokens');
    assert.equal(mapOpenAIMaxTokensParam('compatible', 'o3'), 'max_tokens');
  });

  describe('error bodies and kinds', () => {
    const kind = (status: number | undefined, body: unknown): string => refineOpenAIErrorKind(status, readOpenAIErrorBody(body));
    it('reads the shapes compatible servers use', () => {
      assert.deepEqual(readOpenAIErrorBody({ error: { message: 'm', type: 't', code: 'c' } }), { message: 'm', code: 'c', codes: ['c', 't'] });
      assert.equal(readOpenAIErrorBody({ object: 'error', message: 'mistral says' }).message, 'mistral says');
      assert.equal(readOpenAIErrorBody({ error: 'model "x" not found' }).message, 'model "x" not found');
      assert.equal(readOpenAIErrorBody({ detail: 'vllm says' }).message, 'vllm says');
      assert.equal(readOpenAIErrorBody([{ error: { code: 429, message: 'g', status: 'RESOURCE_EXHAUSTED' } }]).code, '429');
      assert.deepEqual(readOpenAIErrorBody('plain text'), { message: 'plain text', codes: [] });
    });
    it('refines the status by the body', () => {
      assert.equal(kind(429, { error: { type: 'insufficient_quota', code: 'insufficient_quota' } }), 'quota_exhausted');
      assert.equal(kind(429, { error: { code: 'rate_limit_exceeded', message: 'Request too large ... too many tokens' } }), 'rate_limited');
      assert.equal(kind(400, { error: { code: 'context_length_exceeded' } }), 'context_overflow');
      assert.equal(kind(400, { error: { message: 'Please reduce the length of the messages.' } }), 'context_overflow');
      assert.equal(kind(400, { error: { code: 'content_filter' } }), 'content_filter');
      assert.equal(kind(400, { error: { code: null, innererror: { code: 'ResponsibleAIPolicyViolation' } } }), 'content_filter');
      assert.equal(kind(400, { error: { message: 'Your credit balance is too low' } }), 'quota_exhausted');
      assert.equal(kind(400, { error: { code: 'unsupported_parameter' } }), 'bad_request');
      assert.equal(kind(503, {}), 'overloaded');
    });
    it('in-band (no status): the body decides, default server', () => {
      assert.equal(kind(undefined, { error: { type: 'server_error' } }), 'server');
      assert.equal(kind(undefined, { error: { code: 'rate_limit_exceeded' } }), 'rate_limited');
      assert.equal(kind(undefined, { error: { type: 'overloaded_error' } }), 'overloaded');
      assert.equal(kind(undefined, { error: { message: 'failed to decode' } }), 'server');
    });
  });

  describe('mapOpenAIError: retry hints and refused redirects', () => {
    const ctx = { providerId: 'oa', signal: new AbortController().signal };
    const apiError = (status: number, headers: Record<string, string>): APIError =>
      APIError.generate(status, { error: { message: 'x', type: status === 429 ? 'requests' : 'server_error' } }, undefined, new Headers(headers));

    it('x-ratelimit-reset-* is not a retry hint for a non-429', () => {
      const e = mapOpenAIError(apiError(500, { 'x-ratelimit-reset-requests': '6m0s', 'x-ratelimit-reset-tokens': '2s' }), ctx);
      assert.equal(e.kind, 'server');
      assert.equal(e.retryAfterMs, undefined);
      assert.equal(mapOpenAIError(apiError(503, { 'retry-after': '3' }), ctx).retryAfterMs, 3000, 'an explicit retry-after still counts');
    });

    it('on a 429 only the exhausted limits (remaining 0) say how long to wait', () => {
      const headers = { 'x-ratelimit-remaining-requests': '10', 'x-ratelimit-reset-requests': '6m0s', 'x-ratelimit-remaining-tokens': '0', 'x-ratelimit-reset-tokens': '2s' };
      assert.equal(mapOpenAIError(apiError(429, headers), ctx).retryAfterMs, 2000);
    });

    it('on a 429 without remaining headers every reset counts (longest wins)', () => {
      assert.equal(mapOpenAIError(apiError(429, { 'x-ratelimit-reset-requests': '6m0s', 'x-ratelimit-reset-tokens': '2s' }), ctx).retryAfterMs, 360_000);
    });

    it('a refused redirect is a configuration error, not retried', () => {
      const e = mapOpenAIError(new APIConnectionError({ cause: new RedirectRefusedError(302, 'https://elsewhere.example') }), ctx);
      assert.equal(e.kind, 'invalid_config');
      assert.equal(e.retryable, false);
      assert.match(e.message, /redirect/);
    });
  });

  it('readReasoningText prefers the preset field and never doubles', () => {
    assert.equal(readReasoningText({ reasoning: 'a', reasoning_content: 'a' }, 'reasoning'), 'a');
    assert.equal(readReasoningText({ reasoning: 'r' }, 'reasoning_content'), 'r');
    assert.equal(readReasoningText({ reasoning_content: '' }), undefined);
  });

  it('tool call fragments: indexes from 1, empty repeated names', () => {
    const acc = new OpenAIToolCallAccumulator();
    acc.add({ tool_calls: [{ index: 1, id: 't1', function: { name: 'read', arguments: '' } }] });
    acc.add({ tool_calls: [{ index: 1, function: { name: '', arguments: '{"p":' } }] });
    acc.add({ tool_calls: [{ index: 1, function: { arguments: '1}' } }] });
    assert.deepEqual(acc.complete(), [{ type: 'tool-call', id: 't1', name: 'read', arguments: '{"p":1}' }]);
  });

  it('convertOpenAIRequest: stream_options only for presets that accept it', () => {
    const req = toCanonicalCall({ model: 'x', messages: [{ role: 'user' as const, content: 'hi' }] });
    const groq = COMPAT_PRESETS.get('groq');
    const mistral = COMPAT_PRESETS.get('mistral');
    assert.ok(groq && mistral);
    assert.deepEqual(convertOpenAIRequest(req, 'm', true, { flavour: 'compatible', preset: groq }).stream_options, { include_usage: true });
    assert.equal(convertOpenAIRequest(req, 'm', true, { flavour: 'compatible', preset: mistral }).stream_options, undefined);
    assert.equal(convertOpenAIRequest(req, 'm', false, { flavour: 'compatible', preset: groq }).stream, undefined);
  });

  it('resolveOpenAISettings: presets by name or origin, endpoint policy, azure defaults', () => {
    assert.equal(resolveOpenAISettings('g', { kind: 'openai-compatible', baseUrl: 'https://api.groq.com/openai/v1' }).preset.name, 'groq');
    assert.equal(resolveOpenAISettings('o', { kind: 'openai-compatible', preset: 'ollama' }).requiresKey, false);
    assert.equal(resolveOpenAISettings('o', { kind: 'openai-compatible', preset: 'ollama', apiKeySecret: 'x' }).requiresKey, true);
    assert.equal(resolveOpenAISettings('c', { kind: 'openai-compatible', baseUrl: 'http://127.0.0.1:9/v1' }).preset.name, 'custom');
    assert.equal(resolveOpenAISettings('a', { kind: 'openai' }).baseUrl, 'https://api.openai.com/v1');
    assert.equal(resolveOpenAISettings('z', { kind: 'azure-openai', baseUrl: 'https://r.openai.azure.com/' }).apiVersion, '2024-10-21');
    assert.throws(() => resolveOpenAISettings('h', { kind: 'openai-compatible', baseUrl: 'http://evil.example.com/v1' }), /https/);
    assert.throws(() => resolveOpenAISettings('n', { kind: 'openai-compatible' }), /baseUrl/);
  });
});
