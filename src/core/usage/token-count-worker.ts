import { Worker } from 'node:worker_threads';

/**
 * Counts tokens on a worker thread. Loading the tokenizer's 2.7 MB of tables
 * blocks whatever thread does it for ~0.3-0.5 s on a loaded 2-core machine;
 * on the extension host that thread is every extension's, so the tables are
 * loaded and used here instead (P5/P6: no stall over 50 ms).
 *
 * The worker's code is a string (no separate bundle entry): it requires the
 * tokenizer by the absolute path resolved here, which the bundle rewrites to
 * its `tokenizer.js` sibling (esbuild.js, `tokenizer-as-sibling`).
 */
function workerSource(): string {
  const tokenizerPath = require.resolve('gpt-tokenizer');
  return `
const { parentPort } = require('node:worker_threads');
const { countTokens } = require(${JSON.stringify(tokenizerPath)});
const options = { disallowedSpecial: new Set() };
parentPort.on('message', ({ id, pieces }) => {
  try {
    parentPort.postMessage({ id, counts: pieces.map((p) => countTokens(p, options)) });
  } catch (e) {
    parentPort.postMessage({ id, error: String(e && e.message || e) });
  }
});`;
}

type Reply = { id: number; counts: number[] } | { id: number; error: string };

/** One worker for the process, started on first use and unref'd (it never keeps the host alive). */
export class TokenCountWorker {
  private worker: Worker | undefined;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (c: number[]) => void; reject: (e: Error) => void }>();

  /** The BPE count of each piece, in order. Rejects if the worker cannot start or dies. */
  count(pieces: readonly string[]): Promise<number[]> {
    if (pieces.length === 0) return Promise.resolve([]);
    const worker = this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (this.pending.size === 1) worker.ref();
      worker.postMessage({ id, pieces });
    });
  }

  /** Ends the worker; pending counts reject (callers fall back to a character estimate). */
  dispose(): void {
    const w = this.worker;
    this.worker = undefined;
    this.failAll(new Error('token counter disposed'));
    void w?.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(workerSource(), { eval: true });
    worker.unref();
    worker.on('message', (reply: Reply) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if ('error' in reply) p.reject(new Error(reply.error));
      else p.resolve(reply.counts);
    });
    const died = (e: Error): void => {
      if (this.worker === worker) this.worker = undefined;
      this.failAll(e);
    };
    worker.on('error', died);
    worker.on('exit', (code) => died(new Error(`token counter exited (${code})`)));
    this.worker = worker;
    return worker;
  }

  private failAll(e: Error): void {
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) p.reject(e);
  }
}

/**
 * The process's counter. Module state (like the loaded tokenizer it replaces):
 * the worker is a cache of loaded tables, not application state, and is unref'd.
 */
export const tokenCountWorker = new TokenCountWorker();
