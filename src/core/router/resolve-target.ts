import { AutoRoute, DEFAULT_AUTO_NAME, pickTier } from '../auto/pick-tier';
import { AliasConfig, AutoConfig, DeploymentConfig } from '../config/switchboard-config';
import { ChatRequest } from '../model/chat-request';
import { SwitchboardError } from '../model/switchboard-error';

/** What a request's `model` names: an alias (with its config) or one deployment. */
export type ResolvedTarget = (
  | { kind: 'alias'; name: string; alias: AliasConfig; deployments: DeploymentConfig[] }
  | { kind: 'deployment'; deployment: DeploymentConfig }
) & {
  /** Set when `auto` routing chose the target. */
  route?: AutoRoute;
};

export interface TargetCatalog {
  aliases: ReadonlyMap<string, AliasConfig>;
  deployments: ReadonlyMap<string, DeploymentConfig>;
  /** `auto` tiers, when configured. */
  auto?: AutoConfig | undefined;
}

/**
 * Resolves a request's `model`: an alias, a deployment id, or (with `auto`
 * configured and no alias of that name) a tier chosen by the local classifier.
 */
export function resolveTarget(model: string, catalog: TargetCatalog, request?: ChatRequest): ResolvedTarget {
  const auto = catalog.auto;
  if (auto && request && model === (auto.name ?? DEFAULT_AUTO_NAME) && !catalog.aliases.has(model) && !catalog.deployments.has(model)) {
    const route = pickTier(auto, request);
    return { ...resolveTarget(route.tier, { aliases: catalog.aliases, deployments: catalog.deployments }), route };
  }
  const alias = catalog.aliases.get(model);
  if (alias) {
    const deployments = alias.deployments.flatMap((id) => {
      const d = catalog.deployments.get(id);
      return d ? [d] : [];
    });
    return { kind: 'alias', name: model, alias, deployments };
  }
  const deployment = catalog.deployments.get(model);
  if (deployment) return { kind: 'deployment', deployment };
  const aliases = [...catalog.aliases.keys()].map((a) => `"${a}"`).join(', ') || '(none)';
  const deps = [...catalog.deployments.keys()].map((d) => `"${d}"`).join(', ') || '(none)';
  throw new SwitchboardError({
    kind: 'not_found',
    retryable: false,
    message: `Unknown model "${model}". Use an alias (${aliases}) or a deployment id (${deps}), or add it under "switchboard.aliases".`,
  });
}
