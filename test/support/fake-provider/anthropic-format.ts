/**
 * Anthropic Messages bodies and SSE events, shaped like
 * `wire/anthropic-messages__anthropic-text.*` and `...clear-thinking.1.*`.
 */
import type { ExpectedAnswer } from './expected-answer';
import { jsonFrame, type SseFrame } from './sse-frame';

export interface AnthropicMeta {
  id: string;
  model: string;
}

/** The signature every thinking block of this server carries; a block sent back with another one is refused, as the API does. */
export const SIGNATURE = 'EqQBCkYIBxgCKkBfakeSignatureForTestsOnly0000000000';

function fullUsage(answer: ExpectedAnswer, outputTokens: unknown): Record<string, unknown> {
  const u = answer.nativeUsage;
  return {
    input_tokens: u.input_tokens,
    cache_creation_input_tokens: u.cache_creation_input_tokens,
    cache_read_input_tokens: u.cache_read_input_tokens,
    cache_creation: { ephemeral_5m_input_tokens: u.cache_creation_input_tokens, ephemeral_1h_input_tokens: 0 },
    output_tokens: outputTokens,
    service_tier: 'standard',
  };
}

function contentBlocks(answer: ExpectedAnswer): Record<string, unknown>[] {
  const blocks: Record<string, unknown>[] = [];
  if (answer.reasoning !== '') blocks.push({ type: 'thinking', thinking: answer.reasoning, signature: SIGNATURE });
  if (answer.text !== '' || answer.toolCalls.length === 0) blocks.push({ type: 'text', text: answer.text });
  for (const c of answer.toolCalls) blocks.push({ type: 'tool_use', id: c.id, name: c.name, input: JSON.parse(c.arguments === '' ? '{}' : c.arguments) as unknown });
  return blocks;
}

export function anthropicJsonBody(meta: AnthropicMeta, answer: ExpectedAnswer, omitUsage: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = {
    model: meta.model,
    id: meta.id,
    type: 'message',
    role: 'assistant',
    content: contentBlocks(answer),
    stop_reason: answer.finishReason,
    stop_sequence: null,
  };
  if (!omitUsage) body.usage = { ...fullUsage(answer, answer.nativeUsage.output_tokens), ...pickExtra(answer) };
  return body;
}

/** Keys of a usage override that are not part of the computed usage. */
function pickExtra(answer: ExpectedAnswer): Record<string, unknown> {
  const known = new Set(['input_tokens', 'cache_creation_input_tokens', 'cache_read_input_tokens', 'output_tokens']);
  return Object.fromEntries(Object.entries(answer.nativeUsage).filter(([k]) => !known.has(k)));
}

export interface AnthropicStreamFrames {
  body: SseFrame[];
  tail: SseFrame[];
}

function ev(payload: Record<string, unknown>, textIndex?: number): SseFrame {
  return jsonFrame(payload, String(payload.type), textIndex);
}

export function anthropicStreamFrames(meta: AnthropicMeta, answer: ExpectedAnswer, omitUsage: boolean): AnthropicStreamFrames {
  const message: Record<string, unknown> = {
    model: meta.model,
    id: meta.id,
    type: 'message',
    role: 'assistant',
    content: [],
    stop_reason: null,
    stop_sequence: null,
  };
  // Real message_start reports a placeholder output count of 1; the final count is in message_delta.
  if (!omitUsage) message.usage = fullUsage(answer, 1);
  const body: SseFrame[] = [ev({ type: 'message_start', message })];
  let index = 0;
  if (answer.reasoning !== '') {
    body.push(ev({ type: 'content_block_start', index, content_block: { type: 'thinking', thinking: '', signature: '' } }));
    body.push(ev({ type: 'ping' }));
    for (const r of answer.reasoningChunks) {
      body.push(ev({ type: 'content_block_delta', index, delta: { type: 'thinking_delta', thinking: r } }));
    }
    body.push(ev({ type: 'content_block_delta', index, delta: { type: 'signature_delta', signature: SIGNATURE } }));
    body.push(ev({ type: 'content_block_stop', index }));
    index++;
  }
  const withText = answer.chunks.length > 0 || answer.toolCalls.length === 0;
  if (withText) {
    body.push(ev({ type: 'content_block_start', index, content_block: { type: 'text', text: '' } }));
    if (index === 0) body.push(ev({ type: 'ping' }));
    answer.chunks.forEach((text, i) => {
      body.push(ev({ type: 'content_block_delta', index, delta: { type: 'text_delta', text } }, i));
    });
  }
  let open = withText;
  for (const c of answer.toolCalls) {
    if (open) {
      body.push(ev({ type: 'content_block_stop', index }));
      index++;
    }
    open = true;
    body.push(ev({ type: 'content_block_start', index, content_block: { type: 'tool_use', id: c.id, name: c.name, input: {} } }));
    for (const piece of c.argumentChunks) body.push(ev({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: piece } }));
  }
  const delta: Record<string, unknown> = {
    type: 'message_delta',
    delta: { stop_reason: answer.finishReason, stop_sequence: null },
  };
  if (!omitUsage) delta.usage = { ...answer.nativeUsage };
  const tail: SseFrame[] = [ev({ type: 'content_block_stop', index }), ev(delta), ev({ type: 'message_stop' })];
  return { body, tail };
}

/** The captured mid-stream overload event, including Anthropic's whitespace padding (errors.md). */
export function anthropicInBandError(error?: Record<string, unknown>): SseFrame {
  if (error !== undefined) return jsonFrame({ type: 'error', error }, 'error');
  return {
    event: 'error',
    data: '{"type":"error","error":{"details":null,"type":"overloaded_error","message":"Overloaded"}        }',
  };
}
