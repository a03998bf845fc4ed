/**
 * Executes one behaviour for one request over the real socket.
 */
import { respondChat } from './chat-responder';
import { embeddingsBody } from './embeddings';
import { resolveError } from './error-bodies';
import type { AnswerDefaults } from './expected-answer';
import { respondReplay } from './replay';
import { destroySocket, sendHead, sendJson, sleep, SSE_HEADERS, untilAborted, type ResponseContext } from './response-io';
import { isChatRoute } from './routes';
import type { Behaviour } from './types';

export interface RunOptions extends AnswerDefaults {
  embeddingDimensions: number;
}

async function respondEmbeddings(ctx: ResponseContext, b: Behaviour, body: unknown, opts: RunOptions): Promise<void> {
  const text = JSON.stringify(embeddingsBody(body, ctx.record.model ?? 'text-embedding-fake', opts.embeddingDimensions));
  switch (b.kind) {
    case 'answer':
      if (await sleep(b.headersDelayMs ?? 0, ctx.signal)) sendJson(ctx, 200, text);
      return;
    case 'cut':
      destroySocket(ctx);
      return;
    case 'malformed':
      sendJson(ctx, 200, b.line ?? text.slice(0, Math.floor(text.length / 2)));
      return;
    default:
      sendJson(ctx, 200, resolveError({ kind: 'error', preset: 'server_error' }, ctx.format, ctx.requestId).body);
  }
}

export async function runBehaviour(ctx: ResponseContext, b: Behaviour, body: unknown, opts: RunOptions): Promise<void> {
  ctx.record.behaviour = b.kind;
  switch (b.kind) {
    case 'error': {
      if (!(await sleep(b.headersDelayMs ?? 0, ctx.signal))) return;
      const e = resolveError(b, ctx.format, ctx.requestId);
      sendJson(ctx, e.status, e.body, e.headers);
      return;
    }
    case 'stall':
      if (b.phase === 'first-chunk') sendHead(ctx, 200, ctx.record.stream ? SSE_HEADERS : { 'content-type': 'application/json' });
      await untilAborted(ctx.signal);
      return;
    case 'reset':
      destroySocket(ctx);
      return;
    case 'replay':
      await respondReplay(ctx, b);
      return;
    case 'answer':
    case 'cut':
    case 'malformed':
    case 'in-band-error':
      if (isChatRoute(ctx.record.route)) await respondChat(ctx, b, body, opts);
      else await respondEmbeddings(ctx, b, body, opts);
      return;
  }
}
