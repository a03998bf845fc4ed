import * as vscode from 'vscode';
import { AliasConfig, DeploymentConfig, ProviderConfig } from '../../core/index';
import { SECTION } from '../settings/config-controller';
import { ProviderSetup } from './without-provider';

/**
 * The user's own (global) `switchboard.*` values, never merged with a
 * workspace's: the wizard writes user settings, and copying a repository's
 * values into them would make those values follow the user everywhere.
 */
export type UserSetup = ProviderSetup;

function userValue<T>(key: string): T | undefined {
  return vscode.workspace.getConfiguration(SECTION).inspect<T>(key)?.globalValue;
}

export function readUserSetup(): UserSetup {
  return {
    providers: { ...(userValue<Record<string, ProviderConfig>>('providers') ?? {}) },
    deployments: [...(userValue<DeploymentConfig[]>('deployments') ?? [])],
    aliases: { ...(userValue<Record<string, AliasConfig>>('aliases') ?? {}) },
    activeAlias: userValue<string>('activeAlias'),
  };
}

/**
 * Writes in dependency order (providers, deployments, aliases, active alias) so
 * every intermediate state the config listener sees is itself valid.
 */
export async function writeUserSetup(next: UserSetup): Promise<void> {
  const settings = vscode.workspace.getConfiguration(SECTION);
  const global = vscode.ConfigurationTarget.Global;
  const empty = <T extends object>(v: T): T | undefined => (Object.keys(v).length === 0 ? undefined : v);
  await settings.update('providers', empty(next.providers), global);
  await settings.update('deployments', next.deployments.length === 0 ? undefined : next.deployments, global);
  await settings.update('aliases', empty(next.aliases), global);
  await settings.update('activeAlias', next.activeAlias || undefined, global);
}

/** `base`, or `base-2`, `base-3`... whichever is free. */
export function uniqueName(base: string, taken: (name: string) => boolean): string {
  if (!taken(base)) return base;
  for (let i = 2; ; i++) if (!taken(`${base}-${i}`)) return `${base}-${i}`;
}
