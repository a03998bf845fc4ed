import type { OpenAICompatibleProviderConfig } from '../openai-compatible/openai-compatible-definition';
import { OpenAIFamilyConfig } from './openai-family-config';
import { SwitchboardError } from '../../model/switchboard-error';
import { checkEndpoint } from '../../net/endpoint-policy';
import { COMPAT_PRESETS, CompatPreset, compatPresetFor } from '../presets';

/** OpenAI's own API and Azure OpenAI, described in the preset vocabulary. */
const OPENAI_PRESET: CompatPreset = { name: 'openai', baseUrl: 'https://api.openai.com/v1', requiresKey: true, streamUsage: true };
const AZURE_PRESET: CompatPreset = { name: 'azure-openai', baseUrl: '', requiresKey: true, streamUsage: true };

/**
 * Azure OpenAI GA version used when the config names none.
 * @see https://learn.microsoft.com/azure/ai-services/openai/api-version-lifecycle
 */
const DEFAULT_AZURE_API_VERSION = '2024-10-21';

/** Everything an OpenAI-format adapter needs from the config, checked once. */
export interface OpenAISettings {
  flavour: 'openai' | 'compatible' | 'azure';
  baseUrl: string;
  preset: CompatPreset;
  requiresKey: boolean;
  headers: Record<string, string>;
  apiVersion?: string;
  organization?: string;
}

function invalid(providerId: string, message: string): SwitchboardError {
  return new SwitchboardError({ kind: 'invalid_config', message: `Provider "${providerId}": ${message}`, retryable: false });
}

/** A compatible server's preset: named in the config, else recognised by its base URL's origin. */
function findPreset(providerId: string, config: OpenAICompatibleProviderConfig): CompatPreset {
  const preset = compatPresetFor(config);
  if (!preset) throw invalid(providerId, `unknown preset "${config.preset ?? ''}"; use one of ${[...COMPAT_PRESETS.keys()].join(', ')}.`);
  return preset;
}

export function resolveOpenAISettings(providerId: string, config: OpenAIFamilyConfig): OpenAISettings {
  const flavour = config.kind === 'azure-openai' ? 'azure' : config.kind === 'openai' ? 'openai' : 'compatible';
  const preset = config.kind === 'openai' ? OPENAI_PRESET : config.kind === 'azure-openai' ? AZURE_PRESET : findPreset(providerId, config);
  const baseUrl = (config.baseUrl ?? preset.baseUrl).replace(/\/+$/, '');
  if (baseUrl === '') {
    throw invalid(providerId, flavour === 'azure' ? 'set "baseUrl" to your resource endpoint, e.g. "https://my-resource.openai.azure.com".' : 'set "baseUrl", e.g. "http://127.0.0.1:8000/v1".');
  }
  const check = checkEndpoint(baseUrl);
  if (!check.ok) throw invalid(providerId, `baseUrl ${check.reason}`);
  const settings: OpenAISettings = {
    flavour,
    baseUrl,
    preset,
    requiresKey: preset.requiresKey || config.apiKeySecret !== undefined,
    headers: { ...(config.headers ?? {}) },
  };
  if (config.kind === 'azure-openai') settings.apiVersion = config.apiVersion ?? DEFAULT_AZURE_API_VERSION;
  if (config.kind !== 'azure-openai' && config.organization !== undefined) settings.organization = config.organization;
  return settings;
}
