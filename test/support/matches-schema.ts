/**
 * A small JSON Schema check for tests (type, properties, required,
 * additionalProperties: false, items, enum): returns what does not match.
 * Written here so the product's code plays no part in judging its output.
 */
type Schema = Record<string, unknown>;

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

export function schemaMismatches(value: unknown, schema: Schema, path = '$'): string[] {
  const out: string[] = [];
  const t = typeOf(value);
  if (typeof schema.type === 'string' && !(schema.type === t || (schema.type === 'number' && t === 'integer'))) return [`${path}: expected ${schema.type}, got ${t}`];
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) out.push(`${path}: not one of ${JSON.stringify(schema.enum)}`);
  if (t === 'object') {
    const obj = value as Record<string, unknown>;
    const props = (schema.properties ?? {}) as Record<string, Schema>;
    for (const r of (schema.required ?? []) as string[]) if (!(r in obj)) out.push(`${path}.${r}: missing`);
    for (const [k, v] of Object.entries(obj)) {
      const p = props[k];
      if (p) out.push(...schemaMismatches(v, p, `${path}.${k}`));
      else if (schema.additionalProperties === false) out.push(`${path}.${k}: not allowed`);
    }
  }
  if (t === 'array' && schema.items) (value as unknown[]).forEach((v, i) => out.push(...schemaMismatches(v, schema.items as Schema, `${path}[${i}]`)));
  return out;
}
