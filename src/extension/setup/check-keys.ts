import * as vscode from 'vscode';
import { ConfigController } from '../settings/config-controller';
import { KeyCheck, checkProviderKey, describeKeyCheck } from './check-key';
import { SetupDeps } from './setup-deps';

const ICON: Record<KeyCheck['kind'], string> = { ok: '$(pass)', invalid: '$(error)', unreachable: '$(debug-disconnect)', unlisted: '$(question)', 'no-key': '$(key)', 'no-url': '$(warning)', 'wrong-origin': '$(shield)' };

interface ResultItem extends vscode.QuickPickItem {
  providerId: string;
  check: KeyCheck;
}

/**
 * "Switchboard: Check Keys": every provider, one line each (ok / invalid /
 * unreachable / no key). A key that checks out lifts a 401 block (R: saving
 * the same key again would not). Picking a bad line offers to set its key.
 */
export async function checkKeys(config: ConfigController, deps: SetupDeps): Promise<void> {
  const providers = Object.entries(config.usable?.providers ?? {});
  if (providers.length === 0) {
    const add = await vscode.window.showInformationMessage('Switchboard: no provider is configured yet.', 'Add Provider…');
    if (add) void vscode.commands.executeCommand('switchboard.addProvider');
    return;
  }
  const results = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Switchboard: checking ${providers.length} provider key(s)…` }, () =>
    Promise.all(providers.map(async ([id, p]) => ({ id, check: await checkProviderKey(id, p, deps.keys) }))),
  );
  for (const { id, check } of results) {
    deps.log.info(`Check Keys: ${id}: ${describeKeyCheck(check)}`);
    if (check.kind === 'ok') deps.orchestrator()?.clearKeyRejection(id);
  }
  const items: ResultItem[] = results.map(({ id, check }) => ({ label: `${ICON[check.kind]} ${id}`, description: describeKeyCheck(check), providerId: id, check }));
  const bad = results.filter((r) => r.check.kind !== 'ok').length;
  const pick = await vscode.window.showQuickPick(items, {
    title: `Switchboard: Check Keys — ${bad === 0 ? 'all keys work' : `${bad} of ${results.length} need attention`}`,
    placeHolder: 'Pick a provider to set its key.',
    ignoreFocusOut: true,
  });
  if (pick && (pick.check.kind === 'invalid' || pick.check.kind === 'no-key' || pick.check.kind === 'wrong-origin')) {
    void vscode.commands.executeCommand('switchboard.setApiKey', pick.providerId);
  }
}
