/**
 * Builders for realistic error behaviours. They return plain JSON (safe to send
 * over the control API); the body is chosen at request time in the format of the
 * route that was hit (see error-bodies.ts).
 */
import type { ErrorBehaviour } from './types';

export type RateLimitOptions = {
  /** Extra headers merged last. */
  headers?: Record<string, string>;
} & (
  | { retryAfterSeconds: number }
  | { retryAfterMs: number }
  | { retryAfterDate: Date }
  /** OpenAI duration string, e.g. '6m0s', '20s', '120ms'. */
  | { openaiResetRequests: string; openaiResetTokens?: string }
  | { anthropicResetAt: Date }
  | { none: true }
);

/** 429. Exactly one kind of retry hint is sent, so tests know which one the router used. */
export function rateLimited(opts: RateLimitOptions = { none: true }): ErrorBehaviour {
  const headers: Record<string, string> = {};
  if ('retryAfterSeconds' in opts) headers['retry-after'] = String(opts.retryAfterSeconds);
  if ('retryAfterMs' in opts) headers['retry-after-ms'] = String(opts.retryAfterMs);
  if ('retryAfterDate' in opts) headers['retry-after'] = opts.retryAfterDate.toUTCString();
  if ('openaiResetRequests' in opts) {
    headers['x-ratelimit-limit-requests'] = '500';
    headers['x-ratelimit-remaining-requests'] = '0';
    headers['x-ratelimit-reset-requests'] = opts.openaiResetRequests;
    headers['x-ratelimit-limit-tokens'] = '30000';
    headers['x-ratelimit-remaining-tokens'] = '29996';
    headers['x-ratelimit-reset-tokens'] = opts.openaiResetTokens ?? '8ms';
  }
  if ('anthropicResetAt' in opts) {
    const at = opts.anthropicResetAt.toISOString().replace(/\.\d{3}Z$/, 'Z');
    headers['anthropic-ratelimit-requests-limit'] = '5';
    headers['anthropic-ratelimit-requests-remaining'] = '0';
    headers['anthropic-ratelimit-requests-reset'] = at;
    headers['anthropic-ratelimit-tokens-limit'] = '25000';
    headers['anthropic-ratelimit-tokens-remaining'] = '16000';
    headers['anthropic-ratelimit-tokens-reset'] = at;
  }
  return { kind: 'error', status: 429, preset: 'rate_limited', headers: { ...headers, ...(opts.headers ?? {}) } };
}

export function serverError(status: 500 | 502 | 503 = 500): ErrorBehaviour {
  return { kind: 'error', status, preset: 'server_error' };
}

/** Anthropic 529 overloaded_error with `x-should-retry: true` (captured headers, no retry-after). */
export function overloaded529(): ErrorBehaviour {
  return { kind: 'error', status: 529, preset: 'overloaded', headers: { 'x-should-retry': 'true' } };
}

export function unauthorized(): ErrorBehaviour {
  return { kind: 'error', status: 401, preset: 'unauthorized' };
}

export function forbidden(): ErrorBehaviour {
  return { kind: 'error', status: 403, preset: 'forbidden' };
}

export function notFound(): ErrorBehaviour {
  return { kind: 'error', status: 404, preset: 'not_found' };
}

export function badRequest(): ErrorBehaviour {
  return { kind: 'error', status: 400, preset: 'bad_request' };
}

/** 400: OpenAI `context_length_exceeded`; Anthropic "prompt is too long: N tokens > M maximum". */
export function contextOverflow(promptTokens = 215000, maxTokens = 200000): ErrorBehaviour {
  return { kind: 'error', status: 400, preset: 'context_overflow', promptTokens, maxTokens };
}

/** Status depends on the format: OpenAI 429 `insufficient_quota`, Anthropic 400 credit balance. */
export function insufficientQuota(): ErrorBehaviour {
  return { kind: 'error', preset: 'insufficient_quota' };
}

/** 400: Azure/OpenAI `content_filter`; Anthropic "Output blocked by content filtering policy". */
export function contentFilter(): ErrorBehaviour {
  return { kind: 'error', status: 400, preset: 'content_filter' };
}
