import { joinPath } from '../../config/config-issues';
import { checkEndpoint } from '../../net/endpoint-policy';
import { lookupCapabilities } from '../../model/capabilities';
import { ProviderConfigBase, ProviderDefinition } from '../provider-definition';
import { ANTHROPIC_CAPABILITY_RULES, ANTHROPIC_DEFAULT_CAPABILITIES } from './anthropic-capabilities';
import { ANTHROPIC_DEFAULT_BASE_URL } from './anthropic-client-pool';
import { createAnthropicAdapter } from './create-anthropic-adapter';

export interface AnthropicProviderConfig extends ProviderConfigBase {
  kind: 'anthropic';
}

/** Anthropic's Messages API. @see https://docs.anthropic.com/en/api/messages */
export const anthropicDefinition: ProviderDefinition<'anthropic', AnthropicProviderConfig> = {
  kind: 'anthropic',
  extraKeys: [],
  defaultBaseUrl: () => ANTHROPIC_DEFAULT_BASE_URL,
  credentials: { type: 'api-key', required: true },
  validate(value, path, _name, issues) {
    if (typeof value.baseUrl !== 'string') return;
    const check = checkEndpoint(value.baseUrl);
    if (check.ok && /\/v1\/?$|\/messages\/?$/.test(check.url.pathname)) {
      issues.error(joinPath(path, 'baseUrl'), 'for Anthropic is the origin (e.g. "https://api.anthropic.com"); the SDK adds /v1/messages. Remove the path.');
    }
  },
  createAdapter: (opts) => createAnthropicAdapter(opts),
  pricingRef: () => ({ providerId: 'anthropic' }),
  telemetryName: () => 'anthropic',
  capabilities: (model) => lookupCapabilities(model, ANTHROPIC_CAPABILITY_RULES, ANTHROPIC_DEFAULT_CAPABILITIES),
};
