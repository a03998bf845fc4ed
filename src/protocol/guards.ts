/** Small validators for messages crossing the webview boundary (both directions treat the other side as untrusted). */

export type Parsed<T> = { ok: true; message: T } | { ok: false; reason: string };

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const MAX_ID_CHARS = 64;

/** Request, conversation and action ids: short word characters only (they end up in data attributes and map keys). */
export function isId(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= MAX_ID_CHARS && /^[\w-]+$/.test(v);
}

export function str(v: unknown, max: number): string | undefined {
  return typeof v === 'string' ? v.slice(0, max) : undefined;
}

/** A finite number or undefined: NaN and Infinity never reach the view's arithmetic. */
export function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function oneOf<T extends string>(v: unknown, allowed: readonly T[]): T | undefined {
  return typeof v === 'string' && (allowed as readonly string[]).includes(v) ? (v as T) : undefined;
}

/** Keeps the valid items of an array (up to `max`), dropping the rest. */
export function listOf<T>(v: unknown, item: (x: unknown) => T | undefined, max: number): T[] {
  if (!Array.isArray(v)) return [];
  const out: T[] = [];
  for (const x of v.slice(0, max)) {
    const parsed = item(x);
    if (parsed !== undefined) out.push(parsed);
  }
  return out;
}

export function assertNever(value: never): never {
  throw new Error(`Unhandled message: ${JSON.stringify(value)}`);
}
