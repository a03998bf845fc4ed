import * as vscode from 'vscode';
import { ConfigController, SECTION, readSetting } from '../settings/config-controller';

const KEY = 'activeAlias';

/** The most specific scope that sets `switchboard.activeAlias` (the one that wins), else user settings. */
function targetOf(settings: vscode.WorkspaceConfiguration): { target: vscode.ConfigurationTarget; where: string } {
  const i = settings.inspect<string>(KEY);
  // Untrusted workspaces' values are ignored (ConfigController), so writing there would change nothing.
  if (vscode.workspace.isTrusted) {
    if (i?.workspaceFolderValue !== undefined) return { target: vscode.ConfigurationTarget.WorkspaceFolder, where: 'the workspace folder settings' };
    if (i?.workspaceValue !== undefined) return { target: vscode.ConfigurationTarget.Workspace, where: 'the workspace settings' };
  }
  return { target: vscode.ConfigurationTarget.Global, where: 'your user settings' };
}

/**
 * "Switchboard: Select Alias": the status bar's click. Writes where the current
 * value comes from, so a workspace's `activeAlias` does not silently override
 * the choice; says so when the choice lands in workspace settings or still loses.
 */
export async function selectAlias(config: ConfigController): Promise<void> {
  const aliases = config.usable?.aliases ?? {};
  const items = Object.entries(aliases).map(([name, a]) => ({
    label: name,
    description: a.deployments.join(', '),
    detail: `${a.strategy ?? 'ordered'}${a.fallbacks?.length ? ` · falls back to ${a.fallbacks.join(', ')}` : ''}`,
    picked: name === config.activeAlias,
  }));
  if (items.length === 0) {
    void vscode.window.showWarningMessage('Switchboard: no aliases configured. Add some under "switchboard.aliases".');
    return;
  }
  const pick = await vscode.window.showQuickPick(items, { title: 'Switchboard: Select Alias', placeHolder: `Active: ${config.activeAlias}` });
  if (!pick) return;
  const settings = vscode.workspace.getConfiguration(SECTION);
  const { target, where } = targetOf(settings);
  try {
    await settings.update(KEY, pick.label, target);
  } catch (err) {
    void vscode.window.showErrorMessage(`Switchboard: could not save the alias in ${where}: ${err instanceof Error ? err.message : String(err)}`);
    return;
  }
  const effective = readSetting<string>(KEY);
  if (effective !== pick.label) {
    void vscode.window.showWarningMessage(`Switchboard: "${pick.label}" was saved in ${where}, but a more specific setting of ${SECTION}.${KEY} ("${effective ?? ''}") still wins. Change or remove it there.`);
  } else if (target !== vscode.ConfigurationTarget.Global) {
    void vscode.window.showInformationMessage(`Switchboard: "${pick.label}" saved in ${where}, which set ${SECTION}.${KEY} for this workspace.`);
  }
}

/** Writes `alias` as switchboard.activeAlias where the current value comes from (the chat view's picker uses it too). */
export async function saveActiveAlias(alias: string): Promise<void> {
  const settings = vscode.workspace.getConfiguration(SECTION);
  const { target, where } = targetOf(settings);
  try {
    await settings.update(KEY, alias, target);
  } catch (err) {
    void vscode.window.showErrorMessage(`Switchboard: could not save the alias in ${where}: ${err instanceof Error ? err.message : String(err)}`);
    return;
  }
  const effective = readSetting<string>(KEY);
  if (effective !== alias) void vscode.window.showWarningMessage(`Switchboard: "${alias}" was saved in ${where}, but a more specific setting of ${SECTION}.${KEY} ("${effective ?? ''}") still wins. Change or remove it there.`);
}
