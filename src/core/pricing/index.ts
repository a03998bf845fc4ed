export { computeCost, billableParts, rateAt } from './compute-cost';
export { createPriceBook, type PriceBook, type PriceBookOptions } from './price-book';
export type { PriceBreakdown, PriceRates, PriceResult, Rate } from './price-types';
export { isLoopbackUrl, isReliablyFree, libraryProviderFor, type ProviderRef } from './provider-pricing-ref';
export { savingsUsd } from './savings';
