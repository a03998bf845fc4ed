/**
 * Low-level response writing over the real socket: every wait is cancelled by
 * the request's abort signal (client close or server close), so no timer
 * outlives a request.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RecordedRequest, WireFormat } from './types';

export interface ResponseContext {
  req: IncomingMessage;
  res: ServerResponse;
  record: RecordedRequest;
  format: WireFormat;
  requestId: string;
  /** Aborted when the response closes for any reason. */
  signal: AbortSignal;
  /** Marks a server-initiated socket destroy (not a client abort). */
  markServerDestroyed(): void;
}

/** Resolves true after `ms`, or false as soon as `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  if (ms <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

export function idHeaders(format: WireFormat, requestId: string): Record<string, string> {
  return format === 'anthropic' ? { 'request-id': requestId } : { 'x-request-id': requestId };
}

export const SSE_HEADERS: Record<string, string> = {
  'content-type': 'text/event-stream',
  'cache-control': 'no-cache',
  connection: 'keep-alive',
};

/** Writes status + headers and flushes them to the socket immediately. */
export function sendHead(ctx: ResponseContext, status: number, headers: Record<string, string>): boolean {
  if (ctx.signal.aborted || ctx.res.headersSent) return false;
  ctx.res.writeHead(status, { ...idHeaders(ctx.format, ctx.requestId), ...headers });
  ctx.res.flushHeaders();
  ctx.record.headersSentAt = Date.now();
  return true;
}

/** Writes one piece of body; waits for 'drain' under backpressure. False once aborted. */
export async function writePiece(ctx: ResponseContext, data: string | Buffer): Promise<boolean> {
  if (ctx.signal.aborted || ctx.res.destroyed) return false;
  const flushed = ctx.res.write(data);
  ctx.record.chunkWrittenAt.push(Date.now());
  if (flushed) return true;
  await new Promise<void>((resolve) => {
    const done = (): void => {
      ctx.res.off('drain', done);
      ctx.signal.removeEventListener('abort', done);
      resolve();
    };
    ctx.res.on('drain', done);
    ctx.signal.addEventListener('abort', done, { once: true });
  });
  return !ctx.signal.aborted;
}

export function endResponse(ctx: ResponseContext, data?: string | Buffer): void {
  if (ctx.signal.aborted || ctx.res.destroyed) return;
  if (data !== undefined) ctx.record.chunkWrittenAt.push(Date.now());
  ctx.res.end(data);
}

/** Sends a complete JSON (or raw) body with content-length. */
export function sendJson(ctx: ResponseContext, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body), 'utf8');
  if (!sendHead(ctx, status, { 'content-type': 'application/json', 'content-length': String(bytes.length), ...headers })) return;
  endResponse(ctx, bytes);
}

/** Destroys the TCP socket (server-initiated; not counted as a client abort). */
export function destroySocket(ctx: ResponseContext): void {
  ctx.markServerDestroyed();
  ctx.req.socket.destroy();
}
