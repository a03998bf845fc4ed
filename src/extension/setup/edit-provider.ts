import * as vscode from 'vscode';
import { DeploymentConfig, createModelCatalog, providerBaseUrl } from '../../core/index';
import { askAndCheckKey, askBaseUrl } from './ask-endpoint';
import { pickModels } from './pick-models';
import { choiceFor } from './provider-choices';
import { removeProvider } from './remove-provider';
import { SetupDeps } from './setup-deps';
import { readUserSetup, uniqueName, writeUserSetup } from './user-settings';
import { presetOf } from './preset-of';

type Action = 'url' | 'key' | 'models' | 'remove';

/**
 * "Switchboard: Edit Provider": change the base URL (the key is checked and
 * re-bound to the new origin), replace the key, add models, or remove it.
 */
export async function editProvider(deps: SetupDeps, providerId?: string): Promise<void> {
  const setup = readUserSetup();
  const ids = Object.keys(setup.providers);
  if (ids.length === 0) {
    const add = await vscode.window.showInformationMessage('Switchboard: your user settings have no provider yet.', 'Add Provider…');
    if (add) void vscode.commands.executeCommand('switchboard.addProvider');
    return;
  }
  const id = providerId ?? (await vscode.window.showQuickPick(ids.map((p) => ({ label: p, description: `${setup.providers[p]?.kind ?? ''} · ${providerBaseUrl(setup.providers[p]!) ?? ''}` })), { title: 'Switchboard: Edit Provider' }))?.label;
  const provider = id === undefined ? undefined : setup.providers[id];
  if (id === undefined || provider === undefined) return;
  const choice = choiceFor(provider.kind, presetOf(provider));
  const actions: (vscode.QuickPickItem & { action: Action })[] = [
    { label: '$(link) Change base URL…', description: providerBaseUrl(provider) ?? '', action: 'url' },
    ...(provider.apiKeySecret ? [{ label: '$(key) Replace key…', action: 'key' as const }] : []),
    { label: '$(add) Add models…', description: `${setup.deployments.filter((d) => d.provider === id).length} deployment(s) now`, action: 'models' },
    { label: '$(trash) Remove provider…', action: 'remove' },
  ];
  const action = (await vscode.window.showQuickPick(actions, { title: `Switchboard: Edit Provider "${id}"` }))?.action;
  if (action === undefined) return;
  if (action === 'remove') return removeProvider(deps, id);
  const baseUrl = action === 'url' ? await askBaseUrl(choice, providerBaseUrl(provider)) : providerBaseUrl(provider);
  if (!baseUrl) return;
  const verified = await askAndCheckKey({ ...choice, needsKey: provider.apiKeySecret !== undefined && action !== 'models' }, baseUrl);
  if (!verified) return;
  if (provider.apiKeySecret && verified.key) await deps.keys.save(provider.apiKeySecret, verified.key, new URL(baseUrl).origin);
  if (verified.check.kind === 'ok') deps.orchestrator()?.clearKeyRejection(id);
  if (action === 'url') {
    await writeUserSetup({ ...setup, providers: { ...setup.providers, [id]: { ...provider, baseUrl } } });
  } else if (action === 'models') {
    const have = new Set(setup.deployments.filter((d) => d.provider === id).map((d) => d.model));
    const listed = verified.check.kind === 'ok' ? verified.check.models.filter((m) => !have.has(m)) : undefined;
    const models = await pickModels(provider, listed, createModelCatalog());
    if (!models) return;
    const taken = new Set(setup.deployments.map((d) => d.id));
    const added: DeploymentConfig[] = models.map(({ model, facts }) => {
      const dId = uniqueName(`${id}/${model}`, (n) => taken.has(n));
      taken.add(dId);
      return { id: dId, provider: id, model, ...(facts.contextWindow !== undefined ? { contextWindow: facts.contextWindow } : {}) };
    });
    await writeUserSetup({ ...setup, deployments: [...setup.deployments, ...added] });
    void vscode.window.showInformationMessage(`Switchboard: ${added.length} deployment(s) added to "${id}". Put them in an alias under "switchboard.aliases" to use them.`);
    return;
  }
  void vscode.window.showInformationMessage(`Switchboard: provider "${id}" updated.`);
}
