/**
 * The one list deciding, for every captured transcript in ../shared/fixtures/wire,
 * which adapter replays it or why it is not supported. A coverage test asserts
 * that no file is left unclassified, so nothing is skipped silently.
 */
export type TranscriptAdapter = 'openai' | 'anthropic';

export type TranscriptClass =
  | { supported: true; adapter: TranscriptAdapter; preset?: string }
  | { supported: false; reason: string };

/** Whole families by file-name prefix. */
const FAMILIES: Array<[prefix: string, cls: TranscriptClass]> = [
  ['openai-chat__', { supported: true, adapter: 'openai' }],
  ['azure-chat__', { supported: true, adapter: 'openai' }],
  ['groq-chat__', { supported: true, adapter: 'openai', preset: 'groq' }],
  ['deepseek-chat__', { supported: true, adapter: 'openai', preset: 'deepseek' }],
  ['mistral-chat__', { supported: true, adapter: 'openai', preset: 'mistral' }],
  ['xai-chat__', { supported: true, adapter: 'openai', preset: 'xai' }],
  ['xai-chat-oaicompat__', { supported: true, adapter: 'openai', preset: 'xai' }],
  ['alibaba-chat__', { supported: true, adapter: 'openai' }],
  ['cerebras-chat__', { supported: true, adapter: 'openai' }],
  ['perplexity-chat__', { supported: true, adapter: 'openai' }],
  ['anthropic-oaicompat-chat__', { supported: true, adapter: 'openai' }],
  ['anthropic-messages__', { supported: true, adapter: 'anthropic' }],
  ['openai-responses__', { supported: false, reason: 'OpenAI Responses API: Switchboard speaks Chat Completions only.' }],
  ['azure-responses__', { supported: false, reason: 'Azure Responses API: Switchboard speaks Chat Completions only.' }],
  ['xai-responses__', { supported: false, reason: 'xAI Responses API: Switchboard speaks Chat Completions only.' }],
  ['lmstudio-responses__', { supported: false, reason: 'LM Studio Responses API: Switchboard speaks Chat Completions only.' }],
  ['github-copilot-responses__', { supported: false, reason: 'GitHub Copilot Responses API: not a supported provider.' }],
  ['openai-completion__', { supported: false, reason: 'Legacy Completions API (/v1/completions): not supported.' }],
  ['bedrock-converse__', { supported: false, reason: 'Amazon Bedrock Converse: not a supported provider kind.' }],
  ['google-gemini__', { supported: false, reason: 'Gemini native API: use Gemini through its OpenAI-compatible endpoint (preset "gemini").' }],
  ['google-interactions__', { supported: false, reason: 'Gemini Interactions API: not supported.' }],
  ['cohere-chat__', { supported: false, reason: 'Cohere native v2 chat: use Cohere through an OpenAI-compatible endpoint.' }],
];

/** Single files inside supported families that the adapters do not replay, and why. */
const EXCEPTIONS: Record<string, string> = {
  // --- OpenAI-format adapter exceptions (openai, azure, compatible presets) ---
  // (cerebras-chat__cererebras-structured-output-tools.1.chunks.txt holds two responses back to back; the replay serves them one per call.)
  // --- Anthropic adapter exceptions ---
};

export function classifyTranscript(file: string): TranscriptClass | undefined {
  const exception = EXCEPTIONS[file];
  if (exception !== undefined) return { supported: false, reason: exception };
  for (const [prefix, cls] of FAMILIES) if (file.startsWith(prefix)) return cls;
  return undefined;
}

/** Files in wire/ that are data, not transcripts. */
export const NOT_TRANSCRIPTS = new Set(['INDEX.md', 'errors.md', 'errors', 'suspect-synthetic']);
