import { AutoConfig } from '../config/switchboard-config';
import { ChatRequest } from '../model/chat-request';
import { classifyComplexity } from './classify-complexity';

/** The tier `auto` chose and why, as stored in `CallRecord.route`. */
export interface AutoRoute {
  /** The alias (or deployment id) of the chosen tier. */
  tier: string;
  reason: string;
}

export const DEFAULT_AUTO_NAME = 'auto';

/** Picks the first tier whose `maxScore` holds the request's score (the last tier takes the rest). */
export function pickTier(auto: AutoConfig, request: ChatRequest): AutoRoute {
  const { score, reasons } = classifyComplexity(request);
  const tier = auto.tiers.find((t) => t.maxScore === undefined || score <= t.maxScore) ?? auto.tiers[auto.tiers.length - 1];
  if (!tier) throw new Error('validated auto config has no tiers');
  const why = reasons.length > 0 ? reasons.join(', ') : 'short plain request';
  const cap = tier.maxScore === undefined ? 'top tier' : `≤ ${tier.maxScore}`;
  return { tier: tier.alias, reason: `score ${score} (${cap}): ${why}` };
}
