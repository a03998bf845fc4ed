/**
 * The line under an answer that says which model answered, how and for how much,
 * and the attempt list it expands into. Pure text from the RouteInfo.
 */
import { formatCost } from '../../protocol/format-usd';
import type { RouteAttempt, RouteInfo } from '../../protocol/chat-model';

function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** "429", or the error kind in words when there was no HTTP status. */
function failure(a: RouteAttempt): string {
  if (a.status !== undefined) return String(a.status);
  return (a.errorKind ?? 'error').replace(/_/g, ' ');
}

export function routeLabel(r: RouteInfo): string {
  const parts: string[] = [];
  const tried = [...new Set(r.attempts.map((a) => a.deploymentId))];
  // Nothing answered: say what was tried, or that the request never left (budget, config).
  const target = r.deploymentId ? `${r.deploymentId}${r.model && r.model !== r.deploymentId ? ` (${r.model})` : ''}` : tried.length ? `tried ${tried.join(', ')}` : 'not sent';
  parts.push(r.alias && r.alias !== r.deploymentId ? `${r.alias} → ${r.tier ? `${r.tier} → ` : ''}${target}` : target);
  const served = r.attempts.findIndex((a) => a.outcome === 'ok');
  const failed = r.attempts.slice(0, served === -1 ? r.attempts.length : served).filter((a) => a.outcome === 'error');
  const last = failed[failed.length - 1];
  if (served > 0 && last) parts.push(`${last.deploymentId === r.deploymentId ? 'retried after' : 'fallback after'} ${last.deploymentId} ${failure(last)}`);
  if (r.cache === 'hit') parts.push('cache hit');
  if (r.cache === 'semantic-hit') parts.push(`semantic hit ${(r.similarity ?? 0).toFixed(2)}`);
  if (r.ttftMs !== undefined) parts.push(`first token ${seconds(r.ttftMs)}`);
  parts.push(`total ${seconds(r.totalMs)}`);
  const spent = r.inputTokens + r.outputTokens > 0;
  if (spent) {
    const input = `${r.inputTokens} in${r.cacheReadTokens ? ` (${r.cacheReadTokens} cached)` : ''}`;
    const output = `${r.outputTokens} out${r.reasoningTokens ? ` (${r.reasoningTokens} reasoning)` : ''}`;
    parts.push(`${input} · ${output}${r.estimated ? ' (estimated)' : ''}`);
  }
  // Cost only where there was any: a failed request that used nothing shows no "$0.00".
  if (r.costUsd !== null && r.costUsd > 0) parts.push(`${formatCost(r.costUsd)}${r.estimated ? ' estimated' : ''}`);
  else if (r.costUsd === null && spent) parts.push('cost unknown (no price for this model)');
  return parts.join(' · ');
}

export function attemptLine(a: RouteAttempt, index: number): string {
  const outcome = a.outcome === 'ok' ? 'answered' : a.outcome === 'cancelled' ? 'stopped' : `failed: ${(a.errorKind ?? 'error').replace(/_/g, ' ')}${a.status !== undefined ? ` (HTTP ${a.status})` : ''}`;
  return `${index + 1}. ${a.deploymentId} — ${outcome} · ${seconds(a.latencyMs)}`;
}
