/**
 * OpenAI Chat Completions bodies, shaped like `wire/openai-chat__openai-text.*`.
 * Reasoning text uses `reasoning_content` as DeepSeek/xAI/Qwen do (OpenAI itself
 * never returns reasoning text on Chat Completions).
 */
import type { ExpectedAnswer } from './expected-answer';
import { jsonFrame, type SseFrame } from './sse-frame';

export interface OpenAiMeta {
  id: string;
  model: string;
  created: number;
}

export function openaiJsonBody(meta: OpenAiMeta, answer: ExpectedAnswer, omitUsage: boolean): Record<string, unknown> {
  const message: Record<string, unknown> = { role: 'assistant', content: answer.text === '' && answer.toolCalls.length > 0 ? null : answer.text, refusal: null, annotations: [] };
  if (answer.toolCalls.length > 0) {
    message.tool_calls = answer.toolCalls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } }));
  }
  if (answer.reasoning !== '') message.reasoning_content = answer.reasoning;
  const body: Record<string, unknown> = {
    id: meta.id,
    object: 'chat.completion',
    created: meta.created,
    model: meta.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: answer.finishReason }],
  };
  if (!omitUsage) body.usage = answer.nativeUsage;
  body.service_tier = 'default';
  body.system_fingerprint = 'fp_fake0001';
  return body;
}

function chunk(meta: OpenAiMeta, choices: unknown[], withUsageField: boolean, usage: unknown = null): Record<string, unknown> {
  const c: Record<string, unknown> = {
    id: meta.id,
    object: 'chat.completion.chunk',
    created: meta.created,
    model: meta.model,
    service_tier: 'default',
    system_fingerprint: 'fp_fake0001',
    choices,
  };
  // With include_usage every chunk carries `"usage": null` until the final one.
  if (withUsageField) c.usage = usage;
  return c;
}

function deltaChoice(delta: Record<string, unknown>, finishReason: string | null = null): Record<string, unknown> {
  return { index: 0, delta, logprobs: null, finish_reason: finishReason };
}

export interface OpenAiStreamFrames {
  /** Role chunk, reasoning chunks and text chunks (text frames carry `textIndex`). */
  body: SseFrame[];
  /** Finish chunk, optional usage chunk, `[DONE]`. */
  tail: SseFrame[];
}

export function openaiStreamFrames(
  meta: OpenAiMeta,
  answer: ExpectedAnswer,
  includeUsage: boolean,
  omitUsage: boolean,
): OpenAiStreamFrames {
  const body: SseFrame[] = [jsonFrame(chunk(meta, [deltaChoice({ role: 'assistant', content: '', refusal: null })], includeUsage))];
  for (const r of answer.reasoningChunks) {
    body.push(jsonFrame(chunk(meta, [deltaChoice({ reasoning_content: r })], includeUsage)));
  }
  answer.chunks.forEach((text, i) => {
    body.push(jsonFrame(chunk(meta, [deltaChoice({ content: text })], includeUsage), undefined, i));
  });
  answer.toolCalls.forEach((c, index) => {
    // As OpenAI streams calls: id, type and name first with empty arguments, then argument pieces.
    body.push(jsonFrame(chunk(meta, [deltaChoice({ tool_calls: [{ index, id: c.id, type: 'function', function: { name: c.name, arguments: '' } }] })], includeUsage)));
    for (const piece of c.argumentChunks) {
      if (piece !== '') body.push(jsonFrame(chunk(meta, [deltaChoice({ tool_calls: [{ index, function: { arguments: piece } }] })], includeUsage)));
    }
  });
  const tail: SseFrame[] = [jsonFrame(chunk(meta, [deltaChoice({}, answer.finishReason)], includeUsage))];
  if (includeUsage && !omitUsage) tail.push(jsonFrame(chunk(meta, [], true, answer.nativeUsage)));
  tail.push({ data: '[DONE]' });
  return { body, tail };
}

/** Default in-band error payload for an OpenAI-style stream (no real capture exists; see errors.md). */
export function openaiInBandError(error?: Record<string, unknown>): SseFrame {
  return jsonFrame({
    error: error ?? {
      message: 'The server had an error while processing your request. Sorry about that!',
      type: 'server_error',
      param: null,
      code: null,
    },
  });
}
