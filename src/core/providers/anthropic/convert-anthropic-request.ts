import { ChatMessage, ChatRequest } from '../../model/chat-request';
import { SwitchboardError } from '../../model/switchboard-error';

/** The Messages API body this adapter sends (a subset of the SDK's params). */
export interface AnthropicRequestBody {
  model: string;
  max_tokens: number;
  messages: Array<{ role: 'user' | 'assistant'; content: string }>;
  system?: string;
  temperature?: number;
  top_p?: number;
  stop_sequences?: string[];
  stream: boolean;
}

/**
 * `max_tokens` is required by Anthropic. 4096 is accepted by every Claude
 * model (the Claude 3 generation caps output at 4096) and keeps the budget's
 * worst-case reservation modest; set `max_tokens` on the request for more.
 * @see https://docs.anthropic.com/en/docs/about-claude/models/overview#model-comparison-table
 */
export function defaultAnthropicMaxTokens(_model: string): number {
  return 4096;
}

/** Sent as the first turn when a conversation opens with the assistant. */
export const LEADING_USER_PLACEHOLDER = '(conversation start)';

/**
 * Roles must alternate and the first message must be `user`: consecutive
 * same-role messages are joined with a blank line, and a placeholder user turn
 * is put before a leading assistant turn. Empty messages are dropped (the API
 * rejects empty text), and a final assistant prefill loses trailing
 * whitespace (also rejected).
 * @see https://docs.anthropic.com/en/api/messages#body-messages
 */
function toAlternatingTurns(messages: readonly ChatMessage[]): AnthropicRequestBody['messages'] {
  const turns: AnthropicRequestBody['messages'] = [];
  for (const m of messages) {
    if (m.role === 'system' || m.content.trim() === '') continue;
    const last = turns[turns.length - 1];
    if (last && last.role === m.role) last.content = `${last.content}\n\n${m.content}`;
    else turns.push({ role: m.role, content: m.content });
  }
  if (turns[0]?.role === 'assistant') turns.unshift({ role: 'user', content: LEADING_USER_PLACEHOLDER });
  const final = turns[turns.length - 1];
  if (final?.role === 'assistant') final.content = final.content.trimEnd();
  return turns;
}

/**
 * The canonical (OpenAI-shaped) request as a Messages API body. System
 * messages move to the top-level `system`. `temperature` is clamped to
 * Anthropic's 0..1; `top_p` is dropped when `temperature` is set (current
 * models reject both together); `seed`, penalties and `response_format` have
 * no Messages API equivalent and are not sent.
 * @see https://docs.anthropic.com/en/api/messages
 * @see https://docs.anthropic.com/en/api/openai-sdk#important-openai-compatibility-limitations
 */
export function convertAnthropicRequest(request: ChatRequest, model: string, stream: boolean): AnthropicRequestBody {
  const system = request.messages
    .filter((m) => m.role === 'system' && m.content.trim() !== '')
    .map((m) => m.content)
    .join('\n\n');
  const messages = toAlternatingTurns(request.messages);
  if (messages.length === 0) {
    throw new SwitchboardError({ kind: 'bad_request', retryable: false, message: 'Anthropic needs at least one non-empty user or assistant message.' });
  }
  const body: AnthropicRequestBody = {
    model,
    max_tokens: request.max_tokens ?? defaultAnthropicMaxTokens(model),
    messages,
    stream,
  };
  if (system !== '') body.system = system;
  if (request.temperature !== undefined) body.temperature = Math.min(1, Math.max(0, request.temperature));
  else if (request.top_p !== undefined) body.top_p = request.top_p;
  if (request.stop !== undefined) {
    const stops = (typeof request.stop === 'string' ? [request.stop] : request.stop).filter((s) => s.trim() !== '');
    if (stops.length > 0) body.stop_sequences = stops;
  }
  return body;
}
