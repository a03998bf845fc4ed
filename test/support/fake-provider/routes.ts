/**
 * Maps a method + path to a provider route. Azure's deployment form
 * `/openai/deployments/{deployment}/...` speaks the OpenAI format.
 */
import type { RouteKind, WireFormat } from './types';

export interface RouteMatch {
  route: RouteKind;
  format: WireFormat;
  deployment?: string;
  /** Whether scripted behaviours apply (false for GET /v1/models and unknown paths). */
  scripted: boolean;
}

const AZURE = /^\/openai\/deployments\/([^/]+)\/(chat\/completions|embeddings)\/?$/;

export function matchRoute(method: string, pathname: string): RouteMatch {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (method === 'POST' && path === '/v1/chat/completions') return { route: 'openai-chat', format: 'openai', scripted: true };
  if (method === 'POST' && path === '/v1/embeddings') return { route: 'openai-embeddings', format: 'openai', scripted: true };
  if (method === 'POST' && path === '/v1/messages') return { route: 'anthropic-messages', format: 'anthropic', scripted: true };
  if (method === 'GET' && path === '/v1/models') return { route: 'openai-models', format: 'openai', scripted: false };
  if (method === 'GET' && path === '/api/tags') return { route: 'ollama-tags', format: 'openai', scripted: false };
  const azure = method === 'POST' ? AZURE.exec(path) : null;
  if (azure !== null && azure[1] !== undefined) {
    const route: RouteKind = azure[2] === 'embeddings' ? 'azure-embeddings' : 'azure-chat';
    return { route, format: 'openai', deployment: decodeURIComponent(azure[1]), scripted: true };
  }
  return { route: 'not-found', format: path.startsWith('/v1/messages') ? 'anthropic' : 'openai', scripted: false };
}

export function isChatRoute(route: RouteKind): boolean {
  return route === 'openai-chat' || route === 'azure-chat' || route === 'anthropic-messages';
}
