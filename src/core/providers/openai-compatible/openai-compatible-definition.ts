import { joinPath } from '../../config/config-issues';
import { compatibleLibraryRef, isLocalPresetOnLoopback } from '../../pricing/provider-pricing-ref';
import { compatibleCapabilities } from '../openai/compatible-capabilities';
import { createOpenAIAdapter } from '../openai/create-openai-adapter';
import { COMPAT_PRESETS, CUSTOM_PRESET, compatPresetFor } from '../presets';
import { ProviderConfigBase, ProviderDefinition } from '../provider-definition';

/** `gen_ai.provider.name` well-known values (OpenTelemetry GenAI semantic conventions); other presets use their own name. */
const PRESET_TELEMETRY_NAMES: Readonly<Record<string, string>> = { groq: 'groq', xai: 'x_ai', deepseek: 'deepseek', mistral: 'mistral_ai', gemini: 'gcp.gemini' };

export interface OpenAICompatibleProviderConfig extends ProviderConfigBase {
  kind: 'openai-compatible';
  /** A known OpenAI-compatible server whose quirks apply (`groq`, `ollama`, `deepseek`...). */
  preset?: string;
  /** Sent as `OpenAI-Organization` (proxies in front of OpenAI). */
  organization?: string;
}

/**
 * Any server speaking Chat Completions (Groq, Ollama, OpenRouter, Mistral,
 * DeepSeek, xAI, vLLM, LM Studio, Gemini's OpenAI endpoint, a custom URL),
 * with the preset's quirk flags.
 */
export const openaiCompatibleDefinition: ProviderDefinition<'openai-compatible', OpenAICompatibleProviderConfig> = {
  kind: 'openai-compatible',
  extraKeys: ['preset', 'organization'],
  defaultBaseUrl: (config) => (config.preset !== undefined ? COMPAT_PRESETS.get(config.preset)?.baseUrl : undefined),
  // Local servers need no key; one is sent when `apiKeySecret` is set.
  credentials: { type: 'api-key', required: false },
  validate(value, path, _name, issues) {
    const preset = value.preset;
    if (preset !== undefined && (typeof preset !== 'string' || !COMPAT_PRESETS.has(preset))) {
      issues.error(joinPath(path, 'preset'), `must be one of ${[...COMPAT_PRESETS.keys()].join(', ')}; got ${JSON.stringify(preset)}.`);
    }
    const org = value.organization;
    if (org !== undefined && (typeof org !== 'string' || org.trim() === '')) issues.error(joinPath(path, 'organization'), 'must be a non-empty string.');
    if (value.baseUrl === undefined && preset === undefined) {
      issues.error(joinPath(path, 'baseUrl'), 'is required for "openai-compatible" unless "preset" is set (e.g. "http://127.0.0.1:11434/v1").');
    }
  },
  createAdapter: (opts) => createOpenAIAdapter(opts),
  pricingRef: (config) => compatibleLibraryRef(config),
  isReliablyFree: (config) => isLocalPresetOnLoopback(config),
  telemetryName: (config) => (config.preset !== undefined ? (PRESET_TELEMETRY_NAMES[config.preset] ?? config.preset) : 'openai-compatible'),
  capabilities: (_model, config) => compatibleCapabilities(compatPresetFor(config) ?? CUSTOM_PRESET),
};
