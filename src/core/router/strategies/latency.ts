import { LATENCY_TUNING } from '../../config/defaults';
import { DeploymentConfig } from '../../config/switchboard-config';
import { DeploymentStats } from '../deployment-stats';
import { pickRoundRobin } from './round-robin';
import { PickDeployment, StrategyInput, first } from './strategy';

/** Lower is better: moving averages of latency and time to first token, plus a penalty per recent failure. */
function latencyScore(stats: DeploymentStats, now: number): number {
  return (stats.ewmaLatencyMs ?? 0) + (stats.ewmaTtftMs ?? 0) + LATENCY_TUNING.failurePenaltyMs * stats.recentFailures(now);
}

function isFresh(stats: DeploymentStats, now: number): boolean {
  return stats.lastSampleAt !== undefined && now - stats.lastSampleAt < LATENCY_TUNING.staleMs;
}

/**
 * Fastest deployment by EWMA, with ε-greedy exploration. Deployments never
 * measured or not measured for 60 s are probed first (stale data decays);
 * when nothing is fresh, plain round-robin.
 */
export const pickLowestLatency: PickDeployment = (input: StrategyInput) => {
  const { candidates, state, now, random } = input;
  const fresh: DeploymentConfig[] = [];
  const unknown: DeploymentConfig[] = [];
  for (const d of candidates) (isFresh(state.of(d.id).stats, now) ? fresh : unknown).push(d);
  if (fresh.length === 0) return pickRoundRobin(input);
  if (unknown.length > 0) return first(unknown);
  if (candidates.length > 1 && random() < LATENCY_TUNING.epsilon) {
    return candidates[Math.floor(random() * candidates.length)] ?? first(candidates);
  }
  let best = first(fresh);
  let bestScore = latencyScore(state.of(best.id).stats, now);
  for (const d of fresh) {
    const s = latencyScore(state.of(d.id).stats, now);
    if (s < bestScore) {
      best = d;
      bestScore = s;
    }
  }
  return best;
};
