import { Capabilities, CapabilityRule } from '../../model/capabilities';

/**
 * OpenAI models by name (Azure's `gpt-35-turbo` spelling included). Older and special-purpose models lack tools,
 * images or json_schema; current chat models have them all.
 * @see https://platform.openai.com/docs/models
 * @see https://platform.openai.com/docs/guides/structured-outputs#supported-models
 */
export const OPENAI_CAPABILITY_RULES: readonly CapabilityRule[] = [
  { match: /^o1-(mini|preview)/, capabilities: { tools: false, parallelTools: false, vision: false, jsonSchema: false } },
  { match: /^gpt-3\.?5/, capabilities: { vision: false, jsonSchema: false, maxOutputTokens: 4096 } },
  { match: /^gpt-4-(0613|0314|32k)|^gpt-4$/, capabilities: { vision: false, jsonSchema: false, maxOutputTokens: 8192 } },
  { match: /^gpt-4-turbo/, capabilities: { jsonSchema: false, maxOutputTokens: 4096 } },
  { match: /^gpt-4o-mini|^gpt-4o/, capabilities: { maxOutputTokens: 16384 } },
];

export const OPENAI_DEFAULT_CAPABILITIES: Capabilities = { tools: true, parallelTools: true, vision: true, jsonSchema: true };
