/**
 * What a deployment can serve. From the provider kind's model table, each
 * field overridable per deployment in config (`capabilities`).
 */
export interface Capabilities {
  tools: boolean;
  /** Several tool calls in one answer (and the `parallel_tool_calls` switch). */
  parallelTools: boolean;
  /** Image parts in user messages. */
  vision: boolean;
  /** `response_format: { type: "json_schema" }` (natively or by the adapter's fallback). */
  jsonSchema: boolean;
  /** Largest `max_tokens` the model accepts, when known. */
  maxOutputTokens?: number;
}

/** The config form: every field optional (`deployments[i].capabilities`). */
export type CapabilityOverrides = Partial<Capabilities>;

export type CapabilityName = 'tools' | 'parallelTools' | 'vision' | 'jsonSchema' | 'maxOutputTokens';

/** Table entry: a model-name pattern and what such models can do. */
export interface CapabilityRule {
  match: RegExp;
  capabilities: Partial<Capabilities>;
}

/** The first matching rule over `fallback`, then the deployment's overrides. */
export function lookupCapabilities(model: string, rules: readonly CapabilityRule[], fallback: Capabilities, overrides: CapabilityOverrides = {}): Capabilities {
  const rule = rules.find((r) => r.match.test(model));
  return { ...fallback, ...(rule?.capabilities ?? {}), ...overrides };
}
