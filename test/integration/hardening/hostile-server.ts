/**
 * A loopback HTTP server whose every answer is written by the test: huge error
 * pages, redirects carrying keys, endless SSE lines, absurd Retry-After values.
 * The fake provider speaks the wire formats faithfully; this one misbehaves on
 * purpose, over real sockets, and counts what it managed to send.
 */
import { IncomingMessage, ServerResponse, createServer } from 'node:http';
import { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export type HostileHandler = (req: SeenRequest, res: ServerResponse) => unknown;

export interface HostileServer {
  origin: string;
  /** For `openai` / `openai-compatible` providers (the SDK base URL includes /v1). */
  openaiBaseUrl: string;
  /** For `anthropic` providers (the SDK adds /v1/messages). */
  anthropicBaseUrl: string;
  requests: SeenRequest[];
  /** Bytes of response bodies the server got onto the socket (what the client could read). */
  bytesWritten(): number;
  /** Answers every following request (until replaced). */
  handle(handler: HostileHandler): void;
  close(): Promise<void>;
}

export async function startHostileServer(): Promise<HostileServer> {
  let handler: HostileHandler = (_req, res) => {
    res.writeHead(500).end('no handler');
  };
  const requests: SeenRequest[] = [];
  let written = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const seen: SeenRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(seen);
      const write = res.write.bind(res) as (chunk: string | Buffer, cb?: (err?: Error | null) => void) => boolean;
      res.write = ((chunk: string | Buffer, ...rest: unknown[]) => {
        written += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
        return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof res.write;
      void Promise.resolve(handler(seen, res)).catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    openaiBaseUrl: `${origin}/v1`,
    anthropicBaseUrl: origin,
    requests,
    bytesWritten: () => written,
    handle: (h) => {
      handler = h;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Writes `totalBytes` of `piece` repeated, respecting back-pressure, and stops
 * as soon as the client goes away (so "bytes written" is what the client took).
 */
export async function writeRepeated(res: ServerResponse, piece: string, totalBytes: number): Promise<void> {
  const buf = Buffer.from(piece.repeat(Math.max(1, Math.floor(65536 / piece.length))));
  let sent = 0;
  while (sent < totalBytes && !res.destroyed && res.writable) {
    const slice = buf.subarray(0, Math.min(buf.length, totalBytes - sent));
    sent += slice.length;
    if (!res.write(slice)) {
      const drained = await new Promise<boolean>((resolve) => {
        const done = (ok: boolean) => () => {
          res.off('drain', onDrain);
          res.off('close', onClose);
          resolve(ok);
        };
        const onDrain = done(true);
        const onClose = done(false);
        res.once('drain', onDrain);
        res.once('close', onClose);
      });
      if (!drained) return;
    }
  }
  if (!res.destroyed) res.end();
}
