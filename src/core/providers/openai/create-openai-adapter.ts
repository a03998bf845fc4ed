import { APIError } from 'openai';
import { Stream } from 'openai/streaming';
import { ProviderPart } from '../../model/provider-part';
import { MaybePromise, isPromiseLike } from '../../model/maybe-promise';
import { SwitchboardError } from '../../model/switchboard-error';
import { DEFAULT_BODY_LIMITS } from '../../net/body-limits';
import { NodeHttpPost } from '../../net/node-http-post';
import { FetchFn, createSafeFetch } from '../../net/safe-fetch';
import { Clock } from '../../ports';
import { AdapterCall, KeyResolver, ProviderAdapter } from '../provider-adapter';
import { ErrorBodyCapture } from './capture-error-bodies';
import { convertOpenAIRequest } from './convert-openai-request';
import { convertOpenAIResponse } from './convert-openai-response';
import { OpenAIClientCache } from './create-openai-client';
import { ErrorContext, mapOpenAIError } from './map-openai-error';
import { OpenAIChatSender, ChatRoute } from './openai-chat-sender';
import { OpenAIFamilyConfig } from './openai-family-config';
import { isRecord } from './read-json-fields';
import { OpenedStream, readOpenAIStream } from './read-openai-stream';
import { OpenAISettings, resolveOpenAISettings } from './resolve-openai-settings';

export interface OpenAIAdapterOptions {
  providerId: string;
  config: OpenAIFamilyConfig;
  keys: KeyResolver;
  /**
   * Base fetch (tests, proxies); always wrapped so redirects are refused. Given, it carries every call;
   * without it, streams use the global fetch and JSON calls Node's own HTTP client (`NodeHttpPost`).
   */
  fetch?: FetchFn;
  /** The runtime clock (Retry-After dates, rate-limit resets). */
  now?: Clock;
}

/**
 * The adapter for `openai`, `openai-compatible` (presets and custom URLs) and
 * `azure-openai`, over the official `openai` SDK with retries off: the SDK
 * builds each client's requests and parses its streams, and its error classes
 * carry every failure; `OpenAIChatSender` sends the calls. The key is resolved
 * on every call, so a changed key applies at once.
 */
export function createOpenAIAdapter(opts: OpenAIAdapterOptions): ProviderAdapter {
  const capture = new ErrorBodyCapture();
  const fetchFn = createSafeFetch(opts.fetch ?? fetch, { sse: 'data-only', onErrorBody: capture.keep });
  // The network's own calls (no fetch given) post JSON over Node's HTTP client; a given fetch carries every call.
  const direct = opts.fetch ? undefined : { post: new NodeHttpPost(DEFAULT_BODY_LIMITS), onErrorBody: capture.keep };
  let state: { settings: OpenAISettings; clients: OpenAIClientCache } | undefined;
  const resolve = (): { settings: OpenAISettings; clients: OpenAIClientCache } => {
    if (!state) {
      const settings = resolveOpenAISettings(opts.providerId, opts.config);
      state = { settings, clients: new OpenAIClientCache(settings, fetchFn, direct) };
    }
    return state;
  };
  return {
    providerId: opts.providerId,
    call: (call) => (call.stream ? streamOpenAI(call, opts, resolve, capture) : callOpenAI(call, opts, resolve, capture)),
    complete: (call) => completeOpenAI(call, opts, resolve, capture),
    dispose: () => direct?.post.dispose(),
  };
}

type Resolve = () => { settings: OpenAISettings; clients: OpenAIClientCache };

interface Prepared {
  settings: OpenAISettings;
  sender: OpenAIChatSender;
  route: ChatRoute;
  body: ReturnType<typeof convertOpenAIRequest>;
  ctx: ErrorContext;
}

/**
 * What every call needs before it is sent: settings, the sender for the current key, its route and the body.
 * At hand when the key and the route are (after the first call of a model): no promise turn before the request.
 */
function prepare(call: AdapterCall, opts: OpenAIAdapterOptions, resolve: Resolve, capture: ErrorBodyCapture): MaybePromise<Prepared> {
  const key = opts.keys();
  return isPromiseLike(key) ? key.then((k) => prepareWith(k, call, opts, resolve, capture)) : prepareWith(key, call, opts, resolve, capture);
}

function prepareWith(key: string | undefined, call: AdapterCall, opts: OpenAIAdapterOptions, resolve: Resolve, capture: ErrorBodyCapture): MaybePromise<Prepared> {
  const { settings, clients } = resolve();
  const apiKey = key || undefined;
  if (apiKey === undefined && settings.requiresKey) throw missingKey(opts.providerId, opts.config.apiKeySecret);
  const sender = clients.get(apiKey);
  const body = convertOpenAIRequest(call.canonical, call.model, call.stream, settings);
  const ctx: ErrorContext = { providerId: opts.providerId, signal: call.signal, bodyFor: capture.bodyFor };
  if (apiKey) ctx.apiKey = apiKey;
  if (opts.now) ctx.now = opts.now;
  const route = sender.route(call.model, call.connectTimeoutMs);
  if (!isPromiseLike(route)) return { settings, sender, route, body, ctx };
  // The SDK builds the route; what it throws is read like any failure of the call it was for.
  return route.then(
    (r) => ({ settings, sender, route: r, body, ctx }),
    (error: unknown) => {
      throw mapOpenAIError(error, ctx);
    },
  );
}

/**
 * A streamed call: the request is opened at once and its chunks (the SDK's
 * `Stream` over the answer) read by `readOpenAIStream`, which is the one
 * generator every part passes (no layer of this adapter's own around it).
 */
function streamOpenAI(call: AdapterCall, opts: OpenAIAdapterOptions, resolve: Resolve, capture: ErrorBodyCapture): AsyncGenerator<ProviderPart> {
  let ctx: ErrorContext | undefined;
  const opening = (async (): Promise<OpenedStream> => {
    const ready = prepare(call, opts, resolve, capture);
    const prepared = isPromiseLike(ready) ? await ready : ready;
    ctx = prepared.ctx;
    try {
      const { response, controller } = await prepared.sender.openStream(prepared.route, prepared.body, call.signal);
      return { chunks: Stream.fromSSEResponse<unknown>(response, controller, prepared.sender.client), preset: prepared.settings.preset };
    } catch (error) {
      throw mapOpenAIError(error, prepared.ctx);
    }
  })();
  // Read on the stream's first `next`; a stream closed before that must not leave an unhandled rejection.
  opening.catch(() => undefined);
  return readOpenAIStream(opening, (error) => (ctx ? mapOpenAIError(error, ctx) : error));
}

/** A non-streamed call: the whole answer, as its parts. */
async function completeOpenAI(call: AdapterCall, opts: OpenAIAdapterOptions, resolve: Resolve, capture: ErrorBodyCapture): Promise<ProviderPart[]> {
  const ready = prepare(call, opts, resolve, capture);
  const { settings, sender, route, body, ctx } = isPromiseLike(ready) ? await ready : ready;
  try {
    // The body is this call's own (made by prepareWith): marked non-streamed in place, not copied.
    body.stream = false;
    const answer = await sender.callJson(route, body, call.signal, call.connectBoundBySignal);
    // Some compatible servers answer HTTP 200 with only an error object.
    if (isRecord(answer) && answer['error'] !== undefined && answer['choices'] === undefined) {
      throw new APIError(undefined, answer['error'] as object, undefined, undefined);
    }
    return convertOpenAIResponse(answer, settings.preset);
  } catch (error) {
    throw mapOpenAIError(error, ctx);
  }
}

/** The same answer through the iterable protocol, for a caller of `call` with `stream: false`. */
async function* callOpenAI(call: AdapterCall, opts: OpenAIAdapterOptions, resolve: Resolve, capture: ErrorBodyCapture): AsyncGenerator<ProviderPart> {
  // A plain loop: `yield*` over an array goes through an async-from-sync iterator (two promises a part).
  for (const part of await completeOpenAI(call, opts, resolve, capture)) yield part;
}

function missingKey(providerId: string, secret: string | undefined): SwitchboardError {
  const which = secret !== undefined ? ` (secret "${secret}")` : '';
  return new SwitchboardError({
    kind: 'auth',
    retryable: false,
    message: `No API key is set for provider "${providerId}"${which}. Run "Switchboard: Set API Key" and choose "${providerId}".`,
  });
}
