import { ModelFacts, ProviderKind, createModelCatalog } from '../../core/index';

/** A JSON path inside one setting's value: `["switchboard.deployments", 0, "model"]`. */
export type SettingPath = (string | number)[];

/** One pitfall found in the user's settings (the seed's list). */
export type LintFinding = { path: SettingPath; message: string } & (
  | { code: 'undated-model'; datedIds: string[] }
  | { code: 'unknown-price' }
  | { code: 'no-fallback' }
  | { code: 'single-provider'; provider: string }
  | { code: 'no-key'; provider: string }
  | { code: 'cost-unknown-prices'; deployments: string[] }
);

/** The three settings the rules read, as loosely typed as a hand-edited file is. */
export interface LintInput {
  providers: Record<string, unknown>;
  deployments: unknown[];
  aliases: Record<string, unknown>;
  /** Secret names that hold a key in SecretStorage. */
  secretsWithKeys: ReadonlySet<string>;
}

type Catalog = ReturnType<typeof createModelCatalog>;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const KINDS: readonly string[] = ['openai', 'anthropic', 'openai-compatible', 'azure-openai'];

/** The non-secret provider fields the price library needs (any kind's config has this shape). */
interface ProviderFieldsView {
  kind: ProviderKind;
  baseUrl?: string;
  preset?: string;
}

function providerRef(raw: unknown): ProviderFieldsView | undefined {
  if (!isRecord(raw) || typeof raw.kind !== 'string' || !KINDS.includes(raw.kind)) return undefined;
  return { kind: raw.kind as ProviderKind, ...(typeof raw.baseUrl === 'string' ? { baseUrl: raw.baseUrl } : {}), ...(typeof raw.preset === 'string' ? { preset: raw.preset } : {}) };
}

interface DeploymentView {
  index: number;
  id: string;
  provider: string;
  facts: ModelFacts | undefined;
  hasPrice: boolean;
}

/**
 * Warnings a demanding user wants before the first failed request: undated
 * model names, deployments without a known price, aliases with no fallback or
 * no failover across providers, providers with no key, a `cost` strategy over
 * unknown prices. Invalid shapes are the validator's job and are skipped here.
 */
export function lintSettings(input: LintInput, catalog: Catalog = createModelCatalog()): LintFinding[] {
  const out: LintFinding[] = [];
  for (const [name, raw] of Object.entries(input.providers)) {
    if (isRecord(raw) && typeof raw.apiKeySecret === 'string' && !input.secretsWithKeys.has(raw.apiKeySecret)) {
      out.push({ code: 'no-key', provider: name, path: ['switchboard.providers', name], message: `Provider "${name}" has no key stored under "${raw.apiKeySecret}": run "Switchboard: Set API Key" (or Add Provider).` });
    }
  }
  const byId = new Map<string, DeploymentView>();
  input.deployments.forEach((raw, index) => {
    if (!isRecord(raw) || typeof raw.id !== 'string' || typeof raw.provider !== 'string' || typeof raw.model !== 'string') return;
    const ref = providerRef(input.providers[raw.provider]);
    // Azure's `model` is the user's deployment name, not a model id: no date, no library price.
    const facts = ref && ref.kind !== 'azure-openai' ? catalog(ref, raw.model) : undefined;
    const view: DeploymentView = { index, id: raw.id, provider: raw.provider, facts, hasPrice: raw.price !== undefined || (facts !== undefined && facts.price !== 'unknown') };
    byId.set(raw.id, view);
    if (facts && facts.datedIds.length > 0) {
      out.push({ code: 'undated-model', datedIds: facts.datedIds, path: ['switchboard.deployments', index, 'model'], message: `"${raw.model}" is an undated name: the provider can move it to a new version under you (other answers, other prices). Pin a dated id such as "${facts.datedIds[0]}".` });
    }
    if (ref && !view.hasPrice) {
      out.push({ code: 'unknown-price', path: ['switchboard.deployments', index, 'model'], message: `No known price for "${raw.model}" on provider "${raw.provider}": its cost shows as "price unknown" and budgets cannot count it. Add "price": { "inputPerMTok", "outputPerMTok" } to this deployment.` });
    }
  });
  const aliasDeployments = (name: string): string[] => {
    const a = input.aliases[name];
    return isRecord(a) && Array.isArray(a.deployments) ? a.deployments.filter((d): d is string => typeof d === 'string') : [];
  };
  const fallbacksOf = (name: string): string[] => {
    const a = input.aliases[name];
    return isRecord(a) && Array.isArray(a.fallbacks) ? a.fallbacks.filter((f): f is string => typeof f === 'string') : [];
  };
  /** Every deployment a request for `name` may reach, fallbacks included (cycle-safe). */
  const reachable = (name: string): string[] => {
    const seen = new Set<string>();
    const ids: string[] = [];
    const visit = (n: string): void => {
      if (seen.has(n)) return;
      seen.add(n);
      ids.push(...aliasDeployments(n));
      for (const f of fallbacksOf(n)) visit(f);
    };
    visit(name);
    return ids;
  };
  for (const name of Object.keys(input.aliases)) {
    const own = aliasDeployments(name);
    if (own.length === 0) continue;
    const path = ['switchboard.aliases', name];
    if (own.length === 1 && fallbacksOf(name).length === 0) {
      out.push({ code: 'no-fallback', path, message: `Alias "${name}" has one deployment and no "fallbacks": when "${own[0] ?? ''}" fails, the request fails. Add a second deployment or a fallback alias.` });
    }
    const all = reachable(name);
    const providers = new Set(all.map((id) => byId.get(id)?.provider).filter((p): p is string => p !== undefined));
    const only = [...providers][0];
    if (all.length > 1 && providers.size === 1 && only !== undefined) {
      out.push({ code: 'single-provider', provider: only, path, message: `Every deployment alias "${name}" can reach is on provider "${only}": when that provider is down there is no failover. Add a deployment (or fallback alias) on another provider.` });
    }
    const a = input.aliases[name];
    if (isRecord(a) && a.strategy === 'cost') {
      const unpriced = own.filter((id) => byId.get(id)?.hasPrice === false);
      if (unpriced.length > 0) out.push({ code: 'cost-unknown-prices', deployments: unpriced, path: [...path, 'strategy'], message: `The "cost" strategy cannot compare ${unpriced.join(', ')}: no known price. Give them a "price", or pick another strategy.` });
    }
  }
  return out;
}
