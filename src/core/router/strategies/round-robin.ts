import { PickDeployment, first } from './strategy';

/** Each request takes the next healthy deployment in turn. */
export const pickRoundRobin: PickDeployment = ({ candidates, state, rotation }) => {
  const n = state.nextCursor(rotation);
  return candidates[n % candidates.length] ?? first(candidates);
};
