import { DeploymentConfig } from '../config/switchboard-config';
import { PriceSource } from '../model/call-record';
import { Usage } from '../model/usage';

export interface PriceQuote {
  costUsd: number | null;
  source: PriceSource;
}

export type PriceFn = (deployment: DeploymentConfig, usage: Usage) => PriceQuote;

/**
 * Prices usage with the deployment's own `price` override; each part at its
 * own rate. Without an override the price is unknown (null), never $0.
 */
export const priceFromConfig: PriceFn = (deployment, usage) => {
  const p = deployment.price;
  if (!p) return { costUsd: null, source: 'unknown' };
  const uncachedInput = Math.max(0, usage.inputTokens - usage.cacheReadTokens - usage.cacheWriteTokens);
  const cost =
    uncachedInput * p.inputPerMTok +
    usage.cacheReadTokens * (p.cacheReadPerMTok ?? p.inputPerMTok) +
    usage.cacheWriteTokens * (p.cacheWritePerMTok ?? p.inputPerMTok) +
    usage.outputTokens * p.outputPerMTok;
  return { costUsd: cost / 1_000_000, source: 'config' };
};
