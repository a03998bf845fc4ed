import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError, AnthropicError } from '@anthropic-ai/sdk';
import { ErrorKind, isRetryableKind } from '../../model/error-kind';
import { SwitchboardError, SwitchboardErrorInit } from '../../model/switchboard-error';
import { RedirectRefusedError } from '../../net/safe-fetch';
import { Clock } from '../../ports';
import { headerGetter, parseExplicitRetryAfterMs, parseRetryAfterMs } from '../errors/parse-retry-after';
import { isRecord, recordField, stringField } from './anthropic-wire';
import { clipText } from '../errors/clip-text';
import { mapAnthropicErrorKind } from './map-anthropic-error-kind';

export interface AnthropicErrorContext {
  /** The call's signal: once aborted, whatever the SDK threw is a cancellation. */
  signal?: AbortSignal;
  /** The key in use, scrubbed from every message as a last line of defence. */
  secret?: string;
  /** The runtime clock, for Retry-After dates and rate-limit resets. */
  now?: Clock;
}

const SUMMARY: Readonly<Partial<Record<ErrorKind, string>>> = {
  rate_limited: 'Anthropic rate-limited the request',
  overloaded: 'Anthropic is overloaded',
  auth: 'Anthropic rejected the API key. Run "Switchboard: Set API Key" to set a valid one',
  permission: 'The Anthropic API key is not allowed to use this model or feature',
  not_found: 'Anthropic does not know this model or endpoint; check the deployment\'s model name and the provider\'s baseUrl',
  context_overflow: 'The prompt is too long for this Anthropic model',
  quota_exhausted: 'The Anthropic account has no credit left; add credit in the Anthropic console',
  bad_request: 'Anthropic rejected the request',
  server: 'Anthropic had a server error',
  timeout: 'Anthropic timed out',
};

function scrub(text: string, secret: string | undefined): string {
  return secret && secret.length >= 8 ? text.split(secret).join('[redacted]') : text;
}

/**
 * `anthropic-ratelimit-*-reset` ride on every answer (they describe the
 * window, not this failure), so they count only for a 429; other retryable
 * kinds honour an explicit `retry-after` / `retry-after-ms` alone.
 * @see https://docs.anthropic.com/en/api/rate-limits#response-headers
 */
function retryAfterFor(kind: ErrorKind, headers: Headers, now: number): number | undefined {
  const get = headerGetter(headers);
  if (kind === 'rate_limited') return parseRetryAfterMs(get, now);
  if (!isRetryableKind(kind)) return undefined;
  return parseExplicitRetryAfterMs(get, now);
}

function fromApiError(err: APIError, secret: string | undefined, now: number): SwitchboardErrorInit {
  const body = isRecord(err.error) ? err.error : {};
  const inner = recordField(body, 'error');
  const type = (inner && stringField(inner, 'type')) ?? err.type ?? undefined;
  const providerMessage = clipText(scrub((inner && stringField(inner, 'message')) ?? err.apiMessage ?? err.message, secret));
  const status = err.status;
  const kind = mapAnthropicErrorKind(status, type, providerMessage);
  const where = status === undefined ? 'in the stream' : `HTTP ${status}`;
  const init: SwitchboardErrorInit = {
    kind,
    message: `${SUMMARY[kind] ?? 'Anthropic request failed'} (${where}${type ? `, ${type}` : ''}): ${providerMessage}`,
    providerMessage,
  };
  if (kind === 'quota_exhausted') init.retryable = false;
  if (status !== undefined) init.status = status;
  if (type !== undefined) init.providerCode = type;
  const retryAfterMs = status !== undefined && err.headers ? retryAfterFor(kind, err.headers, now) : undefined;
  if (retryAfterMs !== undefined) init.retryAfterMs = retryAfterMs;
  return init;
}

function causeOf(err: unknown): unknown {
  return err instanceof Error ? err.cause : undefined;
}

/**
 * Whatever the SDK (or the stream underneath it) threw, as a SwitchboardError.
 * The SDK's own messages never contain the key; `secret` is scrubbed anyway.
 * @see https://docs.anthropic.com/en/api/errors
 */
export function mapAnthropicError(err: unknown, ctx: AnthropicErrorContext = {}): SwitchboardError {
  if (SwitchboardError.isInstance(err)) return err;
  if (ctx.signal?.aborted || err instanceof APIUserAbortError) {
    return new SwitchboardError({ kind: 'cancelled', message: 'The request was cancelled.', cause: ctx.signal?.reason ?? err });
  }
  if (err instanceof APIConnectionTimeoutError) {
    return new SwitchboardError({ kind: 'timeout', timeoutPhase: 'connect', message: 'Anthropic did not answer before the connect timeout.', cause: err });
  }
  if (err instanceof APIConnectionError) {
    const cause = causeOf(err);
    // The safe fetch refuses some answers itself (an HTML page for an API call).
    if (SwitchboardError.isInstance(cause)) return cause;
    if (cause instanceof RedirectRefusedError) {
      return new SwitchboardError({ kind: 'invalid_config', message: cause.message, status: cause.status, retryable: false, cause });
    }
    const detail = cause instanceof Error ? `${cause.message}${cause.cause instanceof Error ? ` (${cause.cause.message})` : ''}` : err.message;
    return new SwitchboardError({ kind: 'network', message: `Could not reach Anthropic: ${scrub(detail, ctx.secret)}`, cause: err });
  }
  if (err instanceof APIError) return new SwitchboardError({ ...fromApiError(err, ctx.secret, ctx.now?.() ?? Date.now()), cause: err });
  if (err instanceof SyntaxError) {
    return new SwitchboardError({ kind: 'invalid_response', message: `Anthropic sent malformed JSON: ${scrub(clipText(err.message, 200), ctx.secret)}` });
  }
  if (err instanceof AnthropicError) {
    return new SwitchboardError({ kind: 'invalid_response', message: `Anthropic SDK: ${scrub(err.message, ctx.secret)}`, cause: err });
  }
  const text = err instanceof Error ? err.message : String(err);
  const cause = causeOf(err);
  const detail = cause instanceof Error ? ` (${cause.message})` : '';
  return new SwitchboardError({ kind: 'network', message: `The connection to Anthropic failed: ${scrub(text + detail, ctx.secret)}`, cause: err });
}
