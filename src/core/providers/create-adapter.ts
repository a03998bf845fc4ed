import { ProviderConfig } from '../config/switchboard-config';
import { FetchFn } from '../net/safe-fetch';
import { Clock } from '../ports';
import { createAnthropicAdapter } from './anthropic/create-anthropic-adapter';
import { createOpenAIAdapter } from './openai/create-openai-adapter';
import { KeyResolver, ProviderAdapter } from './provider-adapter';

export interface AdapterFactoryOptions {
  providerId: string;
  config: ProviderConfig;
  keys: KeyResolver;
  fetch?: FetchFn;
  /** The runtime clock (Retry-After dates, rate-limit resets). */
  now?: Clock;
}

/** One adapter per configured provider, chosen by its `kind`. */
export function createAdapter(opts: AdapterFactoryOptions): ProviderAdapter {
  switch (opts.config.kind) {
    case 'anthropic':
      return createAnthropicAdapter(opts);
    case 'openai':
    case 'openai-compatible':
    case 'azure-openai':
      return createOpenAIAdapter(opts);
  }
}
