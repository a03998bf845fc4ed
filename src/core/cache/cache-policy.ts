import { RecordStatus } from '../model/call-record';
import { ChatRequest } from '../model/chat-request';
import { FinishReason } from '../model/finish-reason';
import { EffectiveAliasPolicy } from './cache-config';

export type StoreDecision = { store: true; ttlMs: number } | { store: false; reason: StoreSkipReason };

export type StoreSkipReason =
  | 'disabled'
  | 'not-ok'
  | 'incomplete-finish'
  | 'no-store'
  | 'non-deterministic';

export type LookupDecision = { lookup: true; maxAgeMs?: number } | { lookup: false; reason: 'disabled' | 'no-cache' };

/** Temperature 0 or a fixed seed; an absent temperature means the provider's default (not 0). */
export function isDeterministic(request: ChatRequest): boolean {
  return request.temperature === 0 || (request.seed !== undefined && request.seed !== null);
}

/**
 * Whether to look the request up. `cache.ttlMs` also bounds the age of an
 * answer the caller accepts. A skipped lookup is recorded as `cache: 'bypass'`.
 */
export function shouldLookup(request: ChatRequest, policy: Pick<EffectiveAliasPolicy, 'exact'>): LookupDecision {
  if (!policy.exact) return { lookup: false, reason: 'disabled' };
  if (request.cache?.noCache === true) return { lookup: false, reason: 'no-cache' };
  const ttl = request.cache?.ttlMs;
  return ttl !== undefined && ttl > 0 ? { lookup: true, maxAgeMs: ttl } : { lookup: true };
}

/**
 * Only complete answers are stored: status `ok` and a natural finish (`stop`,
 * or `length` at the requested max_tokens, which is part of the key). Errors,
 * cancellations, partial streams, tool calls and filtered answers never are.
 */
export function shouldStore(
  recordStatus: RecordStatus,
  finishReason: FinishReason | undefined,
  request: ChatRequest,
  aliasPolicy: Pick<EffectiveAliasPolicy, 'exact' | 'storeNonDeterministic' | 'ttlMs'>,
): StoreDecision {
  if (!aliasPolicy.exact) return { store: false, reason: 'disabled' };
  if (recordStatus !== 'ok') return { store: false, reason: 'not-ok' };
  const finish = finishReason?.unified;
  if (finish !== 'stop' && finish !== 'length') return { store: false, reason: 'incomplete-finish' };
  const controls = request.cache;
  if (controls?.noStore === true || controls?.ttlMs === 0) return { store: false, reason: 'no-store' };
  if (!isDeterministic(request) && !aliasPolicy.storeNonDeterministic) return { store: false, reason: 'non-deterministic' };
  const ttlMs = controls?.ttlMs !== undefined && controls.ttlMs > 0 ? controls.ttlMs : aliasPolicy.ttlMs;
  return { store: true, ttlMs };
}
