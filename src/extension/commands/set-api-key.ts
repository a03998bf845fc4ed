import * as vscode from 'vscode';
import { providerOrigin } from '../../core/index';
import { ConfigController } from '../settings/config-controller';
import { KeyStore } from '../secrets/key-store';

interface ProviderPick extends vscode.QuickPickItem {
  providerId: string;
  secretName: string;
  origin: string;
}

/**
 * "Switchboard: Set API Key": pick a provider, type the key in a password box.
 * The key goes to SecretStorage only, bound to the provider's current origin.
 */
export async function setApiKey(config: ConfigController, keys: KeyStore, providerId?: string): Promise<string | undefined> {
  const providers = config.usable?.providers ?? {};
  const picks: ProviderPick[] = [];
  for (const [id, p] of Object.entries(providers)) {
    const origin = providerOrigin(p);
    if (!p.apiKeySecret || !origin) continue;
    picks.push({ label: id, description: `${p.kind} · ${origin}`, detail: (await keys.has(p.apiKeySecret)) ? 'key set (will be replaced)' : 'no key yet', providerId: id, secretName: p.apiKeySecret, origin });
  }
  if (picks.length === 0) {
    void vscode.window.showWarningMessage('Switchboard: no provider names a key. Add "apiKeySecret" to a provider in "switchboard.providers" first.');
    return undefined;
  }
  const pick = providerId ? picks.find((p) => p.providerId === providerId) : picks.length === 1 ? picks[0] : await vscode.window.showQuickPick(picks, { title: 'Switchboard: Set API Key', placeHolder: 'Which provider is this key for?' });
  if (!pick) return undefined;
  const key = await vscode.window.showInputBox({
    title: `API key for "${pick.providerId}"`,
    prompt: `Stored in VS Code's secret storage and sent only to ${pick.origin}.`,
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() === '' ? 'Enter the key, or press Escape to cancel.' : /\s/.test(v.trim()) ? 'A key has no spaces in it.' : undefined),
  });
  if (key === undefined) return undefined;
  await keys.save(pick.secretName, key.trim(), pick.origin);
  void vscode.window.showInformationMessage(`Switchboard: key for "${pick.providerId}" saved.`);
  return pick.providerId;
}
