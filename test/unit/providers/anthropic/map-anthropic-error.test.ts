import * as assert from 'node:assert/strict';
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from '@anthropic-ai/sdk';
import { RedirectRefusedError } from '../../../../src/core/net/safe-fetch';
import { mapAnthropicError } from '../../../../src/core/providers/anthropic/map-anthropic-error';

function apiError(status: number, type: string, message: string, headers: Record<string, string> = {}): APIError {
  return APIError.generate(status, { type: 'error', error: { type, message } }, undefined, new Headers(headers));
}

describe('mapAnthropicError', () => {
  it('529 overloaded_error -> overloaded, retryable, provider details kept', () => {
    const e = mapAnthropicError(apiError(529, 'overloaded_error', 'Overloaded', { 'x-should-retry': 'true' }));
    assert.equal(e.kind, 'overloaded');
    assert.equal(e.retryable, true);
    assert.equal(e.status, 529);
    assert.equal(e.providerCode, 'overloaded_error');
    assert.equal(e.providerMessage, 'Overloaded');
    assert.equal(e.retryAfterMs, undefined);
  });

  it('429 -> rate_limited with retry-after seconds', () => {
    const e = mapAnthropicError(apiError(429, 'rate_limit_error', 'Rate limited', { 'retry-after': '7' }));
    assert.equal(e.kind, 'rate_limited');
    assert.equal(e.retryAfterMs, 7000);
  });

  it('429 -> rate_limited with anthropic-ratelimit-*-reset when there is no retry-after', () => {
    const at = new Date(Date.now() + 30_000).toISOString();
    const e = mapAnthropicError(apiError(429, 'rate_limit_error', 'Rate limited', { 'anthropic-ratelimit-requests-reset': at }));
    assert.ok(e.retryAfterMs !== undefined && e.retryAfterMs > 25_000 && e.retryAfterMs <= 30_000, String(e.retryAfterMs));
  });

  it('429: only the exhausted limits (remaining 0) say how long to wait; the runtime clock is used', () => {
    const now = Date.parse('2030-01-01T00:00:00Z');
    const headers = {
      'anthropic-ratelimit-requests-remaining': '40',
      'anthropic-ratelimit-requests-reset': new Date(now + 60_000).toISOString(),
      'anthropic-ratelimit-output-tokens-remaining': '0',
      'anthropic-ratelimit-output-tokens-reset': new Date(now + 5_000).toISOString(),
    };
    assert.equal(mapAnthropicError(apiError(429, 'rate_limit_error', 'Rate limited', headers), { now: () => now }).retryAfterMs, 5_000);
  });

  it('ratelimit reset headers on a non-429 are not a retry hint', () => {
    const at = new Date(Date.now() + 30_000).toISOString();
    assert.equal(mapAnthropicError(apiError(500, 'api_error', 'x', { 'anthropic-ratelimit-requests-reset': at })).retryAfterMs, undefined);
  });

  const byStatus: Array<[number, string, string, string]> = [
    [401, 'authentication_error', 'invalid x-api-key', 'auth'],
    [403, 'permission_error', 'no', 'permission'],
    [404, 'not_found_error', 'model: claude-x', 'not_found'],
    [400, 'invalid_request_error', 'prompt is too long: 210000 tokens > 200000 maximum', 'context_overflow'],
    [400, 'invalid_request_error', 'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.', 'quota_exhausted'],
    [400, 'invalid_request_error', 'max_tokens: Field required', 'bad_request'],
    [500, 'api_error', 'Internal server error', 'server'],
    [503, 'api_error', 'unavailable', 'overloaded'],
  ];
  for (const [status, type, message, kind] of byStatus) {
    it(`${status} ${type} "${message.slice(0, 30)}" -> ${kind}`, () => {
      const e = mapAnthropicError(apiError(status, type, message));
      assert.equal(e.kind, kind);
      assert.equal(e.status, status);
      assert.equal(e.providerCode, type);
    });
  }

  it('credit balance too low is not retryable; auth message tells the user what to run', () => {
    assert.equal(mapAnthropicError(apiError(400, 'invalid_request_error', 'Your credit balance is too low to access the Anthropic API.')).retryable, false);
    assert.match(mapAnthropicError(apiError(401, 'authentication_error', 'invalid x-api-key')).message, /Switchboard: Set API Key/);
  });

  it('in-band error event (no status) is mapped by its type', () => {
    const body = { type: 'error', error: { details: null, type: 'overloaded_error', message: 'Overloaded' } };
    const e = mapAnthropicError(new APIError(undefined, body, undefined, undefined, 'overloaded_error'));
    assert.equal(e.kind, 'overloaded');
    assert.equal(e.status, undefined);
    const api = mapAnthropicError(new APIError(undefined, { type: 'error', error: { type: 'api_error', message: 'x' } }, undefined, undefined));
    assert.equal(api.kind, 'server');
  });

  it('connection errors -> network, connect timeout -> timeout (connect), abort -> cancelled', () => {
    assert.equal(mapAnthropicError(new APIConnectionError({ cause: new TypeError('fetch failed') })).kind, 'network');
    const t = mapAnthropicError(new APIConnectionTimeoutError());
    assert.equal(t.kind, 'timeout');
    assert.equal(t.timeoutPhase, 'connect');
    assert.equal(mapAnthropicError(new APIUserAbortError()).kind, 'cancelled');
    const ac = new AbortController();
    ac.abort();
    assert.equal(mapAnthropicError(new TypeError('terminated'), { signal: ac.signal }).kind, 'cancelled');
  });

  it('a refused redirect is a configuration error, not retried', () => {
    const e = mapAnthropicError(new APIConnectionError({ cause: new RedirectRefusedError(302, 'https://elsewhere.example') }));
    assert.equal(e.kind, 'invalid_config');
    assert.equal(e.retryable, false);
  });

  it('malformed JSON -> invalid_response; socket errors -> network', () => {
    assert.equal(mapAnthropicError(new SyntaxError('Unexpected token')).kind, 'invalid_response');
    assert.equal(mapAnthropicError(new TypeError('terminated')).kind, 'network');
  });

  it('never leaks the key, even if a body echoed it', () => {
    const key = 'sk-ant-api03_SECRET_SECRET_SECRET';
    const e = mapAnthropicError(apiError(401, 'authentication_error', `bad key ${key}`), { secret: key });
    assert.ok(!JSON.stringify(e.toJSON()).includes(key));
    assert.ok(!e.message.includes(key));
  });
});
