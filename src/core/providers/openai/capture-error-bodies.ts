/**
 * The SDK's APIError keeps only `body.error`, so servers that put the message
 * at the top level (Mistral's `{"object":"error","message":...}`, FastAPI's
 * `{"detail":...}`) or send an array (Gemini) would lose it. This keeps the
 * whole parsed body of every non-2xx answer (as the safe fetch read it, see
 * `onErrorBody`), keyed by the response's Headers object, which the SDK hands
 * on to the APIError it builds. Not a fetch wrapper of its own: every 2xx
 * answer would pass one more async layer for nothing.
 */
export class ErrorBodyCapture {
  private readonly bodies = new WeakMap<object, unknown>();

  /** For `createSafeFetch`'s `onErrorBody`. */
  readonly keep = (response: Response, text: string): void => {
    this.bodies.set(response.headers, parseOrText(text));
  };

  /** The whole error body for the APIError carrying these headers, if `keep` was told it. Bound: every call's error context carries it. */
  readonly bodyFor = (headers: unknown): unknown => (typeof headers === 'object' && headers !== null ? this.bodies.get(headers) : undefined);
}

function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
