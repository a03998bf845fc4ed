import { SwitchboardError } from '../model/switchboard-error';
import { extend } from '../model/extend';
import { BodyLimits, DEFAULT_BODY_LIMITS } from './body-limits';
import { credentialValues } from './credential-headers';
import { guardBodySize, guardSseBody } from './guard-response-body';
import { guardedResponse } from './guarded-response';
import { isHtmlType, looksLikeHtml, readCappedBody, summarizeHtml } from './read-capped-body';

export type FetchFn = typeof fetch;

export interface SafeFetchOptions {
  limits?: Partial<BodyLimits>;
  /** `data-only`: drop SSE `event:` lines (the OpenAI format has none; see guardSseBody). */
  sse?: 'as-is' | 'data-only';
  /** Told the (capped) body of every non-2xx answer, with the Response the SDK gets (see ErrorBodyCapture). */
  onErrorBody?: (response: Response, text: string) => void;
}

/**
 * The fetch given to provider SDKs and the embedder:
 * - redirects are refused (S12): following one would resend the key to
 *   wherever it points; the refusal names the target without its query or any
 *   key that was sent (a `Location` can carry `?key=…`);
 * - a non-2xx body is read only up to a few KB and the connection closed; an
 *   HTML page is summarised to its title;
 * - a 2xx HTML page (a proxy or captive portal answering for the API) is
 *   `invalid_response`, not retried: the same page would come back;
 * - a 2xx body is guarded: one SSE event, or a whole JSON answer, is capped.
 */
export function createSafeFetch(base: FetchFn = fetch, options: SafeFetchOptions = {}): FetchFn {
  const limits: BodyLimits = { ...DEFAULT_BODY_LIMITS, ...options.limits };
  const safe = async (input: Parameters<FetchFn>[0], init?: Parameters<FetchFn>[1]): Promise<Response> => {
    // The OpenAI sender's calls already ask for it (no copy of their init per call); every other call gets it here.
    const response = await base(input, init?.redirect === 'manual' ? init : extend(init ?? {}, { redirect: 'manual' as const }));
    const type = response.headers.get('content-type') ?? '';
    if (response.status >= 300 && response.status < 400) {
      const to = redactLocation(response.headers.get('location'), credentialValues(new Headers(init?.headers)));
      await response.body?.cancel().catch(() => undefined);
      throw new RedirectRefusedError(response.status, to);
    }
    if (!response.ok) {
      const { text, truncated } = await readCappedBody(response.body, limits.errorBodyBytes);
      const kept = keptErrorText(type, text, truncated);
      const answer = new Response(kept, { status: response.status, statusText: response.statusText, headers: response.headers });
      options.onErrorBody?.(answer, kept);
      return answer;
    }
    if (isHtmlType(type)) {
      const { text } = await readCappedBody(response.body, limits.errorBodyBytes);
      throw htmlAnswerError(response.status, text);
    }
    if (!response.body || withinDeclaredLength(response.headers, type, limits.bodyBytes)) return response;
    // The guard is read through the response the SDK gets, with no second web stream (see PulledBody).
    const body = /\btext\/event-stream\b/i.test(type)
      ? guardSseBody(response.body, { maxEventBytes: limits.sseEventBytes, dropEventLines: options.sse === 'data-only' })
      : guardBodySize(response.body, limits.bodyBytes);
    return guardedResponse(response, body);
  };
  return safe as FetchFn;
}

/** What is kept of a non-2xx body (its first `errorBodyBytes`): an HTML page as its title, a cut body marked. */
export function keptErrorText(contentType: string, text: string, truncated: boolean): string {
  return looksLikeHtml(contentType, text) ? `(an HTML page) ${summarizeHtml(text)}` : truncated ? `${text}… [truncated]` : text;
}

/** A 2xx HTML page where an API answer belongs: not retried, the same page would come back. */
export function htmlAnswerError(status: number, text: string): SwitchboardError {
  return new SwitchboardError({
    kind: 'invalid_response',
    retryable: false,
    status,
    message: `The provider answered with an HTML page instead of an API response (${summarizeHtml(text) || 'no title'}); check the baseUrl, or a proxy or captive portal in between.`,
  });
}

/**
 * A plain (not compressed) body whose `Content-Length` is within the cap needs
 * no guard: the HTTP parser delivers exactly that many bytes and fails on a
 * mismatch. Skipping the guard spares every JSON answer a stream pipe and a
 * second Response. A compressed body can inflate past its length: guarded.
 */
function withinDeclaredLength(headers: Headers, type: string, maxBytes: number): boolean {
  const length = headers.get('content-length');
  const encoding = headers.get('content-encoding');
  if (length === null || !/^\d+$/.test(length.trim())) return false;
  if (encoding !== null && encoding.trim().toLowerCase() !== 'identity') return false;
  if (/\btext\/event-stream\b/i.test(type)) return false;
  return Number(length) <= maxBytes;
}

/**
 * Where a redirect pointed, safe to show and store: origin and path only
 * (the query and fragment are where keys and tokens ride), with any value the
 * request sent as a credential replaced.
 */
export function redactLocation(location: string | null, secrets: readonly string[]): string {
  if (location === null || location.trim() === '') return '(no location)';
  let shown: string;
  try {
    const url = new URL(location, 'http://relative.invalid');
    const query = url.search !== '' || url.hash !== '' ? '?[removed]' : '';
    shown = url.origin === 'http://relative.invalid' ? `${url.pathname}${query}` : `${url.origin}${url.pathname}${query}`;
  } catch {
    shown = '(an unparseable location)';
  }
  for (const s of secrets) shown = shown.split(s).join('[redacted]').split(encodeURIComponent(s)).join('[redacted]');
  return shown.length > 300 ? `${shown.slice(0, 300)}…` : shown;
}

export class RedirectRefusedError extends Error {
  constructor(
    readonly status: number,
    readonly location: string,
  ) {
    super(`The provider answered with a redirect (${status} to ${location}); redirects are refused so keys are never sent to another origin. Fix the provider's baseUrl.`);
    this.name = 'RedirectRefusedError';
  }
}
