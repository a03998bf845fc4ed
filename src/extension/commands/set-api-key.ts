import * as vscode from 'vscode';
import { providerOrigin } from '../../core/index';
import { ConfigController } from '../settings/config-controller';
import { KeyStore } from '../secrets/key-store';

interface ProviderPick extends vscode.QuickPickItem {
  providerId: string;
  secretName: string;
  origin: string;
  /** Set for a `secretHeaders` entry: the header this secret is sent as. */
  header?: string;
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
    if (!origin) continue;
    if (p.apiKeySecret) picks.push({ label: id, description: `${p.kind} · ${origin}`, detail: (await keys.has(p.apiKeySecret)) ? 'key set (will be replaced)' : 'no key yet', providerId: id, secretName: p.apiKeySecret, origin });
    for (const [header, secretName] of Object.entries(p.secretHeaders ?? {})) {
      picks.push({ label: `${id} · ${header}`, description: `header sent to ${origin}`, detail: (await keys.has(secretName)) ? 'value set (will be replaced)' : 'no value yet', providerId: id, secretName, origin, header });
    }
  }
  if (picks.length === 0) {
    void vscode.window.showWarningMessage('Switchboard: no provider names a key. Add "apiKeySecret" (or "secretHeaders") to a provider in "switchboard.providers" first.');
    return undefined;
  }
  const pick = providerId ? picks.find((p) => p.providerId === providerId) : picks.length === 1 ? picks[0] : await vscode.window.showQuickPick(picks, { title: 'Switchboard: Set API Key', placeHolder: 'Which provider is this key for?' });
  if (!pick) return undefined;
  const key = await vscode.window.showInputBox({
    title: pick.header ? `Value of the "${pick.header}" header for "${pick.providerId}"` : `API key for "${pick.providerId}"`,
    prompt: `Stored in VS Code's secret storage and sent only to ${pick.origin}.`,
    password: true,
    ignoreFocusOut: true,
    // A header value may be "Bearer <token>"; a key has no spaces.
    validateInput: (v) => (v.trim() === '' ? 'Enter the value, or press Escape to cancel.' : !pick.header && /\s/.test(v.trim()) ? 'A key has no spaces in it.' : undefined),
  });
  if (key === undefined) return undefined;
  await keys.save(pick.secretName, key.trim(), pick.origin);
  void vscode.window.showInformationMessage(`Switchboard: ${pick.header ? `"${pick.header}" value` : 'key'} for "${pick.providerId}" saved.`);
  return pick.providerId;
}
