import { AliasConfig, DeploymentConfig } from '../config/switchboard-config';
import { SwitchboardError } from '../model/switchboard-error';

/** What a request's `model` names: an alias (with its config) or one deployment. */
export type ResolvedTarget =
  | { kind: 'alias'; name: string; alias: AliasConfig; deployments: DeploymentConfig[] }
  | { kind: 'deployment'; deployment: DeploymentConfig };

export interface TargetCatalog {
  aliases: ReadonlyMap<string, AliasConfig>;
  deployments: ReadonlyMap<string, DeploymentConfig>;
}

export function resolveTarget(model: string, catalog: TargetCatalog): ResolvedTarget {
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
