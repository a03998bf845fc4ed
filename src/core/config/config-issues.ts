/** One problem in a config: where (JSON path) and what to change. */
export interface ConfigIssue {
  path: string;
  message: string;
}

/** Collects problems so validation reports every one, not just the first. */
export class IssueList {
  readonly errors: ConfigIssue[] = [];
  readonly warnings: ConfigIssue[] = [];
  error(path: string, message: string): void {
    this.errors.push({ path, message });
  }
  warn(path: string, message: string): void {
    this.warnings.push({ path, message });
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `a.b`, or `a["odd key"]` when the key is not a plain identifier. */
export function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  const part = /^[A-Za-z_$][\w$-]*$/.test(key) ? key : JSON.stringify(key);
  if (base === '') return part;
  return part.startsWith('"') ? `${base}[${part}]` : `${base}.${part}`;
}

/**
 * Names that collide with what every JavaScript object already has
 * (`__proto__`, `constructor`, `toString`...). As a provider, deployment or
 * alias name they vanish (`obj["__proto__"] = …` sets the prototype) or
 * resolve to a built-in function, so they are refused.
 */
const RESERVED_NAMES: ReadonlySet<string> = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

/** Refuses a reserved name; returns false when it was one. */
export function checkName(issues: IssueList, path: string, name: string, what: string): boolean {
  if (!RESERVED_NAMES.has(name)) return true;
  issues.error(path, `"${name}" is reserved in JavaScript and cannot name a ${what}; rename it (e.g. "${name.replace(/_/g, '')}-1").`);
  return false;
}

/** Checks an optional number field; returns false if it was present and wrong. */
export function checkNumber(
  issues: IssueList,
  obj: Record<string, unknown>,
  key: string,
  path: string,
  opts: { min: number; integer?: boolean; exclusiveMin?: boolean; hint: string },
): boolean {
  const v = obj[key];
  if (v === undefined) return true;
  const p = joinPath(path, key);
  const tooSmall = typeof v === 'number' && (opts.exclusiveMin ? v <= opts.min : v < opts.min);
  if (typeof v !== 'number' || !Number.isFinite(v) || tooSmall || (opts.integer === true && !Number.isInteger(v))) {
    issues.error(p, `must be ${opts.integer ? 'an integer' : 'a number'} ${opts.exclusiveMin ? '>' : '≥'} ${opts.min}; got ${JSON.stringify(v)}. ${opts.hint}`);
    return false;
  }
  return true;
}

/** Flags keys not in `known`, suggesting the closest known one. */
export function checkUnknownKeys(issues: IssueList, obj: Record<string, unknown>, known: readonly string[], path: string): void {
  for (const key of Object.keys(obj)) {
    if (known.includes(key)) continue;
    const near = known.find((k) => k.toLowerCase() === key.toLowerCase() || k.startsWith(key) || key.startsWith(k));
    issues.error(joinPath(path, key), `is not a known setting${near ? `; did you mean "${near}"?` : `; known: ${known.join(', ')}.`}`);
  }
}
