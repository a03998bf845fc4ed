/** One header name: an HTTP token. */
const NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export type ParsedHeaders = { ok: true; headers: Record<string, string> } | { ok: false; reason: string };

/**
 * OTLP collector headers as users write them (the `OTEL_EXPORTER_OTLP_HEADERS`
 * form): `name=value` pairs separated by commas, values percent-decoded.
 */
export function parseOtlpHeaders(text: string): ParsedHeaders {
  const headers: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const pair of text.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) return { ok: false, reason: `"${pair.split('=')[0] ?? ''}" has no value; write pairs like x-api-key=VALUE, separated by commas.` };
    const name = pair.slice(0, eq).trim();
    let value: string;
    try {
      value = decodeURIComponent(pair.slice(eq + 1).trim());
    } catch {
      return { ok: false, reason: `the value of "${name}" has a broken %-escape.` };
    }
    if (!NAME.test(name)) return { ok: false, reason: `"${name}" is not a valid header name.` };
    if (/[\r\n\0]/.test(value) || value === '') return { ok: false, reason: `the value of "${name}" is empty or contains a line break.` };
    headers[name.toLowerCase()] = value;
  }
  return { ok: true, headers: { ...headers } };
}
