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
 * The longest wait any hint parses to. Servers have sent 400 nines and
 * `retry-after-ms: 1e17`; unbounded, they overflowed `new Date(...)` later
 * ("Invalid time value"). Cooldowns are capped much lower by policy
 * (`cooldown.maxCooldownMs`); this only keeps every value finite and dated.
 */
export const MAX_RETRY_HINT_MS = 7 * 86_400_000;

const bounded = (ms: number): number | undefined => (Number.isNaN(ms) ? undefined : Math.min(MAX_RETRY_HINT_MS, Math.max(0, Math.round(ms))));

/**
 * OpenAI's reset durations: "1s", "6m0s", "20ms", "1h2m3.5s".
 * @see https://platform.openai.com/docs/guides/rate-limits#rate-limits-in-headers
 */
function parseGoDuration(raw: string): number | undefined {
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/g;
  let total = 0;
  let matched = '';
  for (const m of raw.trim().matchAll(re)) {
    const n = Number(m[1]);
    const unit = m[2];
    total += unit === 'h' ? n * 3_600_000 : unit === 'm' ? n * 60_000 : unit === 's' ? n * 1000 : n;
    matched += m[0];
  }
  return matched.length > 0 && matched === raw.trim() ? bounded(total) : undefined;
}

function parseRetryAfterValue(raw: string, now: number): number | undefined {
  const trimmed = raw.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return bounded(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (!Number.isNaN(date)) return bounded(date - now);
  return undefined;
}

/** How long an explicit `retry-after-ms` or `retry-after` (seconds or HTTP date) asks to wait, in ms. */
export function parseExplicitRetryAfterMs(get: HeaderGetter, now: number = Date.now()): number | undefined {
  const ms = get('retry-after-ms');
  if (ms && /^\d+(\.\d+)?$/.test(ms.trim())) return bounded(Number(ms.trim()));
  const ra = get('retry-after');
  return ra ? parseRetryAfterValue(ra, now) : undefined;
}

/** One rate limit a provider reports: how much is left and when it resets. */
interface LimitFamily {
  remaining: string;
  reset: string;
  parse(raw: string, now: number): number | undefined;
}

const goDuration = (raw: string): number | undefined => parseGoDuration(raw);
const rfc3339 = (raw: string, now: number): number | undefined => {
  const t = Date.parse(raw);
  return Number.isNaN(t) ? undefined : bounded(t - now);
};

/**
 * @see https://platform.openai.com/docs/guides/rate-limits#rate-limits-in-headers
 * @see https://docs.anthropic.com/en/api/rate-limits#response-headers
 */
const FAMILIES: readonly LimitFamily[] = [
  ...['requests', 'tokens'].map((f) => ({ remaining: `x-ratelimit-remaining-${f}`, reset: `x-ratelimit-reset-${f}`, parse: goDuration })),
  ...['requests', 'tokens', 'input-tokens', 'output-tokens'].map((f) => ({ remaining: `anthropic-ratelimit-${f}-remaining`, reset: `anthropic-ratelimit-${f}-reset`, parse: rfc3339 })),
];

/**
 * When the exhausted rate limits reset, in ms: only the families whose
 * `remaining` is 0 count (a limit with room left is not why we were refused);
 * with no `remaining` headers at all, every reset counts. The longest wins,
 * since every exhausted limit must have reset.
 */
function parseRateLimitResetMs(get: HeaderGetter, now: number = Date.now()): number | undefined {
  const reported = FAMILIES.filter((f) => (get(f.remaining) ?? '').trim() !== '');
  const counted = reported.length > 0 ? reported.filter((f) => Number(get(f.remaining)?.trim()) === 0) : FAMILIES;
  const resets: number[] = [];
  for (const f of counted) {
    const v = get(f.reset);
    const d = v ? f.parse(v, now) : undefined;
    if (d !== undefined) resets.push(d);
  }
  return resets.length > 0 ? Math.max(...resets) : undefined;
}

/**
 * How long a rate-limited (429) request should wait, in ms: an explicit
 * `retry-after-ms` / `retry-after`, else when the exhausted limits reset.
 * Other retryable errors use `parseExplicitRetryAfterMs` alone: the reset
 * headers ride on every answer and describe the window, not the failure.
 */
export function parseRetryAfterMs(get: HeaderGetter, now: number = Date.now()): number | undefined {
  return parseExplicitRetryAfterMs(get, now) ?? parseRateLimitResetMs(get, now);
}
