import { ChatRequest } from '../model/chat-request';
import { Usage } from '../model/usage';

/** Rough local count (≈4 characters a token) used only when a provider reports no usage. */
function roughTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/**
 * The provider's usage when it sent one; otherwise a local estimate flagged
 * `estimated`, so a missing usage block never reads as $0.
 */
export function usageOrEstimate(reported: Usage | undefined, request: ChatRequest, output: string): Usage {
  if (reported) return reported;
  const input = request.messages.reduce((n, m) => n + roughTokens(m.content) + 4, 0);
  return { inputTokens: input, outputTokens: roughTokens(output), cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, estimated: true };
}
