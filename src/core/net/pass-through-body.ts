/** What a body guard does with each chunk of a response body. */
export interface BodyStep {
  /** Passes on what it keeps of `chunk` through `emit`; returns an error to end the body with, or nothing. */
  transform(chunk: Uint8Array, emit: (out: Uint8Array) => void): Error | undefined;
  /** At the end of the body: anything still held back. */
  flush?(emit: (out: Uint8Array) => void): void;
}

/**
 * `body` passed through `step`, one chunk pulled from it each time the reader
 * asks for one. Not `pipeThrough(new TransformStream(...))`: its pipe costs
 * about 3 µs of CPU a chunk against about 1 µs pulled (a no-op transform over
 * 50-chunk bodies), and this runs for every chunk of every streamed answer.
 * An error from the step cancels the source, so the upstream socket closes;
 * cancelling the result cancels the source.
 */
export function passThroughBody(body: ReadableStream<Uint8Array>, step: BodyStep): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let emitted = false;
        const emit = (out: Uint8Array): void => {
          emitted = true;
          controller.enqueue(out);
        };
        // A chunk can be dropped whole (an `event:` line): read on until something is passed on.
        while (!emitted) {
          let next: ReadableStreamReadResult<Uint8Array>;
          try {
            next = await reader.read();
          } catch (err) {
            controller.error(err);
            return;
          }
          if (next.done) {
            step.flush?.(emit);
            controller.close();
            return;
          }
          const refused = step.transform(next.value, emit);
          if (refused) {
            controller.error(refused);
            await reader.cancel(refused).catch(() => undefined);
            return;
          }
        }
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}
