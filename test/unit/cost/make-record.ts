import { CallRecord } from '../../../src/core/model/call-record';

let seq = 0;

/** A plausible CallRecord; override what a test cares about. */
export function makeRecord(over: Partial<CallRecord> = {}): CallRecord {
  seq++;
  const startedAt = over.startedAt ?? Date.parse('2026-06-15T10:00:00Z');
  return {
    id: `rec-${seq}`,
    requested: 'fast',
    alias: 'fast',
    deploymentId: 'mini',
    provider: 'oa',
    model: 'gpt-4o-mini-2024-07-18',
    attempts: [{ deploymentId: 'mini', kind: 'first', outcome: 'ok', startedAt, latencyMs: 120 }],
    usage: { inputTokens: 100, outputTokens: 20, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, estimated: false },
    costUsd: 0.001,
    priceSource: 'library',
    cache: 'miss',
    status: 'ok',
    startedAt,
    endedAt: startedAt + 500,
    origin: 'chat',
    ...over,
  };
}
