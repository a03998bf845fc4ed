/**
 * Deterministic JSON for hashing: object keys sorted, `undefined` and `null`
 * members dropped (OpenAI treats `null` as "not given"), arrays kept in order.
 * Non-finite numbers are tagged rather than turned into `null`, so they never
 * collide with an absent value.
 */
/** Keys JSON.stringify would quote as they are (ASCII word characters): no call per key, it runs on every request. */
const PLAIN_KEY = /^[\w$-]*$/;

/**
 * Sorts in place in code-unit order, as `Array.prototype.sort` does for strings.
 * A request's objects have a handful of keys (a message: role, content), and
 * `sort` allocates a work copy per call: an insertion sort up to 16 keys needs none.
 */
function sortKeys(keys: string[]): void {
  if (keys.length > 16) {
    keys.sort();
    return;
  }
  for (let i = 1; i < keys.length; i++) {
    const k = keys[i] as string;
    let j = i - 1;
    while (j >= 0 && (keys[j] as string) > k) {
      keys[j + 1] = keys[j] as string;
      j--;
    }
    keys[j + 1] = k;
  }
}

export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : JSON.stringify(`\u0000nonfinite:${String(value)}`);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      break;
    default:
      return JSON.stringify(`\u0000${typeof value}:${String(value)}`);
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + canonicalJson(value[i]);
    return out + ']';
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  sortKeys(keys);
  let out = '{';
  let first = true;
  for (const k of keys) {
    const v = obj[k];
    if (v === undefined || v === null) continue;
    out += (first ? '' : ',') + (PLAIN_KEY.test(k) ? `"${k}"` : JSON.stringify(k)) + ':' + canonicalJson(v);
    first = false;
  }
  return out + '}';
}

/**
 * JSON that keeps the caller's key order. For values passed through to the
 * provider verbatim (JSON schemas, tools): with strict structured output the
 * property order of a schema is the order the model writes, so two schemas
 * differing only in order are not the same request.
 */
export function orderedJson(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}
