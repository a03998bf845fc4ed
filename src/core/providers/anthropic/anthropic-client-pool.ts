import Anthropic from '@anthropic-ai/sdk';
import { bindCredential } from '../../net/bind-credential';
import { FetchFn } from '../../net/safe-fetch';

/** Anthropic's API origin; the SDK appends `/v1/messages`. */
export const ANTHROPIC_DEFAULT_BASE_URL = 'https://api.anthropic.com';

/** Clients kept per provider; a changed key gets a new client, old ones age out. */
const MAX_CLIENTS = 4;

export interface AnthropicClientPoolOptions {
  baseUrl: string;
  headers?: Record<string, string>;
  /** Already redirect-safe (see createSafeFetch). */
  fetch: FetchFn;
}

/**
 * One SDK client per (key, baseUrl). Retries are off (the router is the one
 * retry loop), logging is off (the SDK would print response bodies), and the
 * credential, base URL and tracing are passed explicitly so no
 * ANTHROPIC_* environment variable or credentials file is consulted.
 * @see https://github.com/anthropics/anthropic-sdk-typescript#retries
 */
export function createAnthropicClientPool(opts: AnthropicClientPoolOptions): (apiKey: string) => Anthropic {
  const clients = new Map<string, Anthropic>();
  return (apiKey) => {
    const existing = clients.get(apiKey);
    if (existing) return existing;
    const client = new Anthropic({
      apiKey,
      authToken: null,
      baseURL: opts.baseUrl,
      maxRetries: 0,
      // The one auth header, set on the wire whatever the SDK merged in from ANTHROPIC_CUSTOM_HEADERS.
      // SDK 1.x sends the API key as a Bearer token; kept as the SDK would send it.
      fetch: bindCredential(opts.fetch, { name: 'authorization', value: `Bearer ${apiKey}` }),
      defaultHeaders: { ...(opts.headers ?? {}) },
      logLevel: 'off',
      openTelemetry: false,
    });
    clients.set(apiKey, client);
    if (clients.size > MAX_CLIENTS) {
      const oldest = clients.keys().next();
      if (!oldest.done) clients.delete(oldest.value);
    }
    return client;
  };
}
