import { DeploymentConfig } from '../config/switchboard-config';
import { Usage } from '../model/usage';
import { PriceBook } from './price-book';
import { ProviderRef } from './provider-pricing-ref';

/**
 * What a request saved against a baseline deployment: for a cache hit (actual
 * cost 0) the whole baseline cost; for an `auto` downgrade the baseline cost
 * minus what was paid. Null when either price is unknown (a guess would be worse
 * than no number). Never negative: an "upgrade" saves nothing.
 */
export function savingsUsd(
  book: PriceBook,
  baseline: { deployment: DeploymentConfig; provider: ProviderRef },
  usage: Usage,
  actualCostUsd: number | null,
): number | null {
  if (actualCostUsd === null) return null;
  const base = book.priceFor(baseline.deployment, baseline.provider, usage).costUsd;
  if (base === null) return null;
  return Math.max(0, base - actualCostUsd);
}
