import { ChatRequest } from '../model/chat-request';

/** Per-message overhead providers add (role markers, separators). */
const PER_MESSAGE = 4;

/** Prompt tokens, estimated locally (≈ 4 characters a token; no tokenizer on the hot path). */
function estimatePromptTokens(request: ChatRequest): number {
  return request.messages.reduce((n, m) => n + Math.ceil(m.content.length / 4) + PER_MESSAGE, 0);
}

/** What a request is expected to use before it is sent (TPM reservations, cost ranking). */
export interface RequestEstimate {
  inputTokens: number;
  /** `max_tokens` when given, else a modest guess; reconciled with real usage afterwards. */
  outputTokens: number;
}

export function estimateRequest(request: ChatRequest): RequestEstimate {
  return { inputTokens: estimatePromptTokens(request), outputTokens: request.max_tokens ?? 256 };
}

/**
 * False when the deployment's known context window cannot hold the prompt
 * (plus `max_tokens` when the caller set it). Unknown windows are assumed to fit.
 */
export function fitsContextWindow(contextWindow: number | undefined, request: ChatRequest, promptTokens: number): boolean {
  if (contextWindow === undefined) return true;
  return promptTokens + (request.max_tokens ?? 0) <= contextWindow;
}
