import { PickDeployment, first } from './strategy';

/**
 * The cheapest deployment for this request among those that fit (ties keep
 * alias order), priced like the ledger prices it; unknown prices sort last.
 */
export const pickCheapest: PickDeployment = ({ candidates, estimate, costOf }) => {
  const estimatedCost = (d: (typeof candidates)[number]): number => costOf(d, estimate) ?? Number.POSITIVE_INFINITY;
  let best = first(candidates);
  let bestCost = estimatedCost(best);
  for (const d of candidates) {
    const c = estimatedCost(d);
    if (c < bestCost) {
      best = d;
      bestCost = c;
    }
  }
  return best;
};
