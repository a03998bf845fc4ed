import { ProviderConfig } from '../config/switchboard-config';
import { AdapterFactoryOptions } from './provider-definition';
import { ProviderAdapter } from './provider-adapter';
import { providerDefinition } from './registry';

export type { AdapterFactoryOptions } from './provider-definition';

/** One adapter per configured provider, made by its kind's definition. */
export function createAdapter(opts: AdapterFactoryOptions<ProviderConfig>): ProviderAdapter {
  return providerDefinition(opts.config.kind).createAdapter(opts);
}
