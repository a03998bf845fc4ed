import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { SwitchboardError, SwitchboardErrorInit, cancelledError } from '../../model/switchboard-error';
import { isRetryableKind } from '../../model/error-kind';
import { RedirectRefusedError } from '../../net/safe-fetch';
import { Clock } from '../../ports';
import { headerGetter, parseExplicitRetryAfterMs, parseRetryAfterMs } from '../errors/parse-retry-after';
import { clipText } from '../errors/clip-text';
import { readOpenAIErrorBody } from './read-openai-error-body';
import { refineOpenAIErrorKind } from './refine-openai-error-kind';

export interface ErrorContext {
  providerId: string;
  signal: AbortSignal;
  /** Removed from every message, in case a server echoes it. */
  apiKey?: string;
  /** The whole error body, when the fetch wrapper captured it. */
  bodyFor?: (headers: unknown) => unknown;
  /** The runtime clock, for Retry-After dates and rate-limit resets. */
  now?: Clock;
}

/**
 * Any failure of an OpenAI-format call as a SwitchboardError: SDK error classes
 * (HTTP status + body + headers, connection, timeout, abort), a redirect the
 * safe fetch refused, a chunk that is not JSON, a socket cut mid-body.
 * @see https://github.com/openai/openai-node#handling-errors
 */
export function mapOpenAIError(error: unknown, ctx: ErrorContext): SwitchboardError {
  if (ctx.signal.aborted) {
    // Checked first: an aborted SDK stream ends quietly, which would otherwise look like a cut.
    // The router aborts with a typed reason (a timeout phase); a bare abort is the user.
    return SwitchboardError.isInstance(ctx.signal.reason) ? ctx.signal.reason : cancelledError();
  }
  if (SwitchboardError.isInstance(error)) return error;
  const redact = (text: string): string => (ctx.apiKey && ctx.apiKey.length >= 4 ? text.split(ctx.apiKey).join('[redacted]') : text);
  const label = `Provider "${ctx.providerId}"`;
  if (error instanceof APIUserAbortError) return cancelledError();
  if (error instanceof APIConnectionTimeoutError) {
    return new SwitchboardError({ kind: 'timeout', timeoutPhase: 'connect', message: `${label}: no response headers before the connect timeout.`, cause: error });
  }
  if (error instanceof APIConnectionError) {
    const cause = error.cause;
    // The safe fetch refuses some answers itself (an HTML page for an API call).
    if (SwitchboardError.isInstance(cause)) return cause;
    if (cause instanceof RedirectRefusedError) {
      return new SwitchboardError({ kind: 'invalid_config', retryable: false, status: cause.status, message: `${label}: ${cause.message}`, cause });
    }
    const detail = cause instanceof Error ? describeCause(cause) : error.message;
    return new SwitchboardError({ kind: 'network', message: redact(`${label}: connection failed (${detail}).`), cause: error });
  }
  if (error instanceof APIError) return fromAPIError(error, ctx, label, redact);
  if (error instanceof SyntaxError) {
    return new SwitchboardError({ kind: 'invalid_response', message: redact(`${label}: the response contained data that is not valid JSON (${clipText(error.message, 200)}).`) });
  }
  if (isAbortLike(error)) return cancelledError();
  const detail = error instanceof Error ? describeCause(error) : String(error);
  // Fetch failures arrive wrapped as APIConnectionError, so what is left broke while reading the body.
  return new SwitchboardError({ kind: 'network', message: redact(`${label}: the stream ended before completion (${detail}).`), cause: error });
}

function fromAPIError(error: APIError, ctx: ErrorContext, label: string, redact: (s: string) => string): SwitchboardError {
  const status = typeof error.status === 'number' ? error.status : undefined;
  const whole = ctx.bodyFor?.(error.headers);
  // In-band stream errors and uncaptured bodies only have `error.error` (the inner object).
  const info = readOpenAIErrorBody(whole !== undefined ? whole : { error: error.error });
  const kind = refineOpenAIErrorKind(status, info);
  const providerMessage = info.message !== undefined ? clipText(redact(info.message)) : undefined;
  const where = status === undefined ? 'reported an error inside the stream' : `answered ${status}`;
  const init: SwitchboardErrorInit = {
    kind,
    message: `${label} ${where}: ${providerMessage ?? 'no error message'}`,
    retryable: kind === 'quota_exhausted' ? false : isRetryableKind(kind),
    cause: error,
  };
  if (status !== undefined) init.status = status;
  if (providerMessage !== undefined) init.providerMessage = providerMessage;
  if (info.code !== undefined) init.providerCode = info.code;
  // x-ratelimit-reset-* ride on every answer (in-band errors carry the 200's headers):
  // they are a request to wait only on a 429, and only for the exhausted limits.
  if (init.retryable && status !== undefined && error.headers) {
    const get = headerGetter(error.headers);
    const now = ctx.now?.() ?? Date.now();
    const retryAfterMs = status === 429 ? parseRetryAfterMs(get, now) : parseExplicitRetryAfterMs(get, now);
    if (retryAfterMs !== undefined) init.retryAfterMs = retryAfterMs;
  }
  return new SwitchboardError(init);
}

function describeCause(error: Error): string {
  const inner = (error as { cause?: unknown }).cause;
  const code = typeof inner === 'object' && inner !== null ? (inner as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? `${error.message}: ${code}` : error.message;
}

function isAbortLike(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}
