import { ThinkingBlock } from './thinking-block';

/**
 * OpenAI-shaped request: the one input format of the core.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
export type ChatRole = 'system' | 'user' | 'assistant' | 'tool';

export interface TextContentPart {
  type: 'text';
  text: string;
}

/** An image by `data:image/...;base64,` URL or an `https:` URL. */
export interface ImageContentPart {
  type: 'image_url';
  image_url: { url: string; detail?: 'auto' | 'low' | 'high' };
}

export type ContentPart = TextContentPart | ImageContentPart;

/** A call the assistant made, as sent back in the conversation. `arguments` is a JSON string. */
export interface ChatToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export type ChatMessage =
  | { role: 'system'; content: string | TextContentPart[] }
  | { role: 'user'; content: string | ContentPart[] }
  /** `thinking_blocks`: the signed reasoning of this turn as `ChatResult.thinkingBlocks` gave it (Anthropic tool loops). */
  | { role: 'assistant'; content: string | TextContentPart[] | null; tool_calls?: ChatToolCall[]; thinking_blocks?: ThinkingBlock[] }
  | { role: 'tool'; content: string | TextContentPart[]; tool_call_id: string };

/** An OpenAI function tool; `parameters` is a JSON Schema object. */
export interface ChatTool {
  type: 'function';
  function: { name: string; description?: string; parameters?: Record<string, unknown>; strict?: boolean };
}

export type ChatToolChoice = 'auto' | 'none' | 'required' | { type: 'function'; function: { name: string } };

export type ResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | { type: 'json_schema'; json_schema: { name: string; description?: string; schema: Record<string, unknown>; strict?: boolean } };

/**
 * What only one provider kind has, typed per kind, passed through to that
 * kind's adapter (and ignored by the others). Part of the cache key.
 */
export interface ProviderOptions {
  /** OpenAI / Azure / compatible servers that accept them. */
  openai?: { reasoning_effort?: 'minimal' | 'low' | 'medium' | 'high'; service_tier?: 'auto' | 'default' | 'flex' | 'priority' };
  anthropic?: {
    /** Prompt-cache breakpoints (`cache_control: { type: "ephemeral" }`) on the system prompt and/or the last tool. */
    cache_control?: { system?: boolean; tools?: boolean };
    /** Extended thinking budget (`thinking: { type: "enabled", budget_tokens }`), at least 1024. */
    thinking_budget_tokens?: number;
  };
}

export interface ChatRequest {
  /** An alias name or a deployment id. */
  model: string;
  messages: ChatMessage[];
  temperature?: number;
  top_p?: number;
  max_tokens?: number;
  stop?: string | string[];
  seed?: number;
  presence_penalty?: number;
  frequency_penalty?: number;
  tools?: ChatTool[];
  tool_choice?: ChatToolChoice;
  parallel_tool_calls?: boolean;
  response_format?: ResponseFormat;
  provider_options?: ProviderOptions;
  /** Per-request cache controls; ignored by providers. */
  cache?: { noCache?: boolean; noStore?: boolean; ttlMs?: number };
}

/** Options the caller gives per call (never part of the cache key). */
export interface CallOptions {
  signal?: AbortSignal;
  /** Who asked: `chat`, a command name, a script. Recorded in the CallRecord. */
  origin?: string;
  /** Opt in to restarting on another deployment after the first token was shown (labelled). */
  restartAfterFirstToken?: boolean;
}
