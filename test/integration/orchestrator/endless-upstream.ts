/** An OpenAI-format upstream on loopback that streams forever, as fast as the socket takes it, until the client hangs up. */
import * as http from 'node:http';
import { AddressInfo } from 'node:net';

export interface EndlessUpstream {
  baseUrl: string;
  /** Bodies of the requests received. */
  bodies: unknown[];
  /** Content chunks written to the socket before it closed (for the last request). */
  written: number;
  /** Resolves when the last request's socket closed, with the time it closed. */
  closed(): Promise<number>;
  close(): Promise<void>;
}

/** `chunk(i)` is the i-th piece of answer text. */
export async function startEndlessUpstream(chunk: (i: number) => string): Promise<EndlessUpstream> {
  const bodies: unknown[] = [];
  let closedAt: Promise<number> = Promise.resolve(0);
  const up: Partial<EndlessUpstream> = { bodies, written: 0 };
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (d: Buffer) => (raw += d.toString('utf8')));
    req.on('end', () => {
      bodies.push(JSON.parse(raw) as unknown);
      up.written = 0;
      closedAt = new Promise((resolve) => res.on('close', () => resolve(Date.now())));
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const frame = (delta: Record<string, unknown>): string =>
        `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta, finish_reason: null }] })}\n\n`;
      res.write(frame({ role: 'assistant', content: '' }));
      let i = 0;
      const pump = (): void => {
        while (!res.destroyed) {
          const ok = res.write(frame({ content: chunk(i) }));
          i += 1;
          up.written = i;
          if (!ok) return void res.once('drain', pump);
        }
      };
      pump();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(up, {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    closed: () => closedAt,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  }) as EndlessUpstream;
}
