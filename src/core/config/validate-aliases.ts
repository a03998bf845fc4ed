import { IssueList, checkName, checkNumber, checkUnknownKeys, isRecord, joinPath } from './config-issues';
import { AliasConfig, STRATEGIES, Strategy } from './switchboard-config';

const ALIAS_KEYS = ['deployments', 'strategy', 'fallbacks', 'contextWindowFallbacks', 'contentPolicyFallbacks', 'whenAllCooling', 'maxWaitMs', 'cache'] as const;
const FALLBACK_KEYS = ['fallbacks', 'contextWindowFallbacks', 'contentPolicyFallbacks'] as const;

/** Cycles reported before the rest are counted only. */
const MAX_CYCLES_REPORTED = 10;

/**
 * Finds fallback cycles (a → b → a). They are legal (bounded at run time) but
 * worth a warning. Iterative depth-first search: a chain of 20,000 aliases
 * overflowed the stack of the recursive version.
 */
function findCycles(aliases: Record<string, AliasConfig>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const fallbacksOf = (name: string): string[] => (Object.hasOwn(aliases, name) ? (aliases[name]?.fallbacks ?? []).filter((f) => Object.hasOwn(aliases, f)) : []);
  for (const root of Object.keys(aliases)) {
    if (state.has(root)) continue;
    // path[i] is being visited; next[i] is the index of its next fallback to follow.
    const path: string[] = [root];
    const next: number[] = [0];
    const onPath = new Map<string, number>([[root, 0]]);
    state.set(root, 'visiting');
    while (path.length > 0) {
      const top = path.length - 1;
      const name = path[top] as string;
      const outs = fallbacksOf(name);
      const i = next[top] as number;
      if (i >= outs.length) {
        state.set(name, 'done');
        onPath.delete(name);
        path.pop();
        next.pop();
        continue;
      }
      next[top] = i + 1;
      const to = outs[i] as string;
      const at = onPath.get(to);
      if (at !== undefined) {
        if (cycles.length < MAX_CYCLES_REPORTED) cycles.push([...path.slice(at), to]);
        continue;
      }
      if (state.get(to) === 'done') continue;
      state.set(to, 'visiting');
      onPath.set(to, path.length);
      path.push(to);
      next.push(0);
    }
  }
  return cycles;
}

export function validateAliases(raw: unknown, deploymentIds: Set<string>, issues: IssueList): Record<string, AliasConfig> {
  const out: Record<string, AliasConfig> = {};
  if (!isRecord(raw)) {
    issues.error('aliases', 'must be an object mapping an alias name to { deployments: [...] }.');
    return out;
  }
  const names = new Set(Object.keys(raw));
  for (const [name, value] of Object.entries(raw)) {
    const path = joinPath('aliases', name);
    if (!isRecord(value)) {
      issues.error(path, 'must be an object like { "deployments": ["mini"], "strategy": "ordered" }.');
      continue;
    }
    const before = issues.errors.length;
    checkName(issues, path, name, 'alias');
    checkUnknownKeys(issues, value, ALIAS_KEYS, path);
    if (deploymentIds.has(name)) issues.error(path, `"${name}" is also a deployment id; rename the alias or the deployment so a request's model is unambiguous.`);
    const deps = value.deployments;
    if (!Array.isArray(deps) || deps.length === 0) {
      issues.error(joinPath(path, 'deployments'), 'must be a non-empty array of deployment ids.');
    } else {
      deps.forEach((d: unknown, i: number) => {
        if (typeof d !== 'string' || !deploymentIds.has(d)) {
          const known = [...deploymentIds].map((x) => `"${x}"`).join(', ') || '(none defined)';
          issues.error(joinPath(joinPath(path, 'deployments'), i), `${JSON.stringify(d)} is not a deployment id; known: ${known}.`);
        }
      });
    }
    if (value.strategy !== undefined && !STRATEGIES.includes(value.strategy as Strategy)) {
      issues.error(joinPath(path, 'strategy'), `must be one of ${STRATEGIES.join(', ')}; got ${JSON.stringify(value.strategy)}.`);
    }
    for (const key of FALLBACK_KEYS) {
      const list = value[key];
      if (list === undefined) continue;
      if (!Array.isArray(list)) {
        issues.error(joinPath(path, key), 'must be an array of alias names.');
        continue;
      }
      list.forEach((f: unknown, i: number) => {
        const fp = joinPath(joinPath(path, key), i);
        if (typeof f !== 'string' || !names.has(f)) issues.error(fp, `${JSON.stringify(f)} is not an alias defined under "aliases".`);
        else if (f === name) issues.error(fp, `an alias cannot fall back to itself; remove "${f}".`);
      });
    }
    if (value.whenAllCooling !== undefined && value.whenAllCooling !== 'wait' && value.whenAllCooling !== 'fail') {
      issues.error(joinPath(path, 'whenAllCooling'), 'must be "wait" or "fail".');
    }
    checkNumber(issues, value, 'maxWaitMs', path, { min: 0, hint: 'Longest wait for a cooldown to end, in milliseconds.' });
    if (issues.errors.length === before) out[name] = value as unknown as AliasConfig;
  }
  for (const cycle of findCycles(out)) {
    issues.warn(joinPath(joinPath('aliases', cycle[0] ?? ''), 'fallbacks'), `fallbacks form a cycle (${(cycle.length > 8 ? [...cycle.slice(0, 4), `… ${cycle.length - 6} more …`, ...cycle.slice(-2)] : cycle).join(' → ')}); each alias is tried at most once per request.`);
  }
  return out;
}
