import { Strategy } from '../../config/switchboard-config';
import { pickCheapest } from './cost';
import { pickLowestLatency } from './latency';
import { pickLeastBusy } from './least-busy';
import { pickOrdered } from './ordered';
import { pickRoundRobin } from './round-robin';
import { PickDeployment } from './strategy';
import { pickWeighted } from './weighted';

const STRATEGY_PICKERS: Record<Strategy, PickDeployment> = {
  ordered: pickOrdered,
  'round-robin': pickRoundRobin,
  weighted: pickWeighted,
  'least-busy': pickLeastBusy,
  latency: pickLowestLatency,
  cost: pickCheapest,
};

export function strategyPicker(strategy: Strategy | undefined): PickDeployment {
  return STRATEGY_PICKERS[strategy ?? 'ordered'];
}
