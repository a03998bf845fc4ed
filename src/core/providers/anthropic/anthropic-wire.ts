/**
 * Tiny readers for Anthropic wire objects. The SDK's types describe what the
 * API promises; proxies and newer API versions send more (or less), so every
 * field is read from `unknown` and checked.
 */
export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A finite number field, or undefined (null, missing and non-numbers alike). */
export function numberField(record: JsonRecord, key: string): number | undefined {
  const v = record[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function stringField(record: JsonRecord, key: string): string | undefined {
  const v = record[key];
  return typeof v === 'string' ? v : undefined;
}

export function recordField(record: JsonRecord, key: string): JsonRecord | undefined {
  const v = record[key];
  return isRecord(v) ? v : undefined;
}
