import { DeploymentConfig, PriceOverride } from '../config/switchboard-config';
import { Usage } from '../model/usage';
import { computeCost, worstCaseUsd } from './compute-cost';
import { createLibraryModelResolver, createRatesCache, pricesAt } from './library-prices';
import { PriceRates, PriceResult } from './price-types';
import { ProviderRef, isReliablyFree, libraryProviderFor } from './provider-pricing-ref';

export interface PriceBook {
  /** Cost of `usage` on `deployment`: config override, else library, else free (reliably local), else unknown (null). */
  priceFor(deployment: DeploymentConfig, provider: ProviderRef, usage: Usage): PriceResult;
  /** Rates in force now, or undefined when unknown (free deployments get zero rates). */
  ratesFor(deployment: DeploymentConfig, provider: ProviderRef): { rates: PriceRates; source: PriceResult['source'] } | undefined;
  /** The config's `contextWindow`, else the library's, else undefined. */
  contextWindowFor(deployment: DeploymentConfig, provider?: ProviderRef): number | undefined;
  /**
   * Upper bound for budgeting: the whole input estimate at the uncached input
   * rate (cache reads only make it cheaper; cache writes may cost more, so the
   * dearer of the two rates is used) plus `maxOutputTokens` at the output rate.
   */
  worstCaseCostUsd(deployment: DeploymentConfig, provider: ProviderRef, inputTokensEstimate: number, maxOutputTokens: number): number | null;
}

export interface PriceBookOptions {
  /** Prices can change by date or time of day (conditional prices); defaults to Date.now. */
  now?: () => number;
}

const FREE_RATES: PriceRates = Object.freeze({ inputPerMTok: 0, outputPerMTok: 0, cacheReadPerMTok: 0, cacheWritePerMTok: 0 });

function overrideRates(price: PriceOverride): PriceRates {
  const rates: PriceRates = { inputPerMTok: price.inputPerMTok, outputPerMTok: price.outputPerMTok };
  if (price.cacheReadPerMTok !== undefined) rates.cacheReadPerMTok = price.cacheReadPerMTok;
  if (price.cacheWritePerMTok !== undefined) rates.cacheWritePerMTok = price.cacheWritePerMTok;
  return rates;
}

/** A price book over the bundled `@pydantic/genai-prices` data; never fetches. */
export function createPriceBook(options: PriceBookOptions = {}): PriceBook {
  const now = options.now ?? Date.now;
  const resolve = createLibraryModelResolver();
  const toRates = createRatesCache();
  const overrides = new WeakMap<PriceOverride, PriceRates>();

  const libraryModel = (deployment: DeploymentConfig, provider: ProviderRef) => {
    const ref = libraryProviderFor(provider);
    return ref === undefined ? undefined : resolve(ref, deployment.model);
  };

  const ratesFor: PriceBook['ratesFor'] = (deployment, provider) => {
    if (deployment.price !== undefined) {
      let rates = overrides.get(deployment.price);
      if (rates === undefined) {
        rates = overrideRates(deployment.price);
        overrides.set(deployment.price, rates);
      }
      return { rates, source: 'config' };
    }
    const lib = libraryModel(deployment, provider);
    if (lib !== undefined) {
      const rates = toRates(pricesAt(lib.model, now()));
      if (rates !== undefined) return { rates, source: 'library' };
    }
    if (isReliablyFree(provider)) return { rates: FREE_RATES, source: 'free' };
    return undefined;
  };

  return {
    ratesFor,
    priceFor(deployment, provider, usage) {
      const found = ratesFor(deployment, provider);
      if (found === undefined) return { costUsd: null, source: 'unknown' };
      const { costUsd, breakdown } = computeCost(found.rates, usage);
      const result: PriceResult = { costUsd, source: found.source, breakdown };
      if (found.source === 'library') {
        const id = libraryModel(deployment, provider)?.model.id;
        if (id !== undefined) result.matchedModel = id;
      }
      return result;
    },
    contextWindowFor(deployment, provider) {
      if (deployment.contextWindow !== undefined) return deployment.contextWindow;
      if (provider === undefined) return undefined;
      return libraryModel(deployment, provider)?.model.context_window;
    },
    worstCaseCostUsd(deployment, provider, inputTokensEstimate, maxOutputTokens) {
      const found = ratesFor(deployment, provider);
      if (found === undefined) return null;
      return worstCaseUsd(found.rates, inputTokensEstimate, maxOutputTokens);
    },
  };
}
