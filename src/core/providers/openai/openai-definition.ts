import { joinPath } from '../../config/config-issues';
import { lookupCapabilities } from '../../model/capabilities';
import { ProviderConfigBase, ProviderDefinition } from '../provider-definition';
import { createOpenAIAdapter } from './create-openai-adapter';
import { OPENAI_CAPABILITY_RULES, OPENAI_DEFAULT_CAPABILITIES } from './openai-capabilities';

export interface OpenAIProviderConfig extends ProviderConfigBase {
  kind: 'openai';
  /** OpenAI organization id. */
  organization?: string;
}

/** OpenAI's own API (Chat Completions). @see https://platform.openai.com/docs/api-reference/chat */
export const openaiDefinition: ProviderDefinition<'openai', OpenAIProviderConfig> = {
  kind: 'openai',
  extraKeys: ['organization'],
  defaultBaseUrl: () => 'https://api.openai.com/v1',
  credentials: { type: 'api-key', required: true },
  validate(value, path, _name, issues) {
    const v = value.organization;
    if (v !== undefined && (typeof v !== 'string' || v.trim() === '')) issues.error(joinPath(path, 'organization'), 'must be a non-empty string.');
  },
  createAdapter: (opts) => createOpenAIAdapter(opts),
  pricingRef: () => ({ providerId: 'openai' }),
  telemetryName: () => 'openai',
  capabilities: (model) => lookupCapabilities(model, OPENAI_CAPABILITY_RULES, OPENAI_DEFAULT_CAPABILITIES),
};
