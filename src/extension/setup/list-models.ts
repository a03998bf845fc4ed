import { ProviderChoice } from './provider-choices';

/** What asking a provider for its models told us: also the key check's verdict. */
export type ModelListing =
  | { kind: 'ok'; models: string[] }
  /** 401/403: the key was refused. */
  | { kind: 'invalid'; status: number; message: string }
  /** No answer, a redirect, a 5xx or a body we cannot read. */
  | { kind: 'unreachable'; message: string }
  /** The server answered but has no model list (404): the key could not be checked this way. */
  | { kind: 'unlisted'; status: number };

export interface ListModelsInput {
  listing: ProviderChoice['listing'];
  baseUrl: string;
  key: string | undefined;
  fetchFn?: typeof fetch;
  timeoutMs?: number;
}

/** Where each API lists its models. @see https://docs.anthropic.com/en/api/models-list @see https://github.com/ollama/ollama/blob/main/docs/api.md#list-local-models */
function listingUrl(listing: 'openai' | 'anthropic' | 'ollama', baseUrl: string): string {
  const base = baseUrl.replace(/\/+$/, '');
  if (listing === 'anthropic') return `${base}/v1/models?limit=1000`;
  if (listing === 'ollama') return `${new URL(base).origin}/api/tags`;
  return `${base}/models`;
}

function headersFor(listing: 'openai' | 'anthropic' | 'ollama', key: string | undefined): Record<string, string> {
  if (listing === 'anthropic') return { 'anthropic-version': '2023-06-01', ...(key ? { 'x-api-key': key } : {}) };
  return key ? { authorization: `Bearer ${key}` } : {};
}

function idsOf(listing: 'openai' | 'anthropic' | 'ollama', body: unknown): string[] | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const list = listing === 'ollama' ? (body as { models?: unknown }).models : (body as { data?: unknown }).data;
  if (!Array.isArray(list)) return undefined;
  const field = listing === 'ollama' ? 'name' : 'id';
  const ids = list.map((m: unknown) => (typeof m === 'object' && m !== null ? (m as Record<string, unknown>)[field] : undefined)).filter((id): id is string => typeof id === 'string' && id !== '');
  return [...new Set(ids)].sort();
}

function providerMessage(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const err = (body as { error?: unknown }).error;
  if (typeof err === 'string') return err;
  if (typeof err === 'object' && err !== null && typeof (err as { message?: unknown }).message === 'string') return (err as { message: string }).message;
  return undefined;
}

/**
 * The cheapest authenticated call there is: the model list. Redirects are not
 * followed (the key would go along); nothing here ever includes the key in a message.
 */
export async function listModels(input: ListModelsInput): Promise<ModelListing> {
  const result = await ask(input);
  // Some APIs echo part of a refused key in their message; none of it leaves here.
  const key = input.key;
  if (!key || result.kind === 'ok' || result.kind === 'unlisted') return result;
  return { ...result, message: result.message.split(key).join('***') };
}

async function ask(input: ListModelsInput): Promise<ModelListing> {
  if (input.listing === 'none') return { kind: 'unlisted', status: 0 };
  const fetchFn = input.fetchFn ?? fetch;
  let url: string;
  try {
    url = listingUrl(input.listing, input.baseUrl);
  } catch {
    return { kind: 'unreachable', message: `"${input.baseUrl}" is not a valid URL.` };
  }
  let res: Response;
  try {
    res = await fetchFn(url, { headers: headersFor(input.listing, input.key), redirect: 'manual', signal: AbortSignal.timeout(input.timeoutMs ?? 10_000) });
  } catch (err) {
    const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : err instanceof Error ? err.message : String(err);
    return { kind: 'unreachable', message: `no answer from ${new URL(url).origin} (${cause}).` };
  }
  const text = await res.text().catch(() => '');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (res.status === 401 || res.status === 403) return { kind: 'invalid', status: res.status, message: providerMessage(body) ?? `HTTP ${res.status}` };
  if (res.status === 404) return { kind: 'unlisted', status: 404 };
  if (res.status >= 300 && res.status < 400) return { kind: 'unreachable', message: `the server redirects (HTTP ${res.status}); redirects are refused so the key never goes elsewhere. Check the base URL.` };
  if (!res.ok) return { kind: 'unreachable', message: `HTTP ${res.status}${providerMessage(body) ? `: ${providerMessage(body)}` : ''}` };
  const models = idsOf(input.listing, body);
  if (models === undefined) return { kind: 'unreachable', message: 'the model list came back in a shape this API does not use; is the base URL right?' };
  return { kind: 'ok', models };
}
