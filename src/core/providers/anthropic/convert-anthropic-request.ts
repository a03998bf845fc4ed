import { CanonicalCall } from '../../model/canonical-call';
import { SwitchboardError } from '../../model/switchboard-error';
import { AnthropicTurn, convertAnthropicMessages } from './convert-anthropic-messages';
import { AnthropicTool, AnthropicToolChoice, convertAnthropicTools } from './convert-anthropic-tools';

export { LEADING_USER_PLACEHOLDER } from './convert-anthropic-messages';

/** The Messages API body this adapter sends (a subset of the SDK's params). */
export interface AnthropicRequestBody {
  model: string;
  max_tokens: number;
  messages: AnthropicTurn[];
  system?: string | Array<{ type: 'text'; text: string; cache_control?: { type: 'ephemeral' } }>;
  temperature?: number;
  top_p?: number;
  stop_sequences?: string[];
  tools?: AnthropicTool[];
  tool_choice?: AnthropicToolChoice;
  output_config?: { format: { type: 'json_schema'; schema: Record<string, unknown> } };
  thinking?: { type: 'enabled'; budget_tokens: number };
  stream: boolean;
}

/** A body plus how to read its answer. */
export interface AnthropicRequest {
  body: AnthropicRequestBody;
  /** The forced tool whose input is the JSON answer, when structured output went through a tool. */
  jsonToolName?: string;
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

/**
 * Whether the conversation is inside a tool loop whose assistant turn carries
 * no thinking block: with thinking enabled the API refuses it ("a final
 * assistant message must start with a thinking block"). That happens when the
 * caller did not send `thinking_blocks` back, or when the loop began on a
 * provider without them (a fallback); the request then goes without extended
 * thinking instead of failing.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking#extended-thinking-with-tool-use
 */
function toolLoopWithoutThinking(messages: readonly AnthropicTurn[]): boolean {
  const last = [...messages].reverse().find((t) => t.role === 'assistant');
  if (!last || typeof last.content === 'string' || !last.content.some((b) => b.type === 'tool_use')) return false;
  const first = last.content[0];
  return first?.type !== 'thinking' && first?.type !== 'redacted_thinking';
}

/**
 * The canonical call as a Messages API body. System messages move to the
 * top-level `system` (with a cache breakpoint when asked). `temperature` is
 * clamped to Anthropic's 0..1; `top_p` is dropped when `temperature` is set
 * (current models reject both together); `seed` and penalties have no Messages
 * API equivalent and are not sent. Extended thinking from
 * `provider_options.anthropic.thinking_budget_tokens`.
 * @see https://docs.anthropic.com/en/api/messages
 * @see https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching
 * @see https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking
 */
export function convertAnthropicRequest(call: CanonicalCall, model: string, stream: boolean): AnthropicRequest {
  const system = call.messages
    .flatMap((m) => (m.role === 'system' && m.text.trim() !== '' ? [m.text] : []))
    .join('\n\n');
  const messages = convertAnthropicMessages(call.messages);
  if (messages.length === 0) {
    throw new SwitchboardError({ kind: 'bad_request', retryable: false, message: 'Anthropic needs at least one non-empty user or assistant message.' });
  }
  const s = call.sampling;
  const body: AnthropicRequestBody = { model, max_tokens: s.maxTokens ?? defaultAnthropicMaxTokens(model), messages, stream };
  const options = call.providerOptions.anthropic;
  if (system !== '') body.system = options?.cache_control?.system === true ? [{ type: 'text', text: system, cache_control: { type: 'ephemeral' } }] : system;
  if (s.temperature !== undefined) body.temperature = Math.min(1, Math.max(0, s.temperature));
  else if (s.topP !== undefined) body.top_p = s.topP;
  if (s.stop !== undefined) {
    const stops = s.stop.filter((x) => x.trim() !== '');
    if (stops.length > 0) body.stop_sequences = stops;
  }
  const { jsonToolName, ...toolFields } = convertAnthropicTools(call, model);
  Object.assign(body, toolFields);
  if (options?.thinking_budget_tokens !== undefined && !toolLoopWithoutThinking(messages)) body.thinking = { type: 'enabled', budget_tokens: options.thinking_budget_tokens };
  return jsonToolName === undefined ? { body } : { body, jsonToolName };
}
