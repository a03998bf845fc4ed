import { ProviderConfig } from '../config/switchboard-config';
import { providerDefinition } from './registry';

/** The base URL a provider's requests go to (config, else the kind's default: preset or SDK default). */
export function providerBaseUrl(config: ProviderConfig): string | undefined {
  if (config.baseUrl) return config.baseUrl;
  return providerDefinition(config.kind).defaultBaseUrl(config);
}

/** The origin a provider's key is sent to: the unit keys are bound to (S1). */
export function providerOrigin(config: ProviderConfig): string | undefined {
  const base = providerBaseUrl(config);
  if (!base) return undefined;
  try {
    return new URL(base).origin;
  } catch {
    return undefined;
  }
}
