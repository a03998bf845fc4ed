import { AutoConfig } from '../../core/index';

/** Tier order from cheapest to strongest for the names Add Provider proposes. */
const LADDER: readonly { alias: string; maxScore?: number }[] = [
  { alias: 'cheap', maxScore: 2 },
  { alias: 'fast', maxScore: 4 },
  { alias: 'smart' },
];

/**
 * `auto` tiers when the user configured none: the `cheap` / `fast` / `smart`
 * aliases they have, in that order (the last one takes every request above the
 * others' caps). Undefined when none of those aliases exists.
 */
export function defaultAutoTiers(aliases: readonly string[]): AutoConfig | undefined {
  const present = LADDER.filter((t) => aliases.includes(t.alias));
  if (present.length === 0) return undefined;
  const tiers = present.map((t, i) => (i === present.length - 1 ? { alias: t.alias } : { alias: t.alias, ...(t.maxScore !== undefined ? { maxScore: t.maxScore } : {}) }));
  return { tiers };
}
