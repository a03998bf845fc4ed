import { ChatMessage, ChatRequest } from '../model/chat-request';
import { MaybePromise, isPromiseLike } from '../model/maybe-promise';
import { prefixed, whenReady } from '../orchestrator/pipeline/runs';
import { RequestStage, StageRun } from '../orchestrator/pipeline/stage';
import { Runtime } from '../orchestrator/runtime';
import { ResolvedTarget } from '../router/resolve-target';
import { SecretCounts, redactText } from './redact-text';

/**
 * The user's keys to look for verbatim: those of the providers this request may
 * reach (resolved for sending anyway; no other secret is asked for), plus every
 * key the host has seen this session.
 */
function storedKeys(runtime: Runtime, target: ResolvedTarget, known: () => readonly string[]): MaybePromise<string[]> {
  const providers = new Set((target.kind === 'alias' ? target.deployments : [target.deployment]).map((d) => d.provider));
  const keys = [...providers].map((id) => runtime.resolveKey(id));
  const found = (all: readonly (string | undefined)[]): string[] => [...all.filter((k): k is string => typeof k === 'string'), ...known()];
  // Keys the host has at hand: no promise turn. A refused key is simply not looked for.
  if (!keys.some(isPromiseLike)) return found(keys as (string | undefined)[]);
  return Promise.all(keys.map((k) => Promise.resolve(k).catch(() => undefined))).then(found);
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
export function redactionStage(knownSecrets: () => readonly string[] = () => []): RequestStage {
  // Not a generator: once the keys are in, the rest of the pipeline runs with no layer of ours.
  return (ctx, next) => {
    if (ctx.runtime.config.redaction?.enabled === false) return next(ctx);
    const redacted = (keys: readonly string[]): StageRun => {
      const { request, secrets, count } = redactRequest(ctx.request, keys);
      if (count === 0) return next(ctx);
      return prefixed([{ type: 'attempt', notice: { kind: 'redacted', count, secrets } }], () => next({ ...ctx, request }));
    };
    return whenReady(() => storedKeys(ctx.runtime, ctx.target, knownSecrets), redacted);
  };
}
