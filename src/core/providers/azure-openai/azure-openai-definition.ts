import { joinPath } from '../../config/config-issues';
import { lookupCapabilities } from '../../model/capabilities';
import { createOpenAIAdapter } from '../openai/create-openai-adapter';
import { OPENAI_CAPABILITY_RULES, OPENAI_DEFAULT_CAPABILITIES } from '../openai/openai-capabilities';
import { ProviderConfigBase, ProviderDefinition } from '../provider-definition';

export interface AzureOpenAIProviderConfig extends ProviderConfigBase {
  kind: 'azure-openai';
  /** The `api-version` query parameter. */
  apiVersion?: string;
}

/**
 * Azure OpenAI (deployment form), over the OpenAI adapter. A deployment's
 * `model` is the Azure deployment name, which often says nothing of the model:
 * set `capabilities` on it when the model lacks tools, vision or json_schema.
 * @see https://learn.microsoft.com/azure/ai-services/openai/reference
 */
export const azureOpenAIDefinition: ProviderDefinition<'azure-openai', AzureOpenAIProviderConfig> = {
  kind: 'azure-openai',
  extraKeys: ['apiVersion'],
  defaultBaseUrl: () => undefined,
  credentials: { type: 'api-key', required: true },
  validate(value, path, _name, issues) {
    if (value.baseUrl === undefined) issues.error(joinPath(path, 'baseUrl'), 'is required for Azure: your resource endpoint, e.g. "https://my-resource.openai.azure.com".');
    if (typeof value.apiVersion !== 'string') issues.error(joinPath(path, 'apiVersion'), 'is required for Azure, e.g. "2024-10-21".');
    else if (value.apiVersion.trim() === '') issues.error(joinPath(path, 'apiVersion'), 'must be a non-empty string.');
  },
  createAdapter: (opts) => createOpenAIAdapter(opts),
  pricingRef: () => ({ providerId: 'azure' }),
  telemetryName: () => 'azure.ai.openai',
  capabilities: (model) => lookupCapabilities(model, OPENAI_CAPABILITY_RULES, OPENAI_DEFAULT_CAPABILITIES),
};
