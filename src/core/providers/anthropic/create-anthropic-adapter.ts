import type Anthropic from '@anthropic-ai/sdk';
import { ProviderPart } from '../../model/provider-part';
import { isPromiseLike } from '../../model/maybe-promise';
import { SwitchboardError, cancelledError } from '../../model/switchboard-error';
import { FetchFn, createSafeFetch } from '../../net/safe-fetch';
import { Clock } from '../../ports';
import { AdapterCall, KeyResolver, ProviderAdapter } from '../provider-adapter';
import type { AnthropicProviderConfig } from './anthropic-definition';
import { ANTHROPIC_DEFAULT_BASE_URL, createAnthropicClientPool } from './anthropic-client-pool';
import { convertAnthropicRequest } from './convert-anthropic-request';
import { AnthropicErrorContext, mapAnthropicError } from './map-anthropic-error';
import { readAnthropicResponse } from './read-anthropic-response';
import { replayAnthropicMessage } from './replay-anthropic-message';

export interface AnthropicAdapterOptions {
  providerId: string;
  config: AnthropicProviderConfig;
  keys: KeyResolver;
  /** Underlying fetch (tests, proxies); always wrapped so redirects are refused. */
  fetch?: FetchFn;
  /** The runtime clock (Retry-After dates, rate-limit resets). */
  now?: Clock;
}

function missingKey(providerId: string): SwitchboardError {
  return new SwitchboardError({
    kind: 'auth',
    retryable: false,
    message: `No API key is set for the Anthropic provider "${providerId}". Run "Switchboard: Set API Key" to add one.`,
  });
}

/**
 * The adapter for provider kind `anthropic` (Messages API) over the official
 * SDK. The key is resolved on every call, so a changed key applies at once.
 * @see https://docs.anthropic.com/en/api/messages
 */
export function createAnthropicAdapter(opts: AnthropicAdapterOptions): ProviderAdapter {
  const baseUrl = (opts.config.baseUrl ?? ANTHROPIC_DEFAULT_BASE_URL).replace(/\/+$/, '');
  const pool = createAnthropicClientPool({
    baseUrl,
    headers: opts.config.headers ?? {},
    fetch: createSafeFetch(opts.fetch ?? fetch),
  });

  /** What a call needs before it is sent; a key the keys port has in memory comes without a promise turn. */
  const prepare = (c: AdapterCall, key: string | undefined) => {
    if (key === undefined || key.trim() === '') throw missingKey(opts.providerId);
    const { body, jsonToolName } = convertAnthropicRequest(c.canonical, c.model, c.stream);
    const read = jsonToolName === undefined ? {} : { jsonToolName };
    // The body is built from our own typed mapping; the SDK's param types lag the API.
    const params = body as unknown as Anthropic.MessageCreateParamsNonStreaming;
    const requestOptions = { signal: c.signal, timeout: c.connectTimeoutMs, maxRetries: 0 };
    const ctx: AnthropicErrorContext = { signal: c.signal, secret: key, ...(opts.now ? { now: opts.now } : {}) };
    return { body, read, params, client: pool(key), requestOptions, ctx };
  };

  /** A non-streamed call: the whole message, as its parts. */
  async function complete(c: AdapterCall): Promise<ProviderPart[]> {
    if (c.signal.aborted) throw cancelledError();
    const keyed = opts.keys();
    const { read, params, client, requestOptions, ctx } = prepare(c, isPromiseLike(keyed) ? await keyed : keyed);
    const message: unknown = await client.messages.create({ ...params, stream: false }, requestOptions).catch((err: unknown) => {
      throw mapAnthropicError(err, ctx);
    });
    return replayAnthropicMessage(message, read);
  }

  async function* call(c: AdapterCall): AsyncGenerator<ProviderPart> {
    if (!c.stream) {
      // A plain loop: `yield*` over an array goes through an async-from-sync iterator (two promises a part).
      for (const part of await complete(c)) yield part;
      return;
    }
    if (c.signal.aborted) throw cancelledError();
    const keyed = opts.keys();
    const { params, client, requestOptions, ctx, read } = prepare(c, isPromiseLike(keyed) ? await keyed : keyed);
    // The raw response, so the SSE events are read by parseAnthropicSse (see there why).
    const response = await client.messages
      .create({ ...params, stream: true }, requestOptions)
      .asResponse()
      .catch((err: unknown) => {
        throw mapAnthropicError(err, ctx);
      });
    yield* readAnthropicResponse(response, ctx, read);
  }

  return { providerId: opts.providerId, call, complete };
}
