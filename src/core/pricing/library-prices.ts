import { calcPrice, type ModelInfo, type ModelPrice } from '@pydantic/genai-prices';
import { PriceRates, Rate } from './price-types';

/** How to find a provider in the library: by id, or by the API base URL its `api_pattern` matches. */
export interface LibraryProviderRef {
  providerId?: string;
  providerApiUrl?: string;
}

export interface LibraryModel {
  providerId: string;
  model: ModelInfo;
}

const MAX_MEMO = 1000;

/**
 * Resolves a provider-side model name to the library's model entry, once per
 * (provider, model): the library's matcher walks every model's match rules
 * (~10–30 µs), far too slow to repeat per request. Only the bundled data is
 * used; `updatePrices` (remote fetch) is never called.
 * @see https://github.com/pydantic/genai-prices/tree/main/packages/js#calcprice
 */
export function createLibraryModelResolver(): (ref: LibraryProviderRef, modelName: string) => LibraryModel | undefined {
  const memo = new Map<string, LibraryModel | null>();
  return (ref, modelName) => {
    const key = `${ref.providerId ?? ''}\u0000${ref.providerApiUrl ?? ''}\u0000${modelName}`;
    const hit = memo.get(key);
    if (hit !== undefined) return hit ?? undefined;
    if (memo.size >= MAX_MEMO) memo.clear();
    let found: LibraryModel | null = null;
    if (ref.providerId !== undefined || ref.providerApiUrl !== undefined) {
      const opts = ref.providerId !== undefined ? { providerId: ref.providerId } : { providerApiUrl: ref.providerApiUrl ?? '' };
      try {
        const r = calcPrice({ input_tokens: 1, output_tokens: 1 }, modelName, opts);
        if (r) found = { providerId: r.provider.id, model: r.model };
      } catch {
        found = null;
      }
    }
    memo.set(key, found);
    return found ?? undefined;
  };
}

function secondsOfDay(hhmmss: string): number | undefined {
  const m = /^(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|([+-])(\d{2}):(\d{2}))$/.exec(hhmmss);
  if (!m) return undefined;
  const offset = m[4] === 'Z' ? 0 : (m[5] === '+' ? 1 : -1) * (Number(m[6]) * 3600 + Number(m[7]) * 60);
  return (Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) - offset + 86400) % 86400;
}

/**
 * The price set in force at `atMs`: the last conditional entry whose constraint
 * holds (start date reached, or inside a time-of-day window such as DeepSeek's
 * off-peak hours), else the first. Mirrors the library's own selection.
 * @see https://github.com/pydantic/genai-prices/blob/main/prices/README.md
 */
export function pricesAt(model: ModelInfo, atMs: number): ModelPrice {
  if (!Array.isArray(model.prices)) return model.prices;
  const at = new Date(atMs);
  const sec = at.getUTCHours() * 3600 + at.getUTCMinutes() * 60 + at.getUTCSeconds() + at.getUTCMilliseconds() / 1000;
  for (let i = model.prices.length - 1; i >= 0; i--) {
    const entry = model.prices[i];
    if (!entry) continue;
    const c = entry.constraint;
    if (c === undefined) return entry.prices;
    if (c.type === 'start_date') {
      if (atMs >= Date.parse(`${c.start_date}T00:00:00Z`)) return entry.prices;
      continue;
    }
    const start = secondsOfDay(c.start_time);
    const end = secondsOfDay(c.end_time);
    if (start === undefined || end === undefined) continue;
    if (end < start ? sec >= start || sec < end : sec >= start && sec < end) return entry.prices;
  }
  return model.prices[0]?.prices ?? {};
}

function toRate(value: ModelPrice[string]): Rate | undefined {
  if (typeof value === 'number') return value;
  if (value && typeof value === 'object' && typeof value.base === 'number' && Array.isArray(value.tiers)) {
    return { base: value.base, tiers: [...value.tiers].sort((a, b) => a.start - b.start) };
  }
  return undefined;
}

/** Library price keys → our rates; undefined when the model has no text-token prices. */
function ratesFromLibrary(price: ModelPrice): PriceRates | undefined {
  const input = toRate(price.input_mtok);
  const output = toRate(price.output_mtok);
  if (input === undefined || output === undefined) return undefined;
  const rates: PriceRates = { inputPerMTok: input, outputPerMTok: output };
  const cacheRead = toRate(price.cache_read_mtok);
  const cacheWrite = toRate(price.cache_write_mtok);
  if (cacheRead !== undefined) rates.cacheReadPerMTok = cacheRead;
  if (cacheWrite !== undefined) rates.cacheWritePerMTok = cacheWrite;
  return rates;
}

/** Memoised conversion: most models have one flat price set, so this is a WeakMap hit. */
export function createRatesCache(): (price: ModelPrice) => PriceRates | undefined {
  const cache = new WeakMap<ModelPrice, PriceRates | null>();
  return (price) => {
    const hit = cache.get(price);
    if (hit !== undefined) return hit ?? undefined;
    const rates = ratesFromLibrary(price) ?? null;
    cache.set(price, rates);
    return rates ?? undefined;
  };
}
