import type { BudgetsConfig } from '../budget/budget-config';
import type { AliasCachePolicy, CacheConfigInput } from '../cache/cache-config';
/**
 * The user's configuration: plain JSON, the same object written in settings.
 * Field names are a stable contract (see architecture.md); add, never rename.
 * Secrets never appear here: a provider names the secret it uses.
 */
export type ProviderKind = 'openai' | 'anthropic' | 'openai-compatible' | 'azure-openai';

export const PROVIDER_KINDS: readonly ProviderKind[] = ['openai', 'anthropic', 'openai-compatible', 'azure-openai'];

export interface ProviderConfig {
  kind: ProviderKind;
  /** SDK base URL: includes `/v1` for OpenAI-style APIs; the origin for Anthropic. */
  baseUrl?: string;
  /** Name of the secret holding the key (resolved through the `keys` port). */
  apiKeySecret?: string;
  /** A known OpenAI-compatible server whose quirks apply (`groq`, `ollama`, `deepseek`...). */
  preset?: string;
  /** Extra non-secret headers sent with every request. */
  headers?: Record<string, string>;
  /**
   * Credential headers besides the key (a gateway's `cf-aig-authorization`...):
   * header name → name of the secret holding its value, set with "Switchboard:
   * Set API Key" and bound to this provider's origin like the key.
   */
  secretHeaders?: Record<string, string>;
  /** Azure only: the `api-version` query parameter. */
  apiVersion?: string;
  /** OpenAI only: organization id. */
  organization?: string;
}

export interface PriceOverride {
  inputPerMTok: number;
  outputPerMTok: number;
  cacheReadPerMTok?: number;
  cacheWritePerMTok?: number;
}

export interface TimeoutPolicy {
  /** Until response headers arrive. */
  connectMs: number;
  /** Until the first token (text or reasoning) arrives. */
  firstTokenMs: number;
  /** Longest silence between two chunks. */
  idleMs: number;
  /** One deadline over every attempt of a request. */
  overallMs: number;
}

export interface DeploymentConfig {
  id: string;
  provider: string;
  /** Provider-side model name; pinned, dated versions recommended. For Azure, the deployment name. */
  model: string;
  rpm?: number;
  tpm?: number;
  weight?: number;
  contextWindow?: number;
  maxOutputTokens?: number;
  price?: PriceOverride;
  timeouts?: Partial<TimeoutPolicy>;
}

export type Strategy = 'ordered' | 'round-robin' | 'weighted' | 'least-busy' | 'latency' | 'cost';
export const STRATEGIES: readonly Strategy[] = ['ordered', 'round-robin', 'weighted', 'least-busy', 'latency', 'cost'];

export interface AliasConfig {
  deployments: string[];
  strategy?: Strategy;
  /** Aliases tried, in order, when every deployment of this one failed. */
  fallbacks?: string[];
  /** Aliases with larger context windows, tried on `context_overflow`. */
  contextWindowFallbacks?: string[];
  /** Aliases tried on `content_filter`. */
  contentPolicyFallbacks?: string[];
  /** When every deployment is cooling down: wait (up to `maxWaitMs`) or fail at once. */
  whenAllCooling?: 'wait' | 'fail';
  maxWaitMs?: number;
  /** Per-alias cache opt-ins (semantic cache, non-deterministic answers, TTL). */
  cache?: AliasCachePolicy;
}

/** One `auto` tier: requests scoring at most `maxScore` go to `alias`; the last tier has no cap. */
export interface AutoTier {
  alias: string;
  maxScore?: number;
}

/** `auto` routing: a local classifier scores each request and picks a tier alias. */
export interface AutoConfig {
  /** The model name that triggers auto routing (default "auto"); an alias of that name wins. */
  name?: string;
  /** Ordered from cheapest to strongest. */
  tiers: AutoTier[];
}

export interface LimitsConfig {
  /** Requests running at once across every alias. */
  maxConcurrent?: number;
  /** Requests waiting for a slot; beyond it requests fail at once. */
  maxQueue?: number;
}

export interface RetryPolicy {
  /** Retries on the same deployment for retryable errors (not counting the first try). */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Cap on fallback-alias hops per request. */
  maxFallbacks: number;
  /** Longest Retry-After the router sleeps for before retrying the same deployment; longer ones fail over. */
  maxRetryAfterMs: number;
}

export interface CooldownPolicy {
  /** Failures within `windowMs` before a deployment cools down. */
  allowedFails: number;
  windowMs: number;
  /** Cooldown when the provider gave no Retry-After. */
  cooldownMs: number;
  /** Floor applied to provider-given Retry-After values. */
  minCooldownMs: number;
  /** Cooldown after a 429 that carried no retry hint. */
  rateLimitMs: number;
  /** Longest cooldown a provider's Retry-After can impose; longer hints are capped (and logged). */
  maxCooldownMs: number;
}

export interface SwitchboardConfig {
  providers: Record<string, ProviderConfig>;
  deployments: DeploymentConfig[];
  aliases: Record<string, AliasConfig>;
  retry?: Partial<RetryPolicy>;
  timeouts?: Partial<TimeoutPolicy>;
  cooldown?: Partial<CooldownPolicy>;
  /** Response cache; validation fills in every default. */
  cache?: CacheConfigInput;
  budgets?: BudgetsConfig;
  /** `auto` routing tiers and thresholds. */
  auto?: AutoConfig;
  limits?: LimitsConfig;
}
