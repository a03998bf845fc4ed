import { DeploymentConfig, ProviderConfig } from '../config/switchboard-config';
import { Capabilities, CapabilityOverrides } from '../model/capabilities';
import { providerDefinition } from './registry';

/**
 * A deployment's capabilities: its provider kind's model table, then the
 * deployment's `maxOutputTokens`, then its `capabilities` overrides.
 */
export function capabilitiesFor(deployment: DeploymentConfig, provider: ProviderConfig): Capabilities {
  const overrides: CapabilityOverrides = { ...(deployment.maxOutputTokens !== undefined ? { maxOutputTokens: deployment.maxOutputTokens } : {}), ...(deployment.capabilities ?? {}) };
  return { ...providerDefinition(provider.kind).capabilities(deployment.model, provider), ...overrides };
}
