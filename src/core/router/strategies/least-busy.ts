import { PickDeployment, first } from './strategy';

/** The deployment with the fewest requests in flight; ties rotate so idle ones share the load. */
export const pickLeastBusy: PickDeployment = ({ candidates, state, rotation }) => {
  const min = Math.min(...candidates.map((d) => state.of(d.id).inFlight));
  const idle = candidates.filter((d) => state.of(d.id).inFlight === min);
  if (idle.length === 1) return first(idle);
  return idle[state.nextCursor(`${rotation}#least-busy`) % idle.length] ?? first(idle);
};
