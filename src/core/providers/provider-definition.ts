import type { IssueList } from '../config/config-issues';
import type { Capabilities } from '../model/capabilities';
import type { FetchFn } from '../net/safe-fetch';
import type { Clock } from '../ports';
import type { LibraryProviderRef } from '../pricing/library-prices';
import type { KeyResolver, ProviderAdapter } from './provider-adapter';

/** Fields every provider kind accepts (the stable public names; architecture.md). */
export interface ProviderConfigBase {
  /** SDK base URL: includes `/v1` for OpenAI-style APIs; the origin for Anthropic. */
  baseUrl?: string;
  /** Name of the secret holding the credentials (resolved through the `keys` port). */
  apiKeySecret?: string;
  /** Extra non-secret headers sent with every request. */
  headers?: Record<string, string>;
  /**
   * Credential headers besides the key (a gateway's `cf-aig-authorization`...):
   * header name → name of the secret holding its value, set with "Switchboard:
   * Set API Key" and bound to this provider's origin like the key.
   */
  secretHeaders?: Record<string, string>;
}

/**
 * The credentials a kind needs, as stored under `apiKeySecret` in SecretStorage
 * (always bound to the origin it was saved for). `api-key`: one key string.
 * A kind needing several fields (AWS: access key id, secret, session token)
 * adds its own variant and parses them from the stored secret.
 */
export type CredentialShape = { type: 'api-key'; required: boolean };

export interface AdapterFactoryOptions<C> {
  providerId: string;
  config: C;
  keys: KeyResolver;
  fetch?: FetchFn;
  /** The runtime clock (Retry-After dates, rate-limit resets). */
  now?: Clock;
}

/**
 * Everything the core knows about one provider kind, in one place. Adding a
 * kind = one folder exporting one of these + one line in registry.ts.
 */
export interface ProviderDefinition<K extends string, C extends ProviderConfigBase & { kind: K }> {
  kind: K;
  /** Config fields this kind accepts besides `kind` and the ProviderConfigBase ones. */
  extraKeys: readonly string[];
  /** Where requests go when the config gives no `baseUrl` (undefined: `baseUrl` is required). */
  defaultBaseUrl(config: C): string | undefined;
  credentials: CredentialShape;
  /** Kind-specific config checks, after the common ones passed; reports through `issues`. */
  validate(value: Record<string, unknown>, path: string, name: string, issues: IssueList): void;
  createAdapter(opts: AdapterFactoryOptions<C>): ProviderAdapter;
  /** Which `@pydantic/genai-prices` provider prices this kind's models (undefined: no library price). */
  pricingRef(config: C): LibraryProviderRef | undefined;
  /** True when the provider reliably bills nothing (a local server); absent means never. */
  isReliablyFree?(config: C): boolean;
  /** `gen_ai.provider.name` for traces (OpenTelemetry GenAI semantic conventions' well-known values). */
  telemetryName(config: C): string;
  /** What a model of this kind can do, from the kind's model table (before deployment overrides). */
  capabilities(model: string, config: C): Capabilities;
}

/** The config type a definition describes. */
export type ConfigOf<D> = D extends ProviderDefinition<string, infer C> ? C : never;
