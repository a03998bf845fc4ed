/**
 * The model listings a provider-setup wizard calls: OpenAI's `GET /v1/models`,
 * Anthropic's `GET /v1/models` (same path, told apart by the `anthropic-version`
 * header the SDKs always send) and Ollama's `GET /api/tags`.
 * @see https://platform.openai.com/docs/api-reference/models/list
 * @see https://docs.anthropic.com/en/api/models-list
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#list-local-models
 */
import { resolveError } from './error-bodies';
import { sendJson, type ResponseContext } from './response-io';
import type { RouteKind } from './types';

export function isModelListRoute(route: RouteKind): route is 'openai-models' | 'ollama-tags' {
  return route === 'openai-models' || route === 'ollama-tags';
}

function presentedKey(headers: ResponseContext['req']['headers']): string | undefined {
  const auth = headers.authorization;
  if (typeof auth === 'string' && auth.startsWith('Bearer ')) return auth.slice('Bearer '.length);
  const x = headers['x-api-key'];
  return typeof x === 'string' ? x : undefined;
}

export function sendModelList(ctx: ResponseContext, route: 'openai-models' | 'ollama-tags', models: readonly string[], acceptedKeys: readonly string[] | undefined): void {
  const anthropic = route === 'openai-models' && ctx.req.headers['anthropic-version'] !== undefined;
  if (acceptedKeys !== undefined) {
    const key = presentedKey(ctx.req.headers);
    if (key === undefined || !acceptedKeys.includes(key)) {
      const e = resolveError({ kind: 'error', status: 401, preset: 'unauthorized' }, anthropic ? 'anthropic' : 'openai', ctx.requestId);
      sendJson(ctx, 401, e.body);
      return;
    }
  }
  if (route === 'ollama-tags') {
    const tags = models.map((name) => ({ name, model: name, modified_at: '2025-01-01T00:00:00Z', size: 4_000_000_000, digest: 'sha256:0', details: { family: 'llama', parameter_size: '8B' } }));
    sendJson(ctx, 200, { models: tags });
    return;
  }
  if (anthropic) {
    const data = models.map((id) => ({ type: 'model', id, display_name: id, created_at: '2025-01-01T00:00:00Z' }));
    sendJson(ctx, 200, { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data[data.length - 1]?.id ?? null });
    return;
  }
  const data = models.map((id) => ({ id, object: 'model', created: 1686935002, owned_by: 'system' }));
  sendJson(ctx, 200, { object: 'list', data });
}
