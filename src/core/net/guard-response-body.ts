import { SwitchboardError } from '../model/switchboard-error';

function tooLarge(what: string): SwitchboardError {
  return new SwitchboardError({ kind: 'invalid_response', retryable: false, message: `The provider sent ${what}; it was refused and the connection closed.` });
}

export interface SseGuardOptions {
  maxEventChars: number;
  /**
   * Drop `event:` lines. Chat Completions never sends them; the openai SDK
   * treats `event: thread.*` specially and prints raw payloads with
   * `console.error` when they are not JSON, whatever its log level.
   */
  dropEventLines: boolean;
}

/**
 * An SSE body passed through line by line, refusing an event longer than
 * `maxEventChars` (a stream that never sends a line break would otherwise be
 * buffered whole by the SDK's decoder). Only complete lines are forwarded; the
 * SDK dispatches nothing before a line ends, so this adds no latency.
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 */
export function guardSseBody(body: ReadableStream<Uint8Array>, opts: SseGuardOptions): ReadableStream<Uint8Array> {
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let partial = '';
  let eventChars = 0;
  const forward = (line: string): boolean => !(opts.dropEventLines && line.startsWith('event:'));
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        const text = partial + decoder.decode(chunk, { stream: true });
        // A trailing `\r` may be the first half of `\r\n`: it waits for the next chunk.
        const breaks = /\r\n|\n|\r(?!$)/g;
        let out = '';
        let start = 0;
        for (let m = breaks.exec(text); m !== null; m = breaks.exec(text)) {
          const line = text.slice(start, m.index);
          const end = m.index + m[0].length;
          eventChars = line === '' ? 0 : eventChars + line.length;
          if (forward(line)) out += text.slice(start, end);
          start = end;
        }
        partial = text.slice(start);
        if (eventChars + partial.length > opts.maxEventChars) {
          controller.error(tooLarge(`a stream event longer than ${opts.maxEventChars} characters`));
          return;
        }
        if (out !== '') controller.enqueue(encoder.encode(out));
      },
      flush(controller) {
        partial += decoder.decode();
        if (partial !== '' && forward(partial)) controller.enqueue(encoder.encode(partial));
      },
    }),
  );
}

/** A body passed through unchanged, refused past `maxBytes`. */
export function guardBodySize(body: ReadableStream<Uint8Array>, maxBytes: number): ReadableStream<Uint8Array> {
  let size = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        size += chunk.length;
        if (size > maxBytes) controller.error(tooLarge(`a response body larger than ${Math.round(maxBytes / 1048576)} MB`));
        else controller.enqueue(chunk);
      },
    }),
  );
}
