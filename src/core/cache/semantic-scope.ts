import { messageText } from '../model/message-text';
import { ChatRequest } from '../model/chat-request';
import { canonicalJson } from './canonical-json';
import { CacheKeyInput, KEY_VERSION, normalizeParams, sha256Hex } from './cache-key';

export type SemanticSkipReason =
  | 'disabled'
  | 'no-cache'
  | 'tools'
  | 'structured-output'
  /** Images are not embedded: two prompts about different pictures read alike. */
  | 'images'
  | 'temperature'
  | 'no-prompt'
  | 'embedding-failed';

export interface SemanticQuery extends CacheKeyInput {
  /** Code or files attached outside the messages (hashed into the partition, never embedded). */
  attachments?: readonly string[];
}

/** What a semantic lookup compares: the partition it must match exactly, and the text it embeds. */
export interface SemanticScope {
  partition: string;
  /** The final user message with fenced code removed. */
  prompt: string;
}

const FENCED_CODE = /```[\s\S]*?(?:```|$)/g;

function hasTools(request: ChatRequest): boolean {
  const r = request as ChatRequest & { tools?: unknown; tool_choice?: unknown; functions?: unknown };
  const tools = r.tools ?? r.functions;
  return (Array.isArray(tools) ? tools.length > 0 : tools !== undefined && tools !== null) || (r.tool_choice !== undefined && r.tool_choice !== null && r.tool_choice !== 'none');
}

/**
 * Why a request may not use the semantic cache, or undefined when it may.
 * Near-duplicate prompts may share an answer only when the answer is meant
 * to be the one likely text: no tools, no structured output, temperature 0.
 * An absent temperature is the provider's default (above 0).
 */
export function semanticSkipReason(request: ChatRequest): SemanticSkipReason | undefined {
  if (request.cache?.noCache === true) return 'no-cache';
  if (hasTools(request)) return 'tools';
  if (request.response_format !== undefined && request.response_format !== null && request.response_format.type !== 'text') return 'structured-output';
  if (request.messages.some((m) => m.role === 'user' && typeof m.content !== 'string' && m.content.some((p) => p.type === 'image_url'))) return 'images';
  if (request.temperature !== 0) return 'temperature';
  return undefined;
}

/**
 * Splits a query into its exact-match partition and the prompt to embed. The
 * partition covers workspace, target, deployments, account, config, every
 * parameter, the system prompt, every earlier message and any attached code
 * (including code fenced in the final message): only the final question may
 * differ between a query and its match.
 */
export function semanticScope(query: SemanticQuery): SemanticScope | undefined {
  const { messages } = query.request;
  const last = messages[messages.length - 1];
  if (last === undefined || last.role !== 'user') return undefined;
  const lastText = messageText(last);
  const code = lastText.match(FENCED_CODE) ?? [];
  const prompt = lastText.replace(FENCED_CODE, ' ').replace(/\s+/g, ' ').trim();
  if (prompt === '') return undefined;
  const system = messages.filter((m) => m.role === 'system').map((m) => messageText(m));
  const material = {
    v: KEY_VERSION,
    kind: 'semantic',
    workspace: query.workspace,
    target: query.resolvedTarget,
    deployments: query.deployments.map((d) => [d.provider, d.model]),
    account: query.accountFingerprint,
    config: query.configHash ?? '',
    params: normalizeParams(query.request, { omitMessages: true }),
    system: sha256Hex(canonicalJson(system)),
    context: sha256Hex(canonicalJson({ earlier: messages.slice(0, -1), code, attachments: query.attachments ?? [] })),
  };
  return { partition: sha256Hex(canonicalJson(material)), prompt };
}
