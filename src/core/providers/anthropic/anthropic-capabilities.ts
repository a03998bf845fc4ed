import { Capabilities, CapabilityRule } from '../../model/capabilities';

/**
 * Every Claude 3+ model takes tools and images; json_schema is served natively
 * (output_config) or through the forced-tool fallback, so it is always on.
 * Output caps from the model table.
 * @see https://docs.anthropic.com/en/docs/about-claude/models/overview#model-comparison-table
 */
export const ANTHROPIC_CAPABILITY_RULES: readonly CapabilityRule[] = [
  { match: /claude-3-(haiku|opus|sonnet)-/, capabilities: { maxOutputTokens: 4096 } },
  { match: /claude-3-5-/, capabilities: { maxOutputTokens: 8192 } },
  { match: /claude-(3-7-sonnet|sonnet-4|haiku-4)/, capabilities: { maxOutputTokens: 64000 } },
  { match: /claude-opus-4-[5-9]/, capabilities: { maxOutputTokens: 64000 } },
  { match: /claude-opus-4/, capabilities: { maxOutputTokens: 32000 } },
];

export const ANTHROPIC_DEFAULT_CAPABILITIES: Capabilities = { tools: true, parallelTools: true, vision: true, jsonSchema: true };
