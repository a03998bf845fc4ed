import { ProviderConfig } from '../../core/index';

/** The OpenAI-compatible preset a provider names, if any (only that kind has one). */
export function presetOf(provider: ProviderConfig): string | undefined {
  return 'preset' in provider && typeof provider.preset === 'string' ? provider.preset : undefined;
}
