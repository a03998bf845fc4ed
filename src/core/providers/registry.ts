import { anthropicDefinition } from './anthropic/anthropic-definition';
import { azureOpenAIDefinition } from './azure-openai/azure-openai-definition';
import { openaiCompatibleDefinition } from './openai-compatible/openai-compatible-definition';
import { openaiDefinition } from './openai/openai-definition';
import { ConfigOf, ProviderConfigBase, ProviderDefinition } from './provider-definition';

/**
 * Every provider kind the core speaks. Adding a kind: one folder under
 * providers/<kind>/ exporting a ProviderDefinition, and one line here.
 */
export const PROVIDER_DEFINITIONS = {
  openai: openaiDefinition,
  'openai-compatible': openaiCompatibleDefinition,
  'azure-openai': azureOpenAIDefinition,
  anthropic: anthropicDefinition,
} as const;

export type ProviderKind = keyof typeof PROVIDER_DEFINITIONS;

/** A provider's config: a union keyed on `kind`, one member per definition. */
export type ProviderConfig = { [K in ProviderKind]: ConfigOf<(typeof PROVIDER_DEFINITIONS)[K]> }[ProviderKind];

export const PROVIDER_KINDS = Object.keys(PROVIDER_DEFINITIONS) as ProviderKind[];

type AnyDefinition = ProviderDefinition<string, ProviderConfigBase & { kind: string }>;

/** The definition of a kind, typed loosely for code that handles any kind. */
export function providerDefinition(kind: ProviderKind): AnyDefinition {
  return PROVIDER_DEFINITIONS[kind] as unknown as AnyDefinition;
}

export function isProviderKind(value: unknown): value is ProviderKind {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(PROVIDER_DEFINITIONS, value);
}
