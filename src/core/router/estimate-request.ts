import { ChatRequest } from '../model/chat-request';
import { messageText } from '../model/message-text';
import { estimateRequestExtras } from './estimate-request-extras';

/** Per-message overhead providers add (role markers, separators). */
const PER_MESSAGE = 4;

/**
 * Prompt tokens for routing decisions (tools, schemas and images included) (TPM reservations, context-window pre-check),
 * ≈ 4 characters a token: every request pays this, so no tokenizer here. Cost
 * estimates use the real tokenizer (usage/estimate-tokens.ts); the TPM reservation
 * is reconciled with the provider's real usage afterwards.
 */
function estimatePromptTokens(request: ChatRequest): number {
  const text = request.messages.reduce((n, m) => n + Math.ceil(messageText(m).length / 4) + PER_MESSAGE, 0);
  return text + estimateRequestExtras(request).tokens;
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
