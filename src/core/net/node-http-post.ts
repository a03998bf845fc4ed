// `http`, not `node:http`: VS Code's proxy support patches these modules by their bare names for the
// extension host (`http.proxySupport`), so a POST made here goes through the user's proxy as fetch's do.
import * as http from 'http';
import * as https from 'https';
import * as zlib from 'zlib';
import { BodyLimits } from './body-limits';
import { bodyTooLarge } from './guard-response-body';
import { isHtmlType } from './read-capped-body';

/** Where posts of one route go: the URL parsed and the headers made once, not per call. */
export interface PostTarget {
  readonly secure: boolean;
  readonly hostname: string;
  readonly port: string;
  /** Path and query. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * A route's target: `headers` as they are (lower-cased by `Headers`), plus the
 * one header undici's fetch adds that matters on the wire: `accept-encoding`
 * (fetch's `accept-language: *` and `sec-fetch-mode: cors` are a browser's and
 * are not sent; `content-length` is set by Node from the body).
 */
export function postTarget(url: string, headers: Headers): PostTarget {
  const u = new URL(url);
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new TypeError(`Only http and https URLs can be posted to, not ${u.protocol}`);
  const plain: Record<string, string> = {};
  headers.forEach((value, name) => {
    plain[name] = value;
  });
  plain['accept-encoding'] ??= 'gzip, deflate';
  // `[::1]` → `::1`: Node's `hostname` option takes the bare address.
  const hostname = u.hostname.startsWith('[') ? u.hostname.slice(1, -1) : u.hostname;
  return { secure: u.protocol === 'https:', hostname, port: u.port, path: `${u.pathname}${u.search}`, headers: plain };
}

/** How an answer came back: read by the same rules as `createSafeFetch`'s. */
export type PostAnswer =
  /** A 2xx answer that is not an HTML page, read whole (decoded, within `bodyBytes`). */
  | { readonly kind: 'ok'; readonly status: number; readonly headers: http.IncomingHttpHeaders; readonly text: string }
  /** A 2xx HTML page (a proxy or captive portal answering for the API): its first `errorBodyBytes`. */
  | { readonly kind: 'html'; readonly status: number; readonly text: string }
  /** A 3xx: never followed, its body never read. */
  | { readonly kind: 'redirect'; readonly status: number; readonly location: string | null }
  /** Any other status: the first `errorBodyBytes` of the body, the rest unread and the socket closed. */
  | { readonly kind: 'failed'; readonly status: number; readonly statusText: string; readonly headers: http.IncomingHttpHeaders; readonly text: string; readonly truncated: boolean };

/**
 * The answer's headers had arrived when this happened: the body was cut,
 * could not be decoded, or was refused as too large (`cause`). Before the
 * headers, a post rejects with the socket's own error, or a timeout, or the
 * signal's abort.
 */
export class BodyReadError extends Error {
  constructor(override readonly cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'BodyReadError';
  }
}

/** No answer's headers within the connect timeout. */
export class HeadersTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`Request timed out: no response headers within ${timeoutMs} ms`);
    this.name = 'HeadersTimeoutError';
  }
}

/** A keep-alive socket the server closed while it sat idle fails the next request on it at once, before any answer. */
const STALE_SOCKET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

/**
 * POSTs over Node's own `http`/`https`, for the calls whose answer is read
 * whole (a non-streamed chat call). Issue 15: undici's `fetch` runs a WHATWG
 * Request, Headers, Response and a web stream for every call, and in the peer
 * benchmark that machinery, fetched with cold caches, cost ~180 µs a call more
 * than this; the SDK's own call pays it too, so Switchboard's JSON calls now
 * spend less on the wire than a bare SDK call does. Streams stay on fetch
 * (the SDK parses them from a `Response`).
 *
 * Sockets are kept alive per instance (one per provider adapter), idle ones for
 * at most `idleMs` or the server's `Keep-Alive: timeout` hint, whichever is
 * shorter, and do not keep the process alive. A request whose reused socket
 * turns out closed before any answer is sent again once on a fresh socket (the
 * server never read it), as Node's documentation advises.
 */
export class NodeHttpPost {
  private agents: { http: http.Agent; https: https.Agent } | undefined;

  constructor(
    private readonly limits: BodyLimits,
    private readonly idleMs = 4_000,
  ) {}

  /** `timeoutMs`: until the answer's headers arrive; `undefined` when the signal already bounds that. */
  post(target: PostTarget, body: string, signal: AbortSignal, timeoutMs: number | undefined): Promise<PostAnswer> {
    return new Promise<PostAnswer>((resolve, reject) => {
      if (signal.aborted) return reject(abortError(signal));
      this.attempt(target, body, signal, timeoutMs, false, resolve, reject);
    });
  }

  /**
   * Closes every idle socket. A post still in flight finishes on its own (its socket then idles out
   * within `idleMs`, not keeping the process alive); a later post opens new sockets.
   */
  dispose(): void {
    const agents = this.agents;
    this.agents = undefined;
    if (agents) for (const agent of [agents.http, agents.https]) for (const sockets of Object.values(agent.freeSockets)) for (const socket of sockets ?? []) socket.destroy();
  }

  private agentsFor(): { http: http.Agent; https: https.Agent } {
    return (this.agents ??= { http: new http.Agent({ keepAlive: true, timeout: this.idleMs }), https: new https.Agent({ keepAlive: true, timeout: this.idleMs }) });
  }

  private attempt(target: PostTarget, body: string, signal: AbortSignal, timeoutMs: number | undefined, retried: boolean, resolve: (a: PostAnswer) => void, reject: (e: unknown) => void): void {
    const agents = this.agentsFor();
    const options: http.RequestOptions = { hostname: target.hostname, port: target.port, path: target.path, method: 'POST', headers: target.headers, agent: target.secure ? agents.https : agents.http };
    const req = target.secure ? https.request(options) : http.request(options);
    let settled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = (): void => {
      settled = true;
      if (timer !== undefined) clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    };
    const fail = (error: unknown): void => {
      if (settled) return;
      finish();
      req.destroy();
      reject(error);
    };
    function onAbort(): void {
      fail(abortError(signal));
    }
    signal.addEventListener('abort', onAbort);
    if (timeoutMs !== undefined) timer = setTimeout(() => fail(new HeadersTimeoutError(timeoutMs)), timeoutMs);
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (settled) return;
      if (!retried && req.reusedSocket && !signal.aborted && STALE_SOCKET_CODES.has(error.code ?? '')) {
        finish();
        this.attempt(target, body, signal, timeoutMs, true, resolve, reject);
        return;
      }
      fail(error);
    });
    req.on('response', (res) => {
      if (settled) {
        res.destroy();
        return;
      }
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      readAnswer(res, this.limits).then(
        (answer) => {
          if (settled) return;
          finish();
          resolve(answer);
        },
        (error: unknown) => fail(signal.aborted ? abortError(signal) : new BodyReadError(error)),
      );
    });
    req.end(body);
  }
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason instanceof Error ? signal.reason : new DOMException('This operation was aborted', 'AbortError');
}

function readAnswer(res: http.IncomingMessage, limits: BodyLimits): Promise<PostAnswer> {
  const status = res.statusCode ?? 0;
  const headers = res.headers;
  if (status >= 300 && status < 400) {
    res.destroy();
    return Promise.resolve({ kind: 'redirect', status, location: typeof headers.location === 'string' ? headers.location : null });
  }
  const ok = status >= 200 && status < 300;
  const html = ok && isHtmlType(headers['content-type'] ?? '');
  if (ok && !html) {
    return readBody(res, limits.bodyBytes, 'refuse').then(({ text }) => ({ kind: 'ok', status, headers, text }));
  }
  return readBody(res, limits.errorBodyBytes, 'cut').then(({ text, truncated }) =>
    html ? { kind: 'html', status, text } : { kind: 'failed', status, statusText: res.statusMessage ?? '', headers, text, truncated },
  );
}

/**
 * The body as UTF-8 text (a BOM dropped, as fetch's `text()` and `json()` do), decoded
 * from `content-encoding` as fetch would; `maxBytes` counts decoded bytes. Past it,
 * `refuse` fails the read, `cut` keeps what fits and says so. Either way the socket is closed.
 */
function readBody(res: http.IncomingMessage, maxBytes: number, past: 'refuse' | 'cut'): Promise<{ text: string; truncated: boolean }> {
  return new Promise((resolve, reject) => {
    const source = decoded(res);
    const parts: Buffer[] = [];
    let size = 0;
    let done = false;
    const end = (truncated: boolean): void => {
      if (done) return;
      done = true;
      const text = Buffer.concat(parts, Math.min(size, maxBytes)).toString('utf8');
      resolve({ text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, truncated });
    };
    const close = (): void => {
      res.destroy();
      if (source !== res) source.destroy();
    };
    const failed = (error: unknown): void => {
      if (done) return;
      done = true;
      close();
      reject(error);
    };
    source.on('data', (chunk: Buffer) => {
      if (done) return;
      const room = maxBytes - size;
      if (chunk.length <= room) {
        parts.push(chunk);
        size += chunk.length;
        return;
      }
      if (past === 'refuse') return failed(bodyTooLarge(maxBytes));
      parts.push(chunk.subarray(0, room));
      size = maxBytes;
      end(true);
      close();
    });
    source.on('end', () => end(false));
    source.on('error', failed);
    // A socket cut mid-body is an `error` ("aborted", ECONNRESET) on the response.
    if (source !== res) res.on('error', failed);
  });
}

/** The body decoded as fetch decodes it: gzip, deflate and br; anything else passes as it is. */
function decoded(res: http.IncomingMessage): NodeJS.ReadableStream & { destroy(): void } {
  const coding = (res.headers['content-encoding'] ?? '').trim().toLowerCase();
  // Lenient at the end of the data, as fetch is: a stream cut inside the last block still yields what arrived.
  const lenient = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
  let decoder: zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | undefined;
  if (coding === 'gzip' || coding === 'x-gzip') decoder = zlib.createGunzip(lenient);
  else if (coding === 'deflate') decoder = zlib.createInflate(lenient);
  else if (coding === 'br') decoder = zlib.createBrotliDecompress({ flush: zlib.constants.BROTLI_OPERATION_FLUSH, finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH });
  if (!decoder) return res;
  res.pipe(decoder);
  return decoder;
}
