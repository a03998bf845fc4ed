import { IssueList, checkNumber, checkUnknownKeys, isRecord, joinPath } from './config-issues';

/**
 * Checks `auto`: `{ name?, tiers: [{ alias, maxScore? }, ..., { alias }] }`.
 * Tiers go from cheapest to strongest; caps must rise; the last tier takes the rest.
 */
export function validateAuto(raw: unknown, aliasNames: Set<string>, deploymentIds: Set<string>, issues: IssueList): void {
  if (raw === undefined) return;
  if (!isRecord(raw)) return issues.error('auto', 'must be an object like { "tiers": [{ "alias": "cheap", "maxScore": 3 }, { "alias": "smart" }] }.');
  checkUnknownKeys(issues, raw, ['name', 'tiers'], 'auto');
  if (raw.name !== undefined && (typeof raw.name !== 'string' || raw.name.trim() === '')) issues.error('auto.name', 'must be a non-empty model name, e.g. "auto".');
  const tiers = raw.tiers;
  if (!Array.isArray(tiers) || tiers.length === 0) {
    return issues.error('auto.tiers', 'must be a non-empty array like [{ "alias": "cheap", "maxScore": 3 }, { "alias": "smart" }].');
  }
  let lastCap = -Infinity;
  tiers.forEach((tier: unknown, i: number) => {
    const path = joinPath('auto.tiers', i);
    if (!isRecord(tier)) return issues.error(path, 'must be { "alias": name, "maxScore"?: number }.');
    checkUnknownKeys(issues, tier, ['alias', 'maxScore'], path);
    if (typeof tier.alias !== 'string' || (!aliasNames.has(tier.alias) && !deploymentIds.has(tier.alias))) {
      issues.error(joinPath(path, 'alias'), `${JSON.stringify(tier.alias)} is not an alias or deployment id; add it under "aliases" or pick one of ${[...aliasNames].join(', ') || '(none)'}.`);
    }
    const isLast = i === tiers.length - 1;
    if (tier.maxScore === undefined) {
      if (!isLast) issues.error(joinPath(path, 'maxScore'), 'is required on every tier but the last (the last takes every higher score).');
      return;
    }
    if (!checkNumber(issues, tier, 'maxScore', path, { min: 0, hint: 'Highest complexity score for this tier, e.g. 3.' })) return;
    const cap = tier.maxScore as number;
    if (cap <= lastCap) issues.error(joinPath(path, 'maxScore'), `must be greater than the previous tier's (${lastCap}); order tiers from cheapest to strongest.`);
    lastCap = cap;
  });
}
