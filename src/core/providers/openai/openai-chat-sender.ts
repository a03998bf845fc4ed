import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import type { IncomingHttpHeaders } from 'http';
import { MaybePromise } from '../../model/maybe-promise';
import { CredentialHeader, keepOnlyCredential } from '../../net/bind-credential';
import { credentialValues } from '../../net/credential-headers';
import { BodyReadError, NodeHttpPost, PostTarget, postTarget } from '../../net/node-http-post';
import { FetchFn, RedirectRefusedError, htmlAnswerError, keptErrorText, redactLocation } from '../../net/safe-fetch';

/** Where a chat call goes and the headers it carries, exactly as the SDK builds them for one client. */
export interface ChatRoute {
  readonly url: string;
  /**
   * Given to `fetch` as they are, call after call (undici copies a request's headers; our wrappers copy
   * before changing any): a `Headers` object is read faster there than a plain record (~6 µs a loopback call).
   */
  readonly headers: Headers;
  readonly timeoutMs: number;
  /** The same URL and headers for Node's own HTTP client, when the sender posts JSON calls with it. */
  readonly target: PostTarget | undefined;
}

/**
 * JSON calls over Node's own HTTP client instead of fetch (see `NodeHttpPost`),
 * read by the safe fetch's rules; `onErrorBody` is told each kept non-2xx body
 * as the safe fetch's `onErrorBody` is.
 */
export interface DirectJsonCalls {
  readonly post: NodeHttpPost;
  readonly onErrorBody?: (response: Response, text: string) => void;
}

/** A streamed answer with a 2xx status, and the controller that cancels its body (the SDK's `Stream` aborts it on `break`). */
export interface SentChat {
  response: Response;
  controller: AbortController;
}

/**
 * Sends `POST /chat/completions` for one SDK client the way the client's own
 * `makeRequest` does, without its per-call machinery. The SDK stays the
 * authority on the request: its `buildRequest` makes the URL (Azure's
 * deployment path and `api-version`) and every header (auth, organization,
 * platform, timeout, the configured extras) once per model and timeout, and
 * its error classes carry every failure, so `mapOpenAIError` reads them as
 * before. What a call no longer pays (issue 15: about half of what Switchboard
 * added to a loopback call): a dozen promise turns, the headers merged again,
 * request log details formatted for a logger that is off, a retry loop that is
 * off. `chat-sender-parity.test.ts` holds it to the SDK's own call on the wire.
 */
export class OpenAIChatSender {
  /** model → timeout → route. Only Azure's URL depends on the model; the timeout is a header. */
  private readonly routes = new Map<string, Map<number, MaybePromise<ChatRoute>>>();

  constructor(
    /** The SDK client the routes are built by; also what its `Stream` is made with. */
    readonly client: OpenAI,
    private readonly fetchFn: FetchFn,
    private readonly credential: CredentialHeader | undefined,
    /** Without it (an embedder's or a test's own fetch), JSON calls go through `fetchFn` like streams. */
    private readonly direct?: DirectJsonCalls,
  ) {}

  /** The route for a model and timeout: at hand after the first call with them. */
  route(model: string, timeoutMs: number): MaybePromise<ChatRoute> {
    let byTimeout = this.routes.get(model);
    if (!byTimeout) this.routes.set(model, (byTimeout = new Map()));
    const known = byTimeout.get(timeoutMs);
    if (known !== undefined) return known;
    const building = this.build(model, timeoutMs);
    byTimeout.set(timeoutMs, building);
    // Kept as a plain value once built; a failure is not kept (the next call asks again).
    building.then(
      (route) => byTimeout.set(timeoutMs, route),
      () => byTimeout.delete(timeoutMs),
    );
    return building;
  }

  /**
   * A non-streamed call: its parsed 2xx answer (as `readOpenAIJsonBody` reads it), or the error the SDK
   * would throw (see `send`), whichever client carried it. `boundBySignal`: the signal is aborted no
   * later than the route's timeout would fire, so no timer or controller here.
   */
  callJson(route: ChatRoute, body: object, signal: AbortSignal, boundBySignal: boolean): Promise<unknown> {
    // Not async itself: each path is one promise already, and every JSON call runs this.
    if (this.direct && route.target) return this.postJson(this.direct, route, route.target, body, signal, boundBySignal);
    return this.send(route, body, signal, boundBySignal ? undefined : new AbortController()).then(readOpenAIJsonBody);
  }

  /** A streamed call: its 2xx answer and the controller that cancels its body (the SDK's `Stream` aborts it on `break`). */
  async openStream(route: ChatRoute, body: object, signal: AbortSignal): Promise<SentChat> {
    const controller = new AbortController();
    return { response: await this.send(route, body, signal, controller), controller };
  }

  /**
   * Sends the body; resolves with a 2xx answer or rejects with the error the SDK would throw:
   * `APIUserAbortError`, `APIConnectionTimeoutError` (no headers within the route's timeout),
   * `APIConnectionError` (the cause kept), or `APIError.generate`'s class for the status.
   * `own`: as the SDK, a controller aborted by the caller's signal or by the timeout until headers
   * arrive (the listener is not removed: the signal is the attempt's or the request's and dies with it).
   */
  private async send(route: ChatRoute, body: object, signal: AbortSignal, own: AbortController | undefined): Promise<Response> {
    if (signal.aborted) throw new APIUserAbortError();
    let timer: ReturnType<typeof setTimeout> | undefined;
    if (own) {
      const abort = (): void => own.abort();
      signal.addEventListener('abort', abort, { once: true });
      timer = setTimeout(abort, route.timeoutMs);
    }
    let response: Response;
    try {
      response = await this.fetchFn(route.url, { method: 'POST', headers: route.headers, body: JSON.stringify(body), signal: own ? own.signal : signal, redirect: 'manual' });
    } catch (error) {
      throw connectionError(error, signal);
    } finally {
      if (timer) clearTimeout(timer);
    }
    if (!response.ok) throw await statusError(response);
    return response;
  }

  /**
   * `callJson` over Node's HTTP client. Every outcome is the one the fetch path gives for the same
   * answer (`direct-json-parity.test.ts`): the safe fetch's refusals wrapped as the SDK wraps a failed
   * fetch, a non-2xx as `APIError.generate`'s class over the kept body, a body cut after the headers
   * as the error a body read throws.
   */
  private async postJson(direct: DirectJsonCalls, route: ChatRoute, target: PostTarget, body: object, signal: AbortSignal, boundBySignal: boolean): Promise<unknown> {
    // An aborted signal is refused by `post` (read as the SDK reads an abort, below).
    let answer;
    try {
      answer = await direct.post.post(target, JSON.stringify(body), signal, boundBySignal ? undefined : route.timeoutMs);
    } catch (error) {
      if (error instanceof BodyReadError && !signal.aborted) throw error.cause;
      throw connectionError(error, signal);
    }
    switch (answer.kind) {
      case 'ok':
        return parseOpenAIJsonText(answer.status, answer.headers['content-type'] ?? null, answer.headers['content-length'] ?? null, answer.text);
      case 'html':
        throw connectionError(htmlAnswerError(answer.status, answer.text), signal);
      case 'redirect':
        throw connectionError(new RedirectRefusedError(answer.status, redactLocation(answer.location, credentialValues(route.headers))), signal);
      case 'failed': {
        const kept = keptErrorText(answer.headers['content-type'] ?? '', answer.text, answer.truncated);
        const response = new Response(kept, { status: answer.status, statusText: answer.statusText, headers: toHeaders(answer.headers) });
        direct.onErrorBody?.(response, kept);
        throw await statusError(response);
      }
    }
  }

  private async build(model: string, timeoutMs: number): Promise<ChatRoute> {
    // `body.model` is what AzureOpenAI's buildRequest reads for the deployment path; the body itself is not used.
    const { req, url } = await this.client.buildRequest({ method: 'post', path: '/chat/completions', body: { model }, timeout: timeoutMs });
    // Every header is the same for each call of this client, model and timeout (the OpenAI client sets no
    // idempotency key): chat-sender-parity.test.ts compares two calls with the SDK's two calls.
    const headers = new Headers(req.headers);
    // What bindCredential does to every SDK request: the one credential header, set once here.
    keepOnlyCredential(headers, this.credential);
    return { url, headers, timeoutMs, target: this.direct ? postTarget(url, headers) : undefined };
  }
}

function toHeaders(incoming: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming)) {
    if (typeof value === 'string') headers.append(name, value);
    else if (value) for (const v of value) headers.append(name, v);
  }
  return headers;
}

/** A JSON answer's body as the SDK parses it: no content → `null`/`undefined`, JSON by content type, else text. */
export async function readOpenAIJsonBody(response: Response): Promise<unknown> {
  return parseOpenAIJsonText(response.status, response.headers.get('content-type'), response.headers.get('content-length'), await response.text());
}

/** `readOpenAIJsonBody` for a body already read as text (`JSON.parse`'s `SyntaxError` as `response.json()`'s). */
function parseOpenAIJsonText(status: number, contentType: string | null, contentLength: string | null, text: string): unknown {
  if (status === 204) return null;
  const mediaType = contentType?.split(';')[0]?.trim();
  if (mediaType !== undefined && (mediaType.includes('application/json') || mediaType.endsWith('+json'))) {
    if (contentLength === '0') return undefined;
    return JSON.parse(text) as unknown;
  }
  return text;
}

/** The SDK's reading of a failed fetch (its `makeRequest`): abort, timeout, or a connection error with the cause. */
function connectionError(error: unknown, signal: AbortSignal): Error {
  if (signal.aborted) return new APIUserAbortError();
  const cause = error instanceof Error ? error : new Error(String(error));
  const text = String(cause) + ('cause' in cause ? String(cause.cause) : '');
  if (cause.name === 'AbortError' || /timed? ?out/i.test(text)) return new APIConnectionTimeoutError();
  return new APIConnectionError({ message: undefined, cause });
}

/** The SDK's error for a non-2xx answer: the body as JSON when it parses, else as the message. */
async function statusError(response: Response): Promise<APIError> {
  const text = await response.text().catch((err: unknown) => (err instanceof Error ? err.message : String(err)));
  const json = parseJson(text);
  return APIError.generate(response.status, json, json ? undefined : text, response.headers);
}

function parseJson(text: string): object | undefined {
  try {
    return JSON.parse(text) as object;
  } catch {
    return undefined;
  }
}
