import { AliasConfig, ModelFacts } from '../../core/index';

export interface ChosenDeployment {
  id: string;
  facts: ModelFacts;
}

/** One proposed alias change, shown for confirmation before it is written. */
export interface AliasProposal {
  name: 'fast' | 'smart' | 'cheap';
  deploymentId: string;
  /** The alias as it will be written (existing aliases get the deployment appended: failover across providers). */
  alias: AliasConfig;
  isNew: boolean;
  why: string;
}

/** Blended price per million tokens (output weighs more in chat); unknown prices sort last. */
function blended(f: ModelFacts): number | undefined {
  if (f.inputPerMTok === undefined || f.outputPerMTok === undefined) return undefined;
  return f.inputPerMTok + 3 * f.outputPerMTok;
}

function compare(a: ChosenDeployment, b: ChosenDeployment): number {
  const pa = blended(a.facts);
  const pb = blended(b.facts);
  if (pa !== pb) return pa === undefined ? 1 : pb === undefined ? -1 : pa - pb;
  return (a.facts.contextWindow ?? 0) - (b.facts.contextWindow ?? 0);
}

/** Fallback chain without cycles: smart → fast → cheap. */
const FALLBACKS: Record<AliasProposal['name'], AliasProposal['name'][]> = { smart: ['fast'], fast: ['cheap'], cheap: [] };

/**
 * `fast` / `smart` / `cheap` from the chosen models: the cheapest is `cheap`,
 * the dearest (ties: the larger context window) `smart`, the next-cheapest
 * `fast`. One model gives only `fast`; two give `fast` and `smart`.
 */
export function proposeAliases(chosen: readonly ChosenDeployment[], existing: Readonly<Record<string, AliasConfig>>): AliasProposal[] {
  if (chosen.length === 0) return [];
  const sorted = [...chosen].sort(compare);
  const first = sorted[0] as ChosenDeployment;
  const last = sorted[sorted.length - 1] as ChosenDeployment;
  const picks: { name: AliasProposal['name']; d: ChosenDeployment; why: string }[] = [];
  if (sorted.length >= 3) {
    picks.push({ name: 'fast', d: sorted[1] as ChosenDeployment, why: 'second-cheapest' });
    picks.push({ name: 'smart', d: last, why: 'priciest, usually the most capable' });
    picks.push({ name: 'cheap', d: first, why: 'cheapest' });
  } else if (sorted.length === 2) {
    picks.push({ name: 'fast', d: first, why: 'cheaper' });
    picks.push({ name: 'smart', d: last, why: 'priciest, usually the most capable' });
  } else {
    picks.push({ name: 'fast', d: first, why: 'your only model' });
  }
  const names = new Set([...Object.keys(existing), ...picks.map((p) => p.name)]);
  return picks.map(({ name, d, why }) => {
    const old = existing[name];
    const fallbacks = FALLBACKS[name].filter((f) => names.has(f));
    const alias: AliasConfig = old
      ? { ...old, deployments: old.deployments.includes(d.id) ? old.deployments : [...old.deployments, d.id] }
      : { deployments: [d.id], ...(fallbacks.length ? { fallbacks } : {}) };
    return { name, deploymentId: d.id, alias, isNew: old === undefined, why };
  });
}
