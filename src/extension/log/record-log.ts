import { CallRecord } from '../../core/index';

/**
 * One log line per request: routing, tokens, cost, timing. Never the prompt,
 * the answer or any key (records carry none).
 */
export function formatRecordLine(r: CallRecord): string {
  const u = r.usage;
  const cost = r.costUsd === null ? 'cost=unknown' : `cost=$${r.costUsd.toFixed(6)}`;
  const attempts = r.attempts.map((a) => `${a.deploymentId}:${a.outcome}${a.errorKind ? `(${a.errorKind}${a.status ? ` ${a.status}` : ''})` : ''}`).join(',');
  const parts = [
    `[${r.status}]`,
    r.alias ? `alias=${r.alias}` : `model=${r.requested}`,
    `deployment=${r.deploymentId ?? '-'}`,
    `in=${u.inputTokens}${u.cacheReadTokens ? ` (cached ${u.cacheReadTokens})` : ''}`,
    `out=${u.outputTokens}${u.estimated ? ' (estimated)' : ''}`,
    cost,
    `latency=${r.endedAt - r.startedAt}ms`,
    r.ttftMs !== undefined ? `ttft=${r.ttftMs}ms` : '',
    `cache=${r.cache}`,
    `attempts=${attempts || 'none'}`,
    r.origin ? `origin=${r.origin}` : '',
    r.errorKind ? `error=${r.errorKind}` : '',
    `id=${r.id}`,
  ];
  return parts.filter(Boolean).join(' ');
}
