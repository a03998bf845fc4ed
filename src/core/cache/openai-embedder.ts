import { isRecord } from '../config/config-issues';
import { SwitchboardError } from '../model/switchboard-error';
import { checkEndpoint } from '../net/endpoint-policy';
import { FetchFn, RedirectRefusedError, createSafeFetch } from '../net/safe-fetch';
import { mapStatusToKind } from '../providers/errors/map-status-to-kind';
import { Embedder } from './semantic-cache';

export interface OpenAIEmbedderOptions {
  /** Includes the version path, e.g. `https://api.openai.com/v1`. */
  baseUrl: string;
  apiKey?: string;
  model: string;
  fetch?: FetchFn;
  timeoutMs?: number;
  /** Shorter vectors, where the model supports it (text-embedding-3-*). */
  dimensions?: number;
}

function invalid(message: string): SwitchboardError {
  return new SwitchboardError({ kind: 'invalid_response', message: `The embeddings endpoint ${message}.` });
}

async function httpError(response: Response): Promise<SwitchboardError> {
  let providerMessage: string | undefined;
  let providerCode: string | undefined;
  try {
    const body: unknown = await response.json();
    const err = isRecord(body) && isRecord(body.error) ? body.error : undefined;
    if (typeof err?.message === 'string') providerMessage = err.message;
    const code = err?.code ?? err?.type;
    if (typeof code === 'string') providerCode = code;
  } catch {
    // A body that is not JSON adds nothing beyond the status.
  }
  const init = { kind: mapStatusToKind(response.status), message: `The embeddings endpoint answered ${response.status}.`, status: response.status };
  return new SwitchboardError({ ...init, ...(providerMessage === undefined ? {} : { providerMessage }), ...(providerCode === undefined ? {} : { providerCode }) });
}

function parseVector(body: unknown): Float32Array {
  const first = isRecord(body) && Array.isArray(body.data) ? body.data[0] : undefined;
  const emb = isRecord(first) ? first.embedding : undefined;
  if (Array.isArray(emb) && emb.length > 0 && emb.every((x): x is number => typeof x === 'number' && Number.isFinite(x))) return Float32Array.from(emb);
  if (typeof emb === 'string') {
    const bytes = Buffer.from(emb, 'base64');
    if (bytes.length > 0 && bytes.length % 4 === 0) return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
  }
  throw invalid('returned no embedding vector');
}

/**
 * An `Embedder` over an OpenAI-compatible `POST {baseUrl}/embeddings`, with a
 * timeout and errors mapped to `SwitchboardError`. Plain fetch, redirects
 * refused, so the key only goes to the configured origin.
 * @see https://platform.openai.com/docs/api-reference/embeddings/create
 */
export function createOpenAIEmbedder(options: OpenAIEmbedderOptions): Embedder {
  const endpoint = checkEndpoint(options.baseUrl);
  if (!endpoint.ok) throw new SwitchboardError({ kind: 'invalid_config', message: `The embeddings baseUrl ${endpoint.reason}` });
  const url = options.baseUrl.replace(/\/+$/, '') + '/embeddings';
  const doFetch = createSafeFetch(options.fetch ?? fetch);
  const timeoutMs = options.timeoutMs ?? 10_000;

  return async (text, signal) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const combined = signal === undefined ? timeout : AbortSignal.any([signal, timeout]);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (options.apiKey !== undefined && options.apiKey !== '') headers.authorization = `Bearer ${options.apiKey}`;
    const body: Record<string, unknown> = { model: options.model, input: text, encoding_format: 'float' };
    if (options.dimensions !== undefined) body.dimensions = options.dimensions;
    let response: Response;
    try {
      response = await doFetch(url, { method: 'POST', headers, body: JSON.stringify(body), signal: combined });
    } catch (cause) {
      if (signal?.aborted === true) throw new SwitchboardError({ kind: 'cancelled', message: 'The embeddings request was cancelled.', cause });
      if (timeout.aborted) throw new SwitchboardError({ kind: 'timeout', message: `The embeddings request took longer than ${timeoutMs} ms.`, timeoutPhase: 'deadline', cause });
      if (cause instanceof RedirectRefusedError) throw new SwitchboardError({ kind: 'invalid_config', message: cause.message, status: cause.status });
      if (SwitchboardError.isInstance(cause)) throw cause;
      throw new SwitchboardError({ kind: 'network', message: 'The embeddings endpoint could not be reached.', cause });
    }
    if (!response.ok) throw await httpError(response);
    let json: unknown;
    try {
      json = await response.json();
    } catch (cause) {
      if (timeout.aborted) throw new SwitchboardError({ kind: 'timeout', message: `The embeddings request took longer than ${timeoutMs} ms.`, timeoutPhase: 'deadline', cause });
      throw invalid('returned a body that is not JSON');
    }
    return parseVector(json);
  };
}
