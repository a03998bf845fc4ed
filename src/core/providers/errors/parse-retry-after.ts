/** Header lookup that works for fetch `Headers` and plain objects alike. */
export type HeaderGetter = (name: string) => string | null | undefined;

export function headerGetter(headers: unknown): HeaderGetter {
  if (headers && typeof (headers as Headers).get === 'function') return (n) => (headers as Headers).get(n);
  if (headers && typeof headers === 'object') {
    const lower = new Map(Object.entries(headers as Record<string, unknown>).map(([k, v]) => [k.toLowerCase(), v]));
    return (n) => {
      const v = lower.get(n.toLowerCase());
      return typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined;
    };
  }
  return () => undefined;
}

/**
 * OpenAI's reset durations: "1s", "6m0s", "20ms", "1h2m3.5s".
 * @see https://platform.openai.com/docs/guides/rate-limits#rate-limits-in-headers
 */
export function parseGoDuration(raw: string): number | undefined {
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/g;
  let total = 0;
  let matched = '';
  for (const m of raw.trim().matchAll(re)) {
    const n = Number(m[1]);
    const unit = m[2];
    total += unit === 'h' ? n * 3_600_000 : unit === 'm' ? n * 60_000 : unit === 's' ? n * 1000 : n;
    matched += m[0];
  }
  return matched.length > 0 && matched === raw.trim() ? Math.round(total) : undefined;
}

function parseRetryAfterValue(raw: string, now: number): number | undefined {
  const trimmed = raw.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (!Number.isNaN(date)) return Math.max(0, date - now);
  return undefined;
}

/**
 * How long the provider asked us to wait, in ms, from (in order of precedence)
 * `retry-after-ms`, `retry-after` (seconds or HTTP date), OpenAI's
 * `x-ratelimit-reset-requests/tokens` and Anthropic's
 * `anthropic-ratelimit-*-reset` (RFC 3339). Longest reset wins among the
 * rate-limit families, since every exhausted limit must have reset.
 * @see https://docs.anthropic.com/en/api/rate-limits#response-headers
 */
export function parseRetryAfterMs(get: HeaderGetter, now: number = Date.now()): number | undefined {
  const ms = get('retry-after-ms');
  if (ms && /^\d+(\.\d+)?$/.test(ms.trim())) return Math.round(Number(ms.trim()));
  const ra = get('retry-after');
  if (ra) {
    const v = parseRetryAfterValue(ra, now);
    if (v !== undefined) return v;
  }
  const resets: number[] = [];
  for (const name of ['x-ratelimit-reset-requests', 'x-ratelimit-reset-tokens']) {
    const v = get(name);
    const d = v ? parseGoDuration(v) : undefined;
    if (d !== undefined) resets.push(d);
  }
  for (const name of ['anthropic-ratelimit-requests-reset', 'anthropic-ratelimit-tokens-reset', 'anthropic-ratelimit-input-tokens-reset', 'anthropic-ratelimit-output-tokens-reset']) {
    const v = get(name);
    const t = v ? Date.parse(v) : NaN;
    if (!Number.isNaN(t)) resets.push(Math.max(0, t - now));
  }
  return resets.length > 0 ? Math.max(...resets) : undefined;
}
