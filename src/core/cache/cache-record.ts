import { CallRecord } from '../model/call-record';
import { ChatRequest } from '../model/chat-request';
import { ZERO_USAGE } from '../model/usage';
import { CacheTags, CachedAnswer, summarizeRequest } from './cache-entry';

/** Builds the entry to store from a finished record and the streamed text. */
export function cachedAnswerFromRecord(input: {
  record: CallRecord;
  content: string;
  reasoning?: string;
  /** Lengths of the streamed text / reasoning events, in order. */
  chunks?: { text: readonly number[]; reasoning: readonly number[] };
  request: ChatRequest;
  tags: CacheTags;
  now: number;
}): CachedAnswer | undefined {
  const { record } = input;
  if (record.deploymentId === undefined || record.finishReason === undefined) return undefined;
  const entry: CachedAnswer = {
    content: input.content,
    usage: { ...record.usage },
    finishReason: { ...record.finishReason },
    deploymentId: record.deploymentId,
    model: record.model ?? record.deploymentId,
    costUsd: record.costUsd,
    createdAt: input.now,
    request: summarizeRequest(input.request),
    tags: { ...input.tags },
  };
  if (input.reasoning !== undefined && input.reasoning !== '') entry.reasoning = input.reasoning;
  const sum = (a: readonly number[]): number => a.reduce((t, n) => t + n, 0);
  if (input.chunks && input.chunks.text.length > 0 && sum(input.chunks.text) === input.content.length) entry.textChunks = [...input.chunks.text];
  if (input.chunks && entry.reasoning !== undefined && input.chunks.reasoning.length > 0 && sum(input.chunks.reasoning) === entry.reasoning.length) entry.reasoningChunks = [...input.chunks.reasoning];
  if (record.provider !== undefined) entry.provider = record.provider;
  return entry;
}

/** Audit details of a semantic hit, for the record's consumer to show and regenerate. */
export interface SemanticHitAudit {
  similarity: number;
  matchedPrompt: string;
}

/**
 * The CallRecord fields a cache hit sets. A hit costs nothing and uses no
 * provider tokens; what the original call cost is `savedUsd`.
 */
export function cacheHitRecordFields(
  entry: CachedAnswer,
  kind: 'hit' | 'semantic-hit',
): Pick<CallRecord, 'cache' | 'status' | 'usage' | 'costUsd' | 'priceSource' | 'deploymentId' | 'model' | 'finishReason' | 'attempts'> &
  Partial<Pick<CallRecord, 'savedUsd' | 'provider'>> {
  const fields: ReturnType<typeof cacheHitRecordFields> = {
    cache: kind,
    status: 'ok',
    usage: { ...ZERO_USAGE },
    costUsd: 0,
    priceSource: 'free',
    deploymentId: entry.deploymentId,
    model: entry.model,
    finishReason: { ...entry.finishReason },
    attempts: [],
  };
  if (entry.costUsd !== null) fields.savedUsd = entry.costUsd;
  if (entry.provider !== undefined) fields.provider = entry.provider;
  return fields;
}
