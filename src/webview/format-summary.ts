import { formatCost } from '../protocol/format-usd';
import type { AnswerSummary } from '../protocol/messages';

/** One line under an answer: where it came from, tokens, cost, time. */
export function formatSummary(s: AnswerSummary): string {
  const tokens = `${s.inputTokens} in · ${s.outputTokens} out${s.estimated ? ' (estimated)' : ''}`;
  const parts = [s.deploymentId ?? 'no deployment', tokens, formatCost(s.costUsd), `${(s.latencyMs / 1000).toFixed(1)} s`];
  return parts.join(' · ');
}
