/** OpenAI-shaped request: the one input format of the core. */
export type ChatRole = 'system' | 'user' | 'assistant';

export interface ChatMessage {
  role: ChatRole;
  content: string;
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
  /** `{ type: 'json_object' }` or a JSON schema format, passed through to providers that accept it. */
  response_format?: Record<string, unknown>;
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
