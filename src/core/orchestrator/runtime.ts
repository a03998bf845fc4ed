import { PriceBook } from '../pricing/price-book';
import { DEFAULT_COOLDOWN, DEFAULT_RETRY, DEFAULT_TIMEOUTS } from '../config/defaults';
import { AliasConfig, CooldownPolicy, DeploymentConfig, ProviderConfig, RetryPolicy, SwitchboardConfig, TimeoutPolicy } from '../config/switchboard-config';
import { SwitchboardError } from '../model/switchboard-error';
import { FetchFn } from '../net/safe-fetch';
import { CacheConfig, normalizeCacheConfig } from '../cache/cache-config';
import { fingerprintKey } from '../cache/cache-key';
import { Clock, KeysPort, LogSink, RandomSource } from '../ports';
import { createAdapter } from '../providers/create-adapter';
import { providerOrigin } from '../providers/provider-endpoint';
import { KeyResolver, ProviderAdapter } from '../providers/provider-adapter';
import { MaybePromise, isPromiseLike } from '../model/maybe-promise';
import { TargetCatalog } from '../router/resolve-target';
import { withSecretHeaders } from '../net/secret-headers';
import { Capabilities } from '../model/capabilities';
import { capabilitiesFor } from '../providers/capabilities-for';

/**
 * Everything derived from one config snapshot. A request keeps the runtime it
 * started with, so a config swap never changes an in-flight request (R18).
 */
export interface Runtime extends TargetCatalog {
  readonly config: SwitchboardConfig;
  readonly providers: ReadonlyMap<string, ProviderConfig>;
  readonly adapters: ReadonlyMap<string, ProviderAdapter>;
  readonly retry: RetryPolicy;
  readonly timeouts: TimeoutPolicy;
  readonly cooldown: CooldownPolicy;
  readonly now: Clock;
  readonly random: RandomSource;
  /** Where the router reports what the user should know about (a capped Retry-After). */
  readonly log?: LogSink;
  adapterFor(deployment: DeploymentConfig): ProviderAdapter;
  timeoutsFor(deployment: DeploymentConfig): TimeoutPolicy;
  /** `fingerprintKey` of the provider's current key (never the key), so a changed key is noticed. */
  keyFingerprint(providerId: string): MaybePromise<string | undefined>;
  /** The provider's key (rejects with `auth` if the host refuses); at hand when the host's keys port had it in memory. */
  resolveKey(providerId: string): MaybePromise<string | undefined>;
  /** What the deployment can serve (its provider's model table, then its config), for capability routing. */
  capabilitiesFor(deployment: DeploymentConfig): Capabilities;
  /** The deployment's context window: its config, else the price library's model table. */
  contextWindowFor(deployment: DeploymentConfig): number | undefined;
  /** USD of this many tokens on a deployment (config price, else the price library); null if unknown. */
  estimateCostUsd(deployment: DeploymentConfig, inputTokens: number, outputTokens: number): number | null;
  /** The cache section with its defaults filled in. */
  readonly cache: CacheConfig;
  /** Fetch for side calls (embeddings); the same one the adapters use. */
  readonly fetch?: FetchFn;
}

export interface RuntimePorts {
  /** Prices, shared with the request pipeline so routing and the ledger agree. */
  prices: PriceBook;
  keys: KeysPort;
  now: Clock;
  random: RandomSource;
  fetch?: FetchFn;
  log?: LogSink;
}

export function buildRuntime(config: SwitchboardConfig, ports: RuntimePorts): Runtime {
  const providers = new Map(Object.entries(config.providers));
  const adapters = new Map<string, ProviderAdapter>();
  const keyResolvers = new Map<string, KeyResolver>();
  /** The last key seen per provider and its fingerprint (this runtime's lifetime only). */
  const fingerprints = new Map<string, { key: string; fingerprint: string }>();
  // A SHA-256 per cached request for a key that rarely changes: hash only a new key.
  const fingerprintOf = (providerId: string, key: string | undefined): string | undefined => {
    if (key === undefined) return undefined;
    const last = fingerprints.get(providerId);
    if (last?.key === key) return last.fingerprint;
    const fingerprint = fingerprintKey(key);
    fingerprints.set(providerId, { key, fingerprint });
    return fingerprint;
  };
  for (const [providerId, providerConfig] of providers) {
    const secret = providerConfig.apiKeySecret;
    const target = { providerId, origin: providerOrigin(providerConfig) ?? '', kind: providerConfig.kind };
    // A host may refuse to release a key (e.g. bound to another origin): no request is sent.
    const refused = (err: unknown): SwitchboardError => new SwitchboardError({ kind: 'auth', retryable: false, message: err instanceof Error ? err.message : String(err), cause: err });
    // Never throws: a refusal is a rejected promise. A key the host has at hand comes back as it is (no promise turn).
    const keys: KeyResolver = () => {
      if (secret === undefined) return undefined;
      let got: MaybePromise<string | undefined>;
      try {
        got = ports.keys(secret, target);
      } catch (err) {
        return Promise.reject(refused(err));
      }
      return isPromiseLike(got) ? got.then(undefined, (err: unknown) => Promise.reject(refused(err))) : got;
    };
    keyResolvers.set(providerId, keys);
    const base = providerConfig.secretHeaders ? withSecretHeaders(ports.fetch ?? fetch, providerConfig.secretHeaders, ports.keys, target) : ports.fetch;
    const opts = { providerId, config: providerConfig, keys, now: ports.now, ...(base ? { fetch: base } : {}) };
    adapters.set(providerId, createAdapter(opts));
  }
  const deployments = new Map(config.deployments.map((d) => [d.id, d]));
  const contextWindows = new WeakMap<DeploymentConfig, number | undefined>();
  const capabilities = new WeakMap<DeploymentConfig, Capabilities>();
  const aliases = new Map<string, AliasConfig>(Object.entries(config.aliases));
  const retry = { ...DEFAULT_RETRY, ...config.retry };
  const timeouts = { ...DEFAULT_TIMEOUTS, ...config.timeouts };
  const cooldown = { ...DEFAULT_COOLDOWN, ...config.cooldown };
  return {
    config,
    cache: normalizeCacheConfig(config.cache),
    auto: config.auto,
    providers,
    adapters,
    deployments,
    aliases,
    retry,
    timeouts,
    cooldown,
    now: ports.now,
    random: ports.random,
    ...(ports.log ? { log: ports.log } : {}),
    adapterFor(deployment) {
      const adapter = adapters.get(deployment.provider);
      if (!adapter) throw new Error(`No adapter for provider "${deployment.provider}" (validated config should prevent this).`);
      return adapter;
    },
    timeoutsFor(deployment) {
      return { ...timeouts, ...deployment.timeouts };
    },
    capabilitiesFor(deployment) {
      // Routing checks every candidate on every request; the model table's regexes need running once per snapshot.
      let caps = capabilities.get(deployment);
      if (caps === undefined) {
        const provider = providers.get(deployment.provider);
        if (!provider) throw new Error(`No provider "${deployment.provider}" (validated config should prevent this).`);
        caps = capabilitiesFor(deployment, provider);
        capabilities.set(deployment, caps);
      }
      return caps;
    },
    contextWindowFor(deployment) {
      // Routing asks for every candidate on every request; a snapshot's windows never change.
      if (contextWindows.has(deployment)) return contextWindows.get(deployment);
      const window = ports.prices.contextWindowFor(deployment, providers.get(deployment.provider));
      contextWindows.set(deployment, window);
      return window;
    },
    estimateCostUsd(deployment, inputTokens, outputTokens) {
      const provider = providers.get(deployment.provider);
      return provider ? ports.prices.worstCaseCostUsd(deployment, provider, inputTokens, outputTokens) : null;
    },
    resolveKey(providerId) {
      return keyResolvers.get(providerId)?.();
    },
    ...(ports.fetch ? { fetch: ports.fetch } : {}),
    keyFingerprint(providerId) {
      const got = keyResolvers.get(providerId)?.();
      return isPromiseLike(got) ? got.then((key) => fingerprintOf(providerId, key), () => undefined) : fingerprintOf(providerId, got);
    },
  };
}
