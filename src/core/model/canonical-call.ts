import { ProviderOptions } from './chat-request';
import { ThinkingBlock } from './thinking-block';

/**
 * What adapters receive: the request as typed parts, with no alias, no cache
 * options and nothing left to parse. Built once from a validated ChatRequest
 * (to-canonical-call.ts); every adapter maps it to its native body.
 */
export type CanonicalImage =
  | { kind: 'base64'; mediaType: string; data: string }
  | { kind: 'url'; url: string };

export type CanonicalUserPart = { type: 'text'; text: string } | { type: 'image'; image: CanonicalImage; detail?: 'auto' | 'low' | 'high' };

export interface CanonicalToolCall {
  id: string;
  name: string;
  /** A JSON string, as the model produced it. */
  arguments: string;
}

export type CanonicalMessage =
  | { role: 'system'; text: string }
  | { role: 'user'; parts: CanonicalUserPart[] }
  /** `thinkingBlocks` go first in the turn for providers that have them (Anthropic); others ignore them. */
  | { role: 'assistant'; text: string; toolCalls: CanonicalToolCall[]; thinkingBlocks: ThinkingBlock[] }
  | { role: 'tool'; toolCallId: string; text: string };

export interface CanonicalTool {
  name: string;
  description?: string;
  /** JSON Schema of the arguments (an empty object schema when the caller gave none). */
  parameters: Record<string, unknown>;
  strict?: boolean;
}

export type CanonicalToolChoice = { type: 'auto' } | { type: 'none' } | { type: 'required' } | { type: 'tool'; name: string };

export type OutputFormat =
  | { type: 'text' }
  | { type: 'json' }
  | { type: 'json_schema'; name: string; description?: string; schema: Record<string, unknown>; strict: boolean };

export interface SamplingParams {
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  stop?: string[];
  seed?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
}

export interface CanonicalCall {
  messages: CanonicalMessage[];
  tools: CanonicalTool[];
  toolChoice?: CanonicalToolChoice;
  parallelToolCalls?: boolean;
  output: OutputFormat;
  sampling: SamplingParams;
  providerOptions: ProviderOptions;
}
