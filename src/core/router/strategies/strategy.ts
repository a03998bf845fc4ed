import { DeploymentConfig } from '../../config/switchboard-config';
import { RandomSource } from '../../ports';
import { RouterState } from '../router-state';

/** What a strategy sees: healthy candidates (alias order, never empty) and shared state. */
export interface StrategyInput {
  candidates: readonly DeploymentConfig[];
  state: RouterState;
  /** Key of this rotation (the alias name). */
  rotation: string;
  now: number;
  random: RandomSource;
  /** Token estimate of the request, for `cost`. */
  estimate: { inputTokens: number; outputTokens: number };
  /** USD of that many tokens on a deployment (config price, else the price library); null if unknown. */
  costOf: (deployment: DeploymentConfig, estimate: { inputTokens: number; outputTokens: number }) => number | null;
}

/** Picks one deployment among the candidates. */
export type PickDeployment = (input: StrategyInput) => DeploymentConfig;

export function first(candidates: readonly DeploymentConfig[]): DeploymentConfig {
  const d = candidates[0];
  if (!d) throw new Error('a strategy was called without candidates');
  return d;
}
