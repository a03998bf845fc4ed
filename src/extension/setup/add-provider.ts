import * as vscode from 'vscode';
import { DeploymentConfig, ProviderConfig, createModelCatalog } from '../../core/index';
import { askAndCheckKey, askBaseUrl } from './ask-endpoint';
import { confirmAliases } from './confirm-aliases';
import { pickModels } from './pick-models';
import { proposeAliases } from './propose-aliases';
import { PROVIDER_CHOICES, ProviderChoice } from './provider-choices';
import { SetupDeps } from './setup-deps';
import { readUserSetup, uniqueName, writeUserSetup } from './user-settings';

interface ChoiceItem extends vscode.QuickPickItem {
  choice: ProviderChoice;
}

const DEFAULT_AZURE_API_VERSION = '2024-10-21';

function providerConfig(choice: ProviderChoice, baseUrl: string, secretName: string | undefined, apiVersion: string | undefined): ProviderConfig {
  // Built field by field from the wizard's answers; validateConfig checks the result like any settings edit.
  const config: { kind: ProviderConfig['kind']; baseUrl?: string; preset?: string; apiKeySecret?: string; apiVersion?: string } = { kind: choice.kind };
  // The SDK default needs no baseUrl in settings; anything edited or non-default is written.
  if (!(choice.kind === 'openai' || choice.kind === 'anthropic') || baseUrl !== choice.baseUrl) config.baseUrl = baseUrl;
  if (choice.preset) config.preset = choice.preset;
  if (secretName) config.apiKeySecret = secretName;
  if (apiVersion) config.apiVersion = apiVersion;
  return config as ProviderConfig;
}

/**
 * "Switchboard: Add Provider": kind → base URL → key (checked) → models
 * (discovered, priced, pinned) → aliases (proposed, confirmed) → user settings.
 * The key goes to SecretStorage only; nothing is written until the last step.
 */
export async function addProvider(deps: SetupDeps): Promise<boolean> {
  const items: ChoiceItem[] = PROVIDER_CHOICES.map((c) => ({ label: c.label, description: c.hint, choice: c }));
  const picked = await vscode.window.showQuickPick(items, { title: 'Switchboard: Add Provider', placeHolder: 'Which API do you want to use?', matchOnDescription: true, ignoreFocusOut: true });
  if (!picked) return false;
  const choice = picked.choice;
  const baseUrl = await askBaseUrl(choice);
  if (!baseUrl) return false;
  let apiVersion: string | undefined;
  if (choice.kind === 'azure-openai') {
    apiVersion = await vscode.window.showInputBox({ title: 'Switchboard: Add Provider — Azure api-version', value: DEFAULT_AZURE_API_VERSION, ignoreFocusOut: true, validateInput: (v) => (/^\d{4}-\d{2}-\d{2}(-preview)?$/.test(v.trim()) ? undefined : 'Like 2024-10-21.') });
    if (!apiVersion) return false;
  }
  const verified = await askAndCheckKey(choice, baseUrl);
  if (!verified) return false;

  const setup = readUserSetup();
  const name = uniqueName(choice.name, (n) => n in setup.providers);
  const secretName = choice.needsKey ? name : undefined;
  const provider = providerConfig(choice, baseUrl, secretName, apiVersion?.trim());
  const catalog = createModelCatalog();
  const models = await pickModels(provider, verified.check.kind === 'ok' ? verified.check.models : undefined, catalog);
  if (!models) return false;

  const takenIds = new Set(setup.deployments.map((d) => d.id));
  const chosen = models.map(({ model, facts }) => {
    const id = uniqueName(`${name}/${model}`, (n) => takenIds.has(n));
    takenIds.add(id);
    const deployment: DeploymentConfig = { id, provider: name, model, ...(facts.contextWindow !== undefined ? { contextWindow: facts.contextWindow } : {}) };
    return { id, facts, deployment };
  });
  const deployments = chosen.map((c) => c.deployment);
  const proposals = await confirmAliases(proposeAliases(chosen, setup.aliases));
  if (!proposals) return false;

  // The key first: when the settings land, the provider can answer at once.
  if (secretName && verified.key) await deps.keys.save(secretName, verified.key, new URL(baseUrl).origin);
  deps.orchestrator()?.clearKeyRejection(name);
  const aliases = { ...setup.aliases };
  for (const p of proposals) aliases[p.name] = p.alias;
  const activeOk = setup.activeAlias && (setup.activeAlias === 'auto' || setup.activeAlias in aliases);
  const activeAlias = activeOk ? setup.activeAlias : (proposals[0]?.name ?? Object.keys(aliases)[0]);
  try {
    await writeUserSetup({ providers: { ...setup.providers, [name]: provider }, deployments: [...setup.deployments, ...deployments], aliases, activeAlias });
  } catch (err) {
    void vscode.window.showErrorMessage(`Switchboard: could not write your user settings: ${err instanceof Error ? err.message : String(err)}`);
    return false;
  }
  deps.log.info(`Add Provider: "${name}" (${choice.label}) with ${deployments.length} deployment(s): ${deployments.map((d) => d.id).join(', ')}.`);
  const open = await vscode.window.showInformationMessage(
    `Switchboard: provider "${name}" added with ${deployments.length} model${deployments.length === 1 ? '' : 's'}${activeAlias ? `; chat uses "${activeAlias}"` : ''}.`,
    'Open Chat',
  );
  if (open) void vscode.commands.executeCommand('switchboard.chat.focus');
  return true;
}
