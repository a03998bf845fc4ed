import * as vscode from 'vscode';
import { DeploymentHealthReport, Orchestrator } from '../../core/index';
import { asReport, deploymentState, describeState } from '../health/deployment-state';
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

type PickerItem = vscode.QuickPickItem & ({ action: 'alias'; alias: string } | { action: 'command'; command: string });

/** One alias's line: its deployments, each with its live state. */
function aliasItem(name: string, config: ConfigController, health: ReadonlyMap<string, DeploymentHealthReport>, now: number, overBudget: readonly string[]): PickerItem {
  const budget = overBudget.length > 0 ? `$(warning) over budget · ` : '';
  const usable = config.usable;
  const alias = usable?.aliases[name];
  const active = name === config.activeAlias;
  if (!alias) {
    const tiers = usable?.auto?.tiers.map((t) => t.alias).join(' → ') ?? '';
    return { label: `${active ? '$(check) ' : ''}${name}`, description: `picks a tier per request: ${tiers}`, detail: `${budget}A local classifier scores each request (no model call) and routes it to the cheapest tier that fits.`, action: 'alias', alias: name };
  }
  const states = alias.deployments.map((id) => {
    const h = health.get(id);
    return `${id}: ${h ? describeState(deploymentState(h, now)) : 'healthy'}`;
  });
  const fallbacks = alias.fallbacks?.length ? ` · falls back to ${alias.fallbacks.join(', ')}` : '';
  return { label: `${active ? '$(check) ' : ''}${name}`, description: `${alias.strategy ?? 'ordered'}${fallbacks}`, detail: budget + states.join(' · '), action: 'alias', alias: name };
}

function buildItems(config: ConfigController, orchestrator: Orchestrator | undefined, overBudget: readonly string[]): PickerItem[] {
  const now = Date.now();
  const health = new Map((orchestrator?.health() ?? []).map((h) => [h.deploymentId, asReport(h)]));
  const names = config.aliasNames;
  const items: PickerItem[] = names.map((n) => aliasItem(n, config, health, now, overBudget));
  if (overBudget.length > 0) {
    items.unshift({ label: '$(warning) Over budget', kind: vscode.QuickPickItemKind.Separator, action: 'command', command: '' });
    items.splice(1, 0, ...overBudget.map((line): PickerItem => ({ label: line, description: 'Show Spending', action: 'command', command: 'switchboard.showSpending' })));
    items.splice(1 + overBudget.length, 0, { label: 'Aliases', kind: vscode.QuickPickItemKind.Separator, action: 'command', command: '' });
  }
  items.push({ label: '', kind: vscode.QuickPickItemKind.Separator, action: 'command', command: '' });
  items.push({ label: '$(add) Add Provider…', action: 'command', command: 'switchboard.addProvider' });
  items.push({ label: '$(pulse) Show Health', action: 'command', command: 'switchboard.showHealth' });
  return items;
}

/**
 * "Switchboard: Select Alias": the status bar's click. Every alias (and `auto`)
 * with its deployments' live health, refreshed each second while open so a
 * cooldown counts down; plus Add Provider and Show Health. Writes where the
 * current value comes from, so a workspace's `activeAlias` does not silently
 * override the choice; says so when the choice lands in workspace settings or still loses.
 */
export async function selectAlias(config: ConfigController, orchestrator: () => Orchestrator | undefined, overBudget: () => readonly string[] = () => []): Promise<void> {
  const qp = vscode.window.createQuickPick<PickerItem>();
  qp.title = 'Switchboard: Select Alias';
  qp.placeholder = config.aliasNames.length ? `Active: ${config.activeAlias}` : 'No alias yet: add a provider first.';
  qp.matchOnDetail = true;
  const refresh = (): void => {
    const active = qp.activeItems[0];
    qp.items = buildItems(config, orchestrator(), overBudget());
    const same = active && qp.items.find((i) => i.label === active.label);
    if (same) qp.activeItems = [same];
  };
  refresh();
  // A local countdown for cooldowns: reads the orchestrator's state, never calls a provider.
  const timer = setInterval(refresh, 1000);
  const pick = await new Promise<PickerItem | undefined>((resolve) => {
    qp.onDidAccept(() => resolve(qp.selectedItems[0]));
    qp.onDidHide(() => resolve(undefined));
    qp.show();
  });
  clearInterval(timer);
  qp.dispose();
  if (!pick) return;
  if (pick.action === 'command') {
    if (pick.command) void vscode.commands.executeCommand(pick.command);
    return;
  }
  await saveActiveAlias(pick.alias);
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
  if (effective !== alias) {
    void vscode.window.showWarningMessage(`Switchboard: "${alias}" was saved in ${where}, but a more specific setting of ${SECTION}.${KEY} ("${effective ?? ''}") still wins. Change or remove it there.`);
  } else if (target !== vscode.ConfigurationTarget.Global) {
    void vscode.window.showInformationMessage(`Switchboard: "${alias}" saved in ${where}, which set ${SECTION}.${KEY} for this workspace.`);
  }
}
