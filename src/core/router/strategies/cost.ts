import { DeploymentConfig } from '../../config/switchboard-config';
import { PickDeployment, first } from './strategy';

/** Estimated USD of a request on a deployment; unknown prices sort last. */
function estimatedCost(d: DeploymentConfig, estimate: { inputTokens: number; outputTokens: number }): number {
  if (!d.price) return Number.POSITIVE_INFINITY;
  return (estimate.inputTokens * d.price.inputPerMTok + estimate.outputTokens * d.price.outputPerMTok) / 1_000_000;
}

/** The cheapest deployment for this request among those that fit (ties keep alias order). */
export const pickCheapest: PickDeployment = ({ candidates, estimate }) => {
  let best = first(candidates);
  let bestCost = estimatedCost(best, estimate);
  for (const d of candidates) {
    const c = estimatedCost(d, estimate);
    if (c < bestCost) {
      best = d;
      bestCost = c;
    }
  }
  return best;
};
