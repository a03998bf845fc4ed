import { AliasConfig, DeploymentConfig, ProviderConfig } from '../../core/index';

/** The user's provider setup as Remove Provider rewrites it (kept free of `vscode` so it is unit-tested). */
export interface ProviderSetup {
  providers: Record<string, ProviderConfig>;
  deployments: DeploymentConfig[];
  aliases: Record<string, AliasConfig>;
  activeAlias: string | undefined;
}

/** The setup without `providerId`, its deployments, and what referred to them. */
export function withoutProvider(setup: ProviderSetup, providerId: string): ProviderSetup {
  const { [providerId]: _removed, ...providers } = setup.providers;
  const gone = new Set(setup.deployments.filter((d) => d.provider === providerId).map((d) => d.id));
  const deployments = setup.deployments.filter((d) => !gone.has(d.id));
  const kept: Record<string, AliasConfig> = {};
  for (const [name, a] of Object.entries(setup.aliases)) {
    const ds = a.deployments.filter((d) => !gone.has(d));
    if (ds.length > 0) kept[name] = { ...a, deployments: ds };
  }
  const aliases: Record<string, AliasConfig> = {};
  const keep = (list: string[] | undefined): string[] | undefined => list?.filter((n) => n in kept);
  for (const [name, a] of Object.entries(kept)) {
    const next: AliasConfig = { ...a };
    for (const k of ['fallbacks', 'contextWindowFallbacks', 'contentPolicyFallbacks'] as const) {
      const list = keep(a[k]);
      if (list && list.length > 0) next[k] = list;
      else delete next[k];
    }
    aliases[name] = next;
  }
  const activeAlias = setup.activeAlias && (setup.activeAlias === 'auto' || setup.activeAlias in aliases) ? setup.activeAlias : Object.keys(aliases)[0];
  return { providers, deployments, aliases, activeAlias };
}

