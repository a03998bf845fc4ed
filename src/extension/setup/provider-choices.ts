import { ProviderKind } from '../../core/index';

/** One entry of Add Provider's first QuickPick: a kind of API, maybe a known server. */
export interface ProviderChoice {
  /** Shown in the list; also the default provider name (lower-cased). */
  label: string;
  name: string;
  kind: ProviderKind;
  /** `openai-compatible` presets (quirks, pricing, free local servers). */
  preset?: string;
  /** Prefilled, editable; empty: the user must type one. */
  baseUrl: string;
  /** Local servers take no key: the key step is skipped. */
  needsKey: boolean;
  /** How its models are listed. `none`: typed by hand (Azure deployment names). */
  listing: 'openai' | 'anthropic' | 'ollama' | 'none';
  hint: string;
}

export const PROVIDER_CHOICES: readonly ProviderChoice[] = [
  { label: 'OpenAI', name: 'openai', kind: 'openai', baseUrl: 'https://api.openai.com/v1', needsKey: true, listing: 'openai', hint: 'GPT models, platform.openai.com' },
  { label: 'Anthropic', name: 'anthropic', kind: 'anthropic', baseUrl: 'https://api.anthropic.com', needsKey: true, listing: 'anthropic', hint: 'Claude models, console.anthropic.com' },
  { label: 'Azure OpenAI', name: 'azure', kind: 'azure-openai', baseUrl: '', needsKey: true, listing: 'none', hint: 'your resource endpoint, e.g. https://NAME.openai.azure.com' },
  { label: 'Groq', name: 'groq', kind: 'openai-compatible', preset: 'groq', baseUrl: 'https://api.groq.com/openai/v1', needsKey: true, listing: 'openai', hint: 'fast open models' },
  { label: 'OpenRouter', name: 'openrouter', kind: 'openai-compatible', preset: 'openrouter', baseUrl: 'https://openrouter.ai/api/v1', needsKey: true, listing: 'openai', hint: 'many providers behind one key' },
  { label: 'Mistral', name: 'mistral', kind: 'openai-compatible', preset: 'mistral', baseUrl: 'https://api.mistral.ai/v1', needsKey: true, listing: 'openai', hint: 'Mistral models' },
  { label: 'DeepSeek', name: 'deepseek', kind: 'openai-compatible', preset: 'deepseek', baseUrl: 'https://api.deepseek.com/v1', needsKey: true, listing: 'openai', hint: 'DeepSeek chat and reasoner' },
  { label: 'xAI', name: 'xai', kind: 'openai-compatible', preset: 'xai', baseUrl: 'https://api.x.ai/v1', needsKey: true, listing: 'openai', hint: 'Grok models' },
  { label: 'Gemini (OpenAI endpoint)', name: 'gemini', kind: 'openai-compatible', preset: 'gemini', baseUrl: 'https://generativelanguage.googleapis.com/v1beta/openai', needsKey: true, listing: 'openai', hint: 'Google Gemini through its OpenAI-compatible API' },
  { label: 'Together', name: 'together', kind: 'openai-compatible', preset: 'together', baseUrl: 'https://api.together.xyz/v1', needsKey: true, listing: 'openai', hint: 'open models hosted by Together AI' },
  { label: 'Ollama', name: 'ollama', kind: 'openai-compatible', preset: 'ollama', baseUrl: 'http://127.0.0.1:11434/v1', needsKey: false, listing: 'ollama', hint: 'local models, no key' },
  { label: 'LM Studio', name: 'lmstudio', kind: 'openai-compatible', preset: 'lmstudio', baseUrl: 'http://127.0.0.1:1234/v1', needsKey: false, listing: 'openai', hint: 'local models, no key' },
  { label: 'vLLM', name: 'vllm', kind: 'openai-compatible', preset: 'vllm', baseUrl: 'http://127.0.0.1:8000/v1', needsKey: false, listing: 'openai', hint: 'local or self-hosted server' },
  { label: 'Custom URL (OpenAI-compatible)', name: 'custom', kind: 'openai-compatible', baseUrl: '', needsKey: true, listing: 'openai', hint: 'any server speaking the OpenAI API (LiteLLM, a proxy...)' },
];

/** The choice an existing provider config came from (Edit Provider, Check Keys). */
export function choiceFor(kind: ProviderKind, preset: string | undefined): ProviderChoice {
  const found = PROVIDER_CHOICES.find((c) => c.kind === kind && c.preset === preset);
  return found ?? PROVIDER_CHOICES.find((c) => c.name === 'custom') ?? (PROVIDER_CHOICES[0] as ProviderChoice);
}
