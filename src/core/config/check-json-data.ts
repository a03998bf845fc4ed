import { IssueList, isRecord, joinPath } from './config-issues';

/** Deeper than any real config; deep enough nesting to overflow a recursive walker is refused. */
const MAX_DEPTH = 64;
/** Values visited before giving up (a 20k-alias config has ~100k). */
const MAX_NODES = 2_000_000;
/** Problems of this kind reported before the rest are summarised. */
const MAX_REPORTED = 20;

function kindOf(value: unknown): string | undefined {
  switch (typeof value) {
    case 'bigint':
      return `a BigInt (${String(value)}n); write a plain number`;
    case 'function':
      return 'a function; write a plain JSON value';
    case 'symbol':
      return 'a symbol; write a plain JSON value';
    case 'number':
      return Number.isFinite(value) ? undefined : `${String(value)}; write a finite number`;
    case 'object': {
      if (value === null || Array.isArray(value)) return undefined;
      const proto = Object.getPrototypeOf(value) as unknown;
      return proto === Object.prototype || proto === null ? undefined : `a ${(value as object).constructor?.name ?? 'non-plain'} object; write plain JSON`;
    }
    default:
      return undefined;
  }
}

/**
 * The config must be plain JSON data: settings always are, but a script can
 * pass anything. BigInts, functions, cycles and absurd nesting are reported
 * here, with their paths, so the validators after this (and every
 * `JSON.stringify` of the config later: cache keys, change detection) only
 * ever see JSON. Iterative: no input can overflow the stack.
 * Returns false when anything was wrong.
 */
export function checkJsonData(raw: unknown, issues: IssueList): boolean {
  let reported = 0;
  let extra = 0;
  const report = (path: string, message: string): void => {
    if (reported < MAX_REPORTED) issues.error(path, message);
    else extra++;
    reported++;
  };
  type Step = { value: unknown; path: string; depth: number } | { exit: object };
  const stack: Step[] = [{ value: raw, path: '', depth: 0 }];
  const open = new Set<object>();
  let nodes = 0;
  while (stack.length > 0) {
    const step = stack.pop() as Step;
    if ('exit' in step) {
      open.delete(step.exit);
      continue;
    }
    if (++nodes > MAX_NODES) {
      report(step.path, `the configuration has more than ${MAX_NODES} values; it cannot be a real Switchboard config.`);
      break;
    }
    const { value, path, depth } = step;
    const bad = kindOf(value);
    if (bad !== undefined) {
      report(path, `is ${bad}.`);
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (open.has(value)) {
      report(path, 'refers to itself (a cyclic object); a configuration must be plain JSON data.');
      continue;
    }
    if (depth >= MAX_DEPTH) {
      report(path, `is nested more than ${MAX_DEPTH} levels deep; a configuration is never this deep.`);
      continue;
    }
    open.add(value);
    stack.push({ exit: value });
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: joinPath(path, i), depth: depth + 1 });
    } else if (isRecord(value)) {
      const keys = Object.keys(value);
      for (let i = keys.length - 1; i >= 0; i--) {
        const k = keys[i] as string;
        stack.push({ value: value[k], path: joinPath(path, k), depth: depth + 1 });
      }
    }
  }
  if (extra > 0) issues.error('', `…and ${extra} more values that are not plain JSON.`);
  return reported === 0;
}
