import { FetchFn } from '../../net/safe-fetch';

/**
 * The SDK's APIError keeps only `body.error`, so servers that put the message
 * at the top level (Mistral's `{"object":"error","message":...}`, FastAPI's
 * `{"detail":...}`) or send an array (Gemini) would lose it. This wrapper keeps
 * the whole parsed body of every non-2xx answer, keyed by the response's
 * Headers object, which the SDK hands on to the APIError it builds.
 */
export class ErrorBodyCapture {
  private readonly bodies = new WeakMap<object, unknown>();

  wrap(base: FetchFn): FetchFn {
    const wrapped = async (input: Parameters<FetchFn>[0], init?: Parameters<FetchFn>[1]): Promise<Response> => {
      const response = await base(input, init);
      if (response.ok) return response;
      const text = await response.text();
      const copy = new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers });
      this.bodies.set(copy.headers, parseOrText(text));
      return copy;
    };
    return wrapped as FetchFn;
  }

  /** The whole error body for the APIError carrying these headers, if it came through `wrap`. */
  bodyFor(headers: unknown): unknown {
    return typeof headers === 'object' && headers !== null ? this.bodies.get(headers) : undefined;
  }
}

function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
