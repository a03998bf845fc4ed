import type { AnswerSummary } from '../protocol/messages';

export function formatCost(costUsd: number | null): string {
  if (costUsd === null) return 'cost unknown';
  if (costUsd === 0) return '$0';
  return costUsd < 0.01 ? `$${costUsd.toFixed(6)}` : `$${costUsd.toFixed(4)}`;
}

/** One line under an answer: where it came from, tokens, cost, time. */
export function formatSummary(s: AnswerSummary): string {
  const tokens = `${s.inputTokens} in · ${s.outputTokens} out${s.estimated ? ' (estimated)' : ''}`;
  const parts = [s.deploymentId ?? 'no deployment', tokens, formatCost(s.costUsd), `${(s.latencyMs / 1000).toFixed(1)} s`];
  return parts.join(' · ');
}
