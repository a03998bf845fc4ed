/**
 * Public types of the fake provider server. Everything here is plain JSON so a
 * behaviour can be sent over the control API or written in a CLI script file.
 */

/** Wire format of the route a request hit. Azure uses the OpenAI format. */
export type WireFormat = 'openai' | 'anthropic';

/** Which route a recorded request hit. */
export type RouteKind =
  | 'openai-chat'
  | 'azure-chat'
  | 'openai-embeddings'
  | 'azure-embeddings'
  | 'openai-models'
  | 'ollama-tags'
  | 'anthropic-messages'
  | 'not-found';

/** Provider-neutral finish reasons; any other string is sent verbatim. */
export type FinishReason = 'stop' | 'length' | 'content_filter' | 'tool_calls' | (string & {});

/** A normal answer. All fields optional; defaults come from `expectedAnswer`. */
export interface AnswerBehaviour {
  kind: 'answer';
  /** Full answer text (default: server `answerText` option, else "Echo: " + last user text). */
  text?: string;
  /** Exact text chunks (overrides `text`; the answer is their concatenation). */
  chunks?: string[];
  /**
   * Tool calls after the text (default text then ''; finish reason `tool_calls`).
   * `arguments` is a JSON string, streamed in pieces; ids default to `call_fake<i>` / `toolu_fake<i>`.
   */
  toolCalls?: Array<{ id?: string; name: string; arguments: string }>;
  /** Reasoning text: OpenAI `reasoning_content` deltas, Anthropic thinking block. */
  reasoning?: string;
  /** Prompt tokens served from cache (OpenAI cached_tokens, Anthropic cache_read_input_tokens). */
  cachedTokens?: number;
  /** Anthropic cache_creation_input_tokens (OpenAI has no equivalent; still part of the prompt). */
  cacheWriteTokens?: number;
  /** Reasoning tokens (default: number of reasoning chunks). */
  reasoningTokens?: number;
  finishReason?: FinishReason;
  /** Shallow-merged into the provider-native usage object last (wins over computed numbers). */
  usage?: Record<string, unknown>;
  /** Stream: leave usage out entirely (OpenAI usage chunk / JSON usage, Anthropic usage fields stay 0). */
  omitUsage?: boolean;
  /** Words per chunk when `text` is split (default: server option, else 1). */
  wordsPerChunk?: number;
  headersDelayMs?: number;
  firstChunkDelayMs?: number;
  interChunkDelayMs?: number;
}

/** Presets choose a realistic body in the format of the route that was hit. */
export type ErrorPreset =
  | 'rate_limited'
  | 'server_error'
  | 'overloaded'
  | 'unauthorized'
  | 'forbidden'
  | 'context_overflow'
  | 'insufficient_quota'
  | 'content_filter'
  | 'bad_request'
  | 'not_found';

/** An HTTP error. `status` may be omitted when a preset decides it per format. */
export interface ErrorBehaviour {
  kind: 'error';
  status?: number;
  /** Object (sent as JSON) or a raw string sent verbatim. Default: the preset body. */
  body?: unknown;
  headers?: Record<string, string>;
  preset?: ErrorPreset;
  /** Numbers used in context-overflow messages. */
  promptTokens?: number;
  maxTokens?: number;
  headersDelayMs?: number;
}

/** Never finishes: no headers ('headers') or headers but no body byte ('first-chunk'). */
export interface StallBehaviour {
  kind: 'stall';
  phase: 'headers' | 'first-chunk';
}

/** Shared by the mid-stream faults: `afterChunks` counts answer text deltas already sent. */
interface MidStreamBase {
  afterChunks: number;
  text?: string;
  chunks?: string[];
  interChunkDelayMs?: number;
}

/** Sends the preamble + N text deltas, then destroys the socket. */
export interface CutBehaviour extends MidStreamBase {
  kind: 'cut';
}

/** Sends the preamble + N text deltas, then a non-JSON data line, then ends (or continues). */
export interface MalformedBehaviour extends MidStreamBase {
  kind: 'malformed';
  /** Raw payload placed after `data: ` (default `{"id":"chatcmpl-broken","choices":[{"delta":`). */
  line?: string;
  /** Keep streaming the rest of the answer after the bad line (default false: end). */
  thenContinue?: boolean;
}

/** HTTP 200, preamble + N text deltas, then an in-band error event and a normal end. */
export interface InBandErrorBehaviour extends MidStreamBase {
  kind: 'in-band-error';
  /** The `error` object (default: Anthropic overloaded_error / OpenAI server_error). */
  error?: Record<string, unknown>;
}

/** The socket is destroyed after the request body arrived, before any response byte. */
export interface ResetBehaviour {
  kind: 'reset';
}

/** Serves a captured transcript byte for byte. */
export interface ReplayBehaviour {
  kind: 'replay';
  /** Absolute path to a `*.json`, `*.chunks.txt` or `*.sse` file. */
  file: string;
  status?: number;
  headers?: Record<string, string>;
  /** `*.chunks.txt` only: append `data: [DONE]` (the transcripts never contain it). Default false. */
  appendDone?: boolean;
  /** Write the body in pieces ending at these byte offsets. */
  splitAt?: number[];
  /** Write the body in pieces of this many bytes. */
  writeChunkBytes?: number;
  /** Pause between pieces (default 2 ms when splitting). */
  pauseMs?: number;
  /** `*.chunks.txt`: pause between events. */
  interChunkDelayMs?: number;
}

export type Behaviour =
  | AnswerBehaviour
  | ErrorBehaviour
  | StallBehaviour
  | CutBehaviour
  | MalformedBehaviour
  | InBandErrorBehaviour
  | ResetBehaviour
  | ReplayBehaviour;

export type BehaviourKind = Behaviour['kind'];

/**
 * One request as the server saw it. All `*At` times are `Date.now()` epoch
 * milliseconds, so they compare across processes (CLI use) and with client clocks.
 */
export interface RecordedRequest {
  id: string;
  method: string;
  path: string;
  query: Record<string, string>;
  /** Lower-cased header names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Parsed JSON when the body was JSON, else the raw text ('' when empty). */
  body: unknown;
  route: RouteKind;
  format: WireFormat;
  /** body.model, or the Azure deployment name when the body has none. */
  model: string | undefined;
  deployment?: string;
  apiVersion?: string;
  stream: boolean;
  /** Set when the chat body was not in the route's native shape (the request got a 400). */
  shapeProblems?: string[];
  /** The behaviour kind that served the request (undefined for routes that are not scripted). */
  behaviour?: BehaviourKind;
  arrivedAt: number;
  /** Response headers written. */
  headersSentAt?: number;
  /** Each body write (ms); for SSE one entry per event. */
  chunkWrittenAt: number[];
  /** The response was completely handed to the socket. */
  responseFinishedAt?: number;
  /** The request/response pair closed (finished normally, client abort or socket destroyed). */
  closedAt?: number;
  /** The client closed before the response finished (server-initiated cut/reset/close excluded). */
  clientAborted: boolean;
}

export interface FakeProviderOptions {
  /** Port on 127.0.0.1 (default 0 = ephemeral). */
  port?: number;
  /** Default answer text instead of "Echo: " + last user message. */
  answerText?: string;
  /** Words per chunk when splitting answer text (default 1). */
  wordsPerChunk?: number;
  /** Default embedding dimension (default 64; `dimensions` in the request wins). */
  embeddingDimensions?: number;
  /** Ids listed by GET /v1/models (OpenAI or, with an `anthropic-version` header, Anthropic format) and GET /api/tags (Ollama). */
  models?: string[];
  /**
   * When set, the model listings answer 401 unless the request carries one of
   * these keys (`Authorization: Bearer` or `x-api-key`): what a key check hits.
   */
  acceptedKeys?: string[];
  /** Default behaviour (same as calling setDefault). */
  defaultBehaviour?: Behaviour;
}
