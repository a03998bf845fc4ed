/**
 * Serves chat answers (OpenAI or Anthropic format, JSON or SSE) and the
 * mid-stream faults that share the answer's frames: cut, malformed, in-band error.
 */
import { anthropicInBandError, anthropicJsonBody, anthropicStreamFrames } from './anthropic-format';
import { expectedAnswer, type AnswerDefaults, type ExpectedAnswer } from './expected-answer';
import { anthropicMessageId, openaiCompletionId } from './ids';
import { openaiInBandError, openaiJsonBody, openaiStreamFrames } from './openai-format';
import { destroySocket, endResponse, sendHead, sendJson, sleep, SSE_HEADERS, writePiece, type ResponseContext } from './response-io';
import { isRecord } from './is-record';
import { encodeFrame, type SseFrame } from './sse-frame';
import type { AnswerBehaviour, CutBehaviour, InBandErrorBehaviour, MalformedBehaviour } from './types';

export type ChatBehaviour = AnswerBehaviour | CutBehaviour | MalformedBehaviour | InBandErrorBehaviour;

export const DEFAULT_MALFORMED_LINE = '{"id":"chatcmpl-broken","choices":[{"delta":';


function answerFor(b: ChatBehaviour, body: unknown, ctx: ResponseContext, defaults: AnswerDefaults): ExpectedAnswer {
  if (b.kind === 'answer') return expectedAnswer(body, ctx.format, b, defaults);
  const part: Partial<AnswerBehaviour> = {};
  if (b.text !== undefined) part.text = b.text;
  if (b.chunks !== undefined) part.chunks = b.chunks;
  return expectedAnswer(body, ctx.format, part, defaults);
}

function buildFrames(ctx: ResponseContext, model: string, answer: ExpectedAnswer, body: unknown, omitUsage: boolean): { body: SseFrame[]; tail: SseFrame[] } {
  if (ctx.format === 'anthropic') return anthropicStreamFrames({ id: anthropicMessageId(), model }, answer, omitUsage);
  const opts = isRecord(body) && isRecord(body.stream_options) ? body.stream_options : {};
  const includeUsage = opts.include_usage === true;
  return openaiStreamFrames({ id: openaiCompletionId(), model, created: Math.floor(Date.now() / 1000) }, answer, includeUsage, omitUsage);
}

function jsonBodyFor(ctx: ResponseContext, model: string, answer: ExpectedAnswer, omitUsage: boolean): Record<string, unknown> {
  return ctx.format === 'anthropic'
    ? anthropicJsonBody({ id: anthropicMessageId(), model }, answer, omitUsage)
    : openaiJsonBody({ id: openaiCompletionId(), model, created: Math.floor(Date.now() / 1000) }, answer, omitUsage);
}

function inBandFrame(ctx: ResponseContext, b: InBandErrorBehaviour): SseFrame {
  return ctx.format === 'anthropic' ? anthropicInBandError(b.error) : openaiInBandError(b.error);
}

async function respondJson(ctx: ResponseContext, b: ChatBehaviour, answer: ExpectedAnswer, model: string): Promise<void> {
  const omitUsage = b.kind === 'answer' && b.omitUsage === true;
  const text = JSON.stringify(jsonBodyFor(ctx, model, answer, omitUsage));
  switch (b.kind) {
    case 'answer':
      if (!(await sleep(b.headersDelayMs ?? 0, ctx.signal))) return;
      sendJson(ctx, 200, text);
      return;
    case 'cut': {
      const bytes = Buffer.from(text, 'utf8');
      sendHead(ctx, 200, { 'content-type': 'application/json', 'content-length': String(bytes.length) });
      await writePiece(ctx, bytes.subarray(0, Math.floor(bytes.length / 2)));
      await sleep(5, ctx.signal);
      destroySocket(ctx);
      return;
    }
    case 'malformed':
      sendJson(ctx, 200, b.line ?? text.slice(0, Math.floor(text.length / 2)));
      return;
    case 'in-band-error':
      sendJson(ctx, 200, inBandFrame(ctx, b).data);
      return;
  }
}

async function writeFrames(ctx: ResponseContext, frames: SseFrame[], firstDelay: number, gap: number, startIndex: number): Promise<boolean> {
  for (let i = 0; i < frames.length; i++) {
    const frame = frames[i];
    if (frame === undefined) continue;
    const delay = startIndex + i === 0 ? firstDelay : gap;
    if (!(await sleep(delay, ctx.signal))) return false;
    if (!(await writePiece(ctx, encodeFrame(frame)))) return false;
  }
  return true;
}

async function respondStream(ctx: ResponseContext, b: ChatBehaviour, answer: ExpectedAnswer, model: string, body: unknown): Promise<void> {
  const omitUsage = b.kind === 'answer' && b.omitUsage === true;
  const { body: main, tail } = buildFrames(ctx, model, answer, body, omitUsage);
  const all = [...main, ...tail];
  const headersDelay = b.kind === 'answer' ? (b.headersDelayMs ?? 0) : 0;
  const firstDelay = b.kind === 'answer' ? (b.firstChunkDelayMs ?? 0) : 0;
  const gap = b.interChunkDelayMs ?? 0;
  if (!(await sleep(headersDelay, ctx.signal))) return;
  if (!sendHead(ctx, 200, SSE_HEADERS)) return;
  if (b.kind === 'answer') {
    if (await writeFrames(ctx, all, firstDelay, gap, 0)) endResponse(ctx);
    return;
  }
  const found = main.findIndex((f) => f.textIndex === b.afterChunks);
  const cutAt = found === -1 ? main.length : found;
  if (!(await writeFrames(ctx, all.slice(0, cutAt), firstDelay, gap, 0))) return;
  if (!(await sleep(gap, ctx.signal))) return;
  switch (b.kind) {
    case 'cut':
      // Give the kernel a moment to flush what was written, then kill the connection.
      await sleep(5, ctx.signal);
      destroySocket(ctx);
      return;
    case 'malformed': {
      if (!(await writePiece(ctx, `data: ${b.line ?? DEFAULT_MALFORMED_LINE}\n\n`))) return;
      if (b.thenContinue === true && !(await writeFrames(ctx, all.slice(cutAt), firstDelay, gap, 1))) return;
      endResponse(ctx);
      return;
    }
    case 'in-band-error':
      if (await writePiece(ctx, encodeFrame(inBandFrame(ctx, b)))) endResponse(ctx);
      return;
  }
}

/** Entry point for chat routes. */
export async function respondChat(ctx: ResponseContext, b: ChatBehaviour, body: unknown, defaults: AnswerDefaults): Promise<void> {
  const answer = answerFor(b, body, ctx, defaults);
  const model = ctx.record.model ?? (ctx.format === 'anthropic' ? 'claude-fake' : 'gpt-fake');
  if (ctx.record.stream) await respondStream(ctx, b, answer, model, body);
  else await respondJson(ctx, b, answer, model);
}
