/**
 * Known OpenAI-compatible servers and their quirks. A preset supplies a default
 * base URL and flags; each flag names one difference from OpenAI's own API.
 */
export interface CompatPreset {
  name: string;
  /** SDK base URL (with the version path). */
  baseUrl: string;
  /** Local servers need no key. */
  requiresKey: boolean;
  /** Accepts `stream_options: { include_usage: true }`. */
  streamUsage: boolean;
  /** Field of the message / delta that carries reasoning text, if any. */
  reasoningField?: 'reasoning_content' | 'reasoning';
  /** @see https://console.groq.com/docs/api-reference — older Groq streams report usage under `x_groq.usage`. */
  usageInXGroq?: boolean;
  /**
   * `completion_tokens` leaves reasoning tokens out (total = prompt + completion + reasoning).
   * @see https://docs.x.ai/docs/guides/reasoning#usage
   */
  reasoningOutsideCompletion?: boolean;
  /** `false`: the server rejects `tools` (default: accepted). */
  tools?: boolean;
  /** `false`: the server rejects the `parallel_tool_calls` field. */
  parallelToolCallsParam?: boolean;
  /**
   * `false`: no `response_format: { type: "json_schema" }` (only `json_object`).
   * @see https://api-docs.deepseek.com/guides/json_mode
   */
  jsonSchema?: boolean;
}

const PRESET_LIST: CompatPreset[] = [
  { name: 'groq', baseUrl: 'https://api.groq.com/openai/v1', requiresKey: true, streamUsage: true, reasoningField: 'reasoning', usageInXGroq: true },
  { name: 'ollama', baseUrl: 'http://127.0.0.1:11434/v1', requiresKey: false, streamUsage: true, reasoningField: 'reasoning' },
  { name: 'openrouter', baseUrl: 'https://openrouter.ai/api/v1', requiresKey: true, streamUsage: true, reasoningField: 'reasoning' },
  { name: 'together', baseUrl: 'https://api.together.xyz/v1', requiresKey: true, streamUsage: true, reasoningField: 'reasoning' },
  { name: 'mistral', baseUrl: 'https://api.mistral.ai/v1', requiresKey: true, streamUsage: false },
  { name: 'deepseek', baseUrl: 'https://api.deepseek.com/v1', requiresKey: true, streamUsage: true, reasoningField: 'reasoning_content', jsonSchema: false },
  { name: 'xai', baseUrl: 'https://api.x.ai/v1', requiresKey: true, streamUsage: true, reasoningField: 'reasoning_content', reasoningOutsideCompletion: true },
  { name: 'gemini', baseUrl: 'https://generativelanguage.googleapis.com/v1beta/openai', requiresKey: true, streamUsage: true },
  { name: 'lmstudio', baseUrl: 'http://127.0.0.1:1234/v1', requiresKey: false, streamUsage: true, reasoningField: 'reasoning_content' },
  { name: 'vllm', baseUrl: 'http://127.0.0.1:8000/v1', requiresKey: false, streamUsage: true, reasoningField: 'reasoning_content' },
];

export const COMPAT_PRESETS: ReadonlyMap<string, CompatPreset> = new Map(PRESET_LIST.map((p) => [p.name, p]));

/** Quirks for a custom URL: assume OpenAI's behaviour, accept both reasoning fields. */
export const CUSTOM_PRESET: CompatPreset = { name: 'custom', baseUrl: '', requiresKey: false, streamUsage: true };

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** A compatible server's preset: named, else recognised by its base URL's origin, else `custom`. */
export function compatPresetFor(config: { preset?: string; baseUrl?: string }): CompatPreset | undefined {
  if (config.preset !== undefined) return COMPAT_PRESETS.get(config.preset);
  const origin = config.baseUrl !== undefined ? originOf(config.baseUrl) : undefined;
  if (origin !== undefined) for (const p of COMPAT_PRESETS.values()) if (originOf(p.baseUrl) === origin) return p;
  return CUSTOM_PRESET;
}
