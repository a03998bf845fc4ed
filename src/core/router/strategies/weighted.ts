import { PickDeployment, first } from './strategy';

/** Random pick in proportion to each deployment's `weight` (default 1). */
export const pickWeighted: PickDeployment = ({ candidates, random }) => {
  const total = candidates.reduce((sum, d) => sum + (d.weight ?? 1), 0);
  let r = random() * total;
  for (const d of candidates) {
    r -= d.weight ?? 1;
    if (r < 0) return d;
  }
  return candidates[candidates.length - 1] ?? first(candidates);
};
