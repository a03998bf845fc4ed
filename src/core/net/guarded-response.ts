import { PulledBody } from './pulled-body';

/**
 * `source` (a 2xx response) with `body`, its guarded body, in place of its own: a real
 * `Response` (its status and `ok`; the source's headers and url) made with no
 * body, so no second web stream is made per streamed answer. Reading it whole
 * (`text`, `json`, `arrayBuffer`, `blob`) goes through `body` too.
 */
export function guardedResponse(source: Response, body: PulledBody): Response {
  const response = new Response(null, { status: source.status, statusText: source.statusText });
  const bytes = async (): Promise<Uint8Array> => {
    const chunks: Uint8Array[] = [];
    for await (const chunk of body) chunks.push(chunk);
    return Buffer.concat(chunks);
  };
  const text = async (): Promise<string> => new TextDecoder().decode(await bytes());
  // Own properties shadow `Response.prototype`'s getters and methods.
  Object.defineProperties(response, {
    headers: { value: source.headers },
    url: { value: source.url },
    redirected: { value: source.redirected },
    body: { value: body },
    bodyUsed: { get: () => body.locked },
    text: { value: text },
    json: { value: async (): Promise<unknown> => JSON.parse(await text()) as unknown },
    arrayBuffer: { value: async (): Promise<ArrayBuffer> => new Uint8Array(await bytes()).buffer },
    blob: { value: async (): Promise<Blob> => new Blob([new Uint8Array(await bytes())]) },
    clone: {
      value: (): never => {
        throw new TypeError('A guarded streamed response cannot be cloned.');
      },
    },
  });
  return response;
}
