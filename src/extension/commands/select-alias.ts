import * as vscode from 'vscode';
import { ConfigController, SECTION } from '../settings/config-controller';

/** "Switchboard: Select Alias": the status bar's click; stored as a user setting. */
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
  if (pick) await vscode.workspace.getConfiguration(SECTION).update('activeAlias', pick.label, vscode.ConfigurationTarget.Global);
}
