/**
 * The `cache` section of the config and the per-alias `cache` opt-ins.
 * Validated by `src/core/config/validate-cache.ts`.
 */
export interface SemanticCacheConfig {
  /** Id of an OpenAI-compatible deployment serving `/embeddings`. */
  embeddingDeployment: string;
  /** Cosine similarity needed for a hit, in (0, 1]. */
  threshold: number;
  maxEntries: number;
  /** Timeout of one embeddings call. */
  timeoutMs: number;
  /** Ask the embeddings endpoint for shorter vectors (text-embedding-3 supports it). */
  dimensions?: number;
}

export interface CacheConfig {
  /** Exact cache on/off for every alias (aliases may still opt out). */
  enabled: boolean;
  maxEntries: number;
  /** Approximate memory bound over stored answers. */
  maxBytes: number;
  ttlMs: number;
  /** Keep the exact cache across window reloads (in the extension's storage; never keys). */
  persist: boolean;
  /** Absent: no semantic cache anywhere. Present: aliases still opt in one by one. */
  semantic?: SemanticCacheConfig;
}

/** `aliases.<name>.cache`: what one alias allows. Every field defaults to the safe choice. */
export interface AliasCachePolicy {
  /** Exact cache for this alias (default true when the cache is enabled). */
  exact?: boolean;
  /** Also store answers that are not deterministic (no temperature 0, no seed). Default false. */
  storeNonDeterministic?: boolean;
  /** Use the semantic cache for this alias. Default false. */
  semantic?: boolean;
  /** Override `cache.semantic.threshold` for this alias. */
  semanticThreshold?: number;
  /** Override `cache.ttlMs` for this alias. */
  ttlMs?: number;
}

export const DEFAULT_CACHE_CONFIG: Readonly<CacheConfig> = Object.freeze({
  enabled: true,
  maxEntries: 1000,
  maxBytes: 64 * 1024 * 1024,
  ttlMs: 24 * 60 * 60 * 1000,
  persist: false,
});

export const DEFAULT_SEMANTIC_THRESHOLD = 0.95;
export const DEFAULT_SEMANTIC_MAX_ENTRIES = 5000;
export const DEFAULT_EMBEDDING_TIMEOUT_MS = 10_000;

/** The policy that applies to one alias: its overrides on top of the global section. */
export interface EffectiveAliasPolicy {
  exact: boolean;
  storeNonDeterministic: boolean;
  semantic: boolean;
  semanticThreshold: number;
  ttlMs: number;
}

export function effectiveAliasPolicy(config: CacheConfig, alias: AliasCachePolicy | undefined): EffectiveAliasPolicy {
  return {
    exact: config.enabled && alias?.exact !== false,
    storeNonDeterministic: alias?.storeNonDeterministic === true,
    semantic: config.semantic !== undefined && alias?.semantic === true,
    semanticThreshold: alias?.semanticThreshold ?? config.semantic?.threshold ?? DEFAULT_SEMANTIC_THRESHOLD,
    ttlMs: alias?.ttlMs ?? config.ttlMs,
  };
}

/** The `cache` section as users write it: every field optional (validation fills defaults). */
export type CacheConfigInput = Partial<Omit<CacheConfig, 'semantic'>> & { semantic?: Partial<SemanticCacheConfig> & { embeddingDeployment: string } };

/** The full cache config for an input, defaults filled in. */
export function normalizeCacheConfig(input: CacheConfigInput | undefined): CacheConfig {
  const { semantic, ...rest } = input ?? {};
  const config: CacheConfig = { ...DEFAULT_CACHE_CONFIG, ...rest };
  if (semantic) {
    config.semantic = { threshold: DEFAULT_SEMANTIC_THRESHOLD, maxEntries: DEFAULT_SEMANTIC_MAX_ENTRIES, timeoutMs: DEFAULT_EMBEDDING_TIMEOUT_MS, ...semantic };
  }
  return config;
}
