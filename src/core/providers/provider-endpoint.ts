import { ProviderConfig } from '../config/switchboard-config';
import { COMPAT_PRESETS } from './presets';

/** The SDK default endpoints when a provider gives no baseUrl. */
const DEFAULT_BASE_URL: Record<'openai' | 'anthropic', string> = {
  openai: 'https://api.openai.com/v1',
  anthropic: 'https://api.anthropic.com',
};

/** The base URL a provider's requests go to (config, else preset, else the SDK default). */
export function providerBaseUrl(config: ProviderConfig): string | undefined {
  if (config.baseUrl) return config.baseUrl;
  if (config.kind === 'openai' || config.kind === 'anthropic') return DEFAULT_BASE_URL[config.kind];
  if (config.preset) return COMPAT_PRESETS.get(config.preset)?.baseUrl;
  return undefined;
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
