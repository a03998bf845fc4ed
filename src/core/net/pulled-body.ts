/** What a body guard does with each chunk of a response body. */
export interface BodyStep {
  /** Passes on what it keeps of `chunk` through `emit`; returns an error to end the body with, or nothing. */
  transform(chunk: Uint8Array, emit: (out: Uint8Array) => void): Error | undefined;
  /** At the end of the body: anything still held back. */
  flush?(emit: (out: Uint8Array) => void): void;
}

/**
 * A response body passed through `step` as an async iterable, with no web
 * stream of its own. Both provider SDKs read a streamed answer by iterating
 * `response.body` with `Symbol.asyncIterator` when it has one, and a whole
 * one through `json()`/`text()` (see `guardedResponse`); a `ReadableStream`
 * costs ~9 µs to make in Node 20 (another ~4 for the `Response` around it) and
 * a few promise turns a chunk (`pipeThrough` ~3 µs of CPU a chunk), this one
 * generator. An error from the step cancels the source, so the upstream socket
 * closes; so does a reader that stops early, or `cancel()`. `getReader()` is
 * there for any other reader: a stream is then made on demand.
 */
export class PulledBody implements AsyncIterable<Uint8Array> {
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private iterator: AsyncGenerator<Uint8Array, void, undefined> | undefined;

  constructor(
    source: ReadableStream<Uint8Array>,
    private readonly step: BodyStep,
  ) {
    this.reader = source.getReader();
  }

  /** Being (or done being) read: a body is read once. */
  get locked(): boolean {
    return this.iterator !== undefined;
  }

  [Symbol.asyncIterator](): AsyncGenerator<Uint8Array, void, undefined> {
    if (this.iterator) throw new TypeError('This response body is already being read.');
    this.iterator = pull(this.reader, this.step);
    return this.iterator;
  }

  getReader(): ReadableStreamDefaultReader<Uint8Array> {
    const chunks = this[Symbol.asyncIterator]();
    return new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          const next = await chunks.next();
          if (next.done) controller.close();
          else controller.enqueue(next.value);
        },
        cancel: async (reason) => {
          await this.cancel(reason);
        },
      },
      { highWaterMark: 0 },
    ).getReader();
  }

  /** Stops reading: the source is cancelled at once, even while a read is pending. */
  async cancel(reason?: unknown): Promise<void> {
    await this.reader.cancel(reason).catch(() => undefined);
  }
}

async function* pull(reader: ReadableStreamDefaultReader<Uint8Array>, step: BodyStep): AsyncGenerator<Uint8Array, void, undefined> {
  const out: Uint8Array[] = [];
  const emit = (chunk: Uint8Array): void => {
    out.push(chunk);
  };
  let ended = false;
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) {
        ended = true;
        step.flush?.(emit);
        break;
      }
      const refused = step.transform(next.value, emit);
      if (refused) {
        ended = true;
        await reader.cancel(refused).catch(() => undefined);
        throw refused;
      }
      // Usually the chunk itself; a chunk that was all dropped lines yields nothing and the next is read.
      for (let i = 0; i < out.length; i++) yield out[i] as Uint8Array;
      out.length = 0;
    }
    for (const chunk of out) yield chunk;
  } finally {
    // Stopped early, or the source failed: cancelling closes the upstream socket (a no-op on a failed source).
    if (!ended) await reader.cancel().catch(() => undefined);
  }
}
