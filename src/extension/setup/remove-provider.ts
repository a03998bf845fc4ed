import * as vscode from 'vscode';
import { AliasConfig } from '../../core/index';
import { SetupDeps } from './setup-deps';
import { UserSetup, readUserSetup, writeUserSetup } from './user-settings';

/** The setup without `providerId`, its deployments, and what referred to them. */
export function withoutProvider(setup: UserSetup, providerId: string): UserSetup {
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

/** "Switchboard: Remove Provider": its deployments, its alias entries and its key go too. */
export async function removeProvider(deps: SetupDeps, providerId?: string): Promise<void> {
  const setup = readUserSetup();
  const ids = Object.keys(setup.providers);
  if (ids.length === 0) {
    void vscode.window.showInformationMessage('Switchboard: your user settings have no provider to remove.');
    return;
  }
  const id = providerId ?? (await vscode.window.showQuickPick(ids.map((p) => ({ label: p, description: setup.providers[p]?.kind })), { title: 'Switchboard: Remove Provider' }))?.label;
  const provider = id === undefined ? undefined : setup.providers[id];
  if (id === undefined || provider === undefined) return;
  const next = withoutProvider(setup, id);
  const lost = setup.deployments.length - next.deployments.length;
  const ok = await vscode.window.showWarningMessage(
    `Remove provider "${id}", its ${lost} deployment(s)${provider.apiKeySecret ? ' and its stored key' : ''}?`,
    { modal: true, detail: 'Aliases that only used it are removed as well. Your cost ledger keeps its records.' },
    'Remove',
  );
  if (ok !== 'Remove') return;
  await writeUserSetup(next);
  const sharedSecret = provider.apiKeySecret !== undefined && Object.values(next.providers).some((p) => p.apiKeySecret === provider.apiKeySecret);
  if (provider.apiKeySecret && !sharedSecret) await deps.keys.delete(provider.apiKeySecret);
  deps.log.info(`Remove Provider: "${id}" removed with ${lost} deployment(s).`);
  void vscode.window.showInformationMessage(`Switchboard: provider "${id}" removed.`);
}
