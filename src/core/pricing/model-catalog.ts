import type { MatchLogic } from '@pydantic/genai-prices';
import { createLibraryModelResolver } from './library-prices';
import { createPriceBook } from './price-book';
import { Rate } from './price-types';
import { ProviderRef, libraryProviderFor } from './provider-pricing-ref';

/** What the bundled price library knows about one model name on one provider (for setup and lint). */
export interface ModelFacts {
  /** USD per million input / output tokens (a tiered rate's base), undefined when unknown. */
  inputPerMTok?: number;
  outputPerMTok?: number;
  /** Where the price comes from: the library, free (a local server), or unknown. */
  price: 'library' | 'free' | 'unknown';
  contextWindow?: number;
  /** Dated ids the library lists for this undated name, newest first (empty when the name is dated or unknown). */
  datedIds: string[];
}

/** `-2024-08-06`, `-20241022`, `-0613`-style version suffixes. */
const DATE_SUFFIX = /-(\d{4}-\d{2}-\d{2}|\d{8}|\d{4})$/;

export function isDatedModelName(model: string): boolean {
  return DATE_SUFFIX.test(model);
}

function equalsValues(logic: MatchLogic, out: string[]): string[] {
  if ('equals' in logic) out.push(logic.equals);
  else if ('or' in logic) for (const l of logic.or) equalsValues(l, out);
  else if ('and' in logic) for (const l of logic.and) equalsValues(l, out);
  return out;
}

function baseOf(rate: Rate): number {
  return typeof rate === 'number' ? rate : rate.base;
}

/**
 * Facts about models from the bundled `@pydantic/genai-prices` data (never
 * fetched). One catalog per caller; lookups are memoised by the resolver.
 */
export function createModelCatalog(): (provider: ProviderRef, model: string) => ModelFacts {
  const book = createPriceBook();
  const resolve = createLibraryModelResolver();
  return (provider, model) => {
    const deployment = { id: model, provider: '', model };
    const found = book.ratesFor(deployment, provider);
    const facts: ModelFacts = { price: found === undefined ? 'unknown' : found.source === 'free' ? 'free' : 'library', datedIds: [] };
    if (found !== undefined) {
      facts.inputPerMTok = baseOf(found.rates.inputPerMTok);
      facts.outputPerMTok = baseOf(found.rates.outputPerMTok);
    }
    const ref = libraryProviderFor(provider);
    const lib = ref === undefined ? undefined : resolve(ref, model);
    if (lib?.model.context_window !== undefined) facts.contextWindow = lib.model.context_window;
    if (lib !== undefined && !isDatedModelName(model)) {
      facts.datedIds = [...new Set(equalsValues(lib.model.match, []))]
        .filter((id) => id.startsWith(`${model}-`) && isDatedModelName(id) && id.slice(model.length + 1).replace(/-/g, '').match(/^\d+$/) !== null)
        .sort()
        .reverse();
    }
    return facts;
  };
}
