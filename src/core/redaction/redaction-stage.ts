import { ChatMessage, ChatRequest } from '../model/chat-request';
import { RequestStage } from '../orchestrator/pipeline/stage';
import { Runtime } from '../orchestrator/runtime';
import { SecretCounts, redactText } from './redact-text';

/** The user's stored keys, to find them verbatim in a prompt; a key the host will not release is skipped. */
async function storedKeys(runtime: Runtime): Promise<string[]> {
  const keys = await Promise.all(
    [...runtime.providers.entries()].filter(([, p]) => p.apiKeySecret !== undefined).map(([id]) => runtime.resolveKey(id).catch(() => undefined)),
  );
  return keys.filter((k): k is string => typeof k === 'string');
}

/** A message's content (a string, or parts with `text`) with secrets replaced. */
function redactContent(content: unknown, known: readonly string[], counts: SecretCounts): unknown {
  if (typeof content === 'string') return redactText(content, known, counts);
  if (!Array.isArray(content)) return content;
  return content.map((part: unknown) => {
    const text = (part as { text?: unknown } | null)?.text;
    return typeof text === 'string' ? { ...(part as object), text: redactText(text, known, counts) } : part;
  });
}

export function redactRequest(request: ChatRequest, known: readonly string[]): { request: ChatRequest; secrets: SecretCounts; count: number } {
  const secrets: SecretCounts = {};
  const messages = request.messages.map((m) => {
    const content = redactContent(m.content, known, secrets);
    return content === m.content ? m : ({ ...m, content } as ChatMessage);
  });
  const count = Object.values(secrets).reduce((a, b) => a + (b ?? 0), 0);
  return { request: count === 0 ? request : { ...request, messages }, secrets, count };
}

/**
 * Secret redaction before sending (S8): key-shaped strings and the user's own
 * stored keys become placeholders before any later stage (the cache key, the
 * semantic index, the provider) sees the prompt; a notice says how many and
 * which kinds. On unless `redaction.enabled` is false.
 */
export function redactionStage(): RequestStage {
  return async function* (ctx, next) {
    if (ctx.runtime.config.redaction?.enabled === false) return yield* next(ctx);
    const { request, secrets, count } = redactRequest(ctx.request, await storedKeys(ctx.runtime));
    if (count === 0) return yield* next(ctx);
    yield { type: 'attempt', notice: { kind: 'redacted', count, secrets } };
    return yield* next({ ...ctx, request });
  };
}
