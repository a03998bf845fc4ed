import { AttemptNotice, CallRecord } from '../../core/index';
import type { RouteAttempt, RouteInfo } from '../../protocol/chat-model';

/** The routing label's data, from the request's CallRecord (and the semantic cache's similarity). */
export function routeInfo(record: CallRecord, cacheHit?: Extract<AttemptNotice, { kind: 'cache-hit' }>): RouteInfo {
  const r: RouteInfo = {
    cache: record.cache,
    totalMs: record.endedAt - record.startedAt,
    inputTokens: record.usage.inputTokens,
    outputTokens: record.usage.outputTokens,
    cacheReadTokens: record.usage.cacheReadTokens,
    reasoningTokens: record.usage.reasoningTokens,
    estimated: record.usage.estimated,
    costUsd: record.costUsd,
    attempts: record.attempts.map((a) => {
      const out: RouteAttempt = { deploymentId: a.deploymentId, outcome: a.outcome, latencyMs: a.latencyMs };
      if (a.errorKind !== undefined) out.errorKind = a.errorKind;
      if (a.status !== undefined) out.status = a.status;
      return out;
    }),
  };
  r.alias = record.alias ?? record.requested;
  if (record.deploymentId !== undefined) r.deploymentId = record.deploymentId;
  if (record.model !== undefined) r.model = record.model;
  if (record.route) r.tier = record.route.tier;
  if (record.ttftMs !== undefined) r.ttftMs = record.ttftMs;
  if (cacheHit?.semantic && cacheHit.similarity !== undefined) r.similarity = cacheHit.similarity;
  return r;
}
