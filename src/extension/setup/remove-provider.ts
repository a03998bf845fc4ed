import * as vscode from 'vscode';
import { SetupDeps } from './setup-deps';
import { readUserSetup, writeUserSetup } from './user-settings';
import { withoutProvider } from './without-provider';

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
