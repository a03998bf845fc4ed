import * as vscode from 'vscode';
import { checkEndpoint } from '../../core/index';
import { KeyCheck, describeKeyCheck } from './check-key';
import { listModels } from './list-models';
import { ProviderChoice } from './provider-choices';

const TITLE = 'Switchboard: Add Provider';

/** The base URL step: prefilled, editable; https, or http only on loopback. */
export async function askBaseUrl(choice: ProviderChoice, current?: string): Promise<string | undefined> {
  const url = await vscode.window.showInputBox({
    title: `${TITLE} — ${choice.label} base URL`,
    prompt: choice.kind === 'anthropic' ? 'The API origin (the SDK adds /v1/messages).' : choice.kind === 'azure-openai' ? 'Your Azure OpenAI resource endpoint.' : 'The base URL including the version path (…/v1).',
    value: current ?? choice.baseUrl,
    placeHolder: choice.hint,
    ignoreFocusOut: true,
    validateInput: (v) => {
      const check = checkEndpoint(v.trim());
      if (!check.ok) return `The URL ${check.reason}`;
      if (choice.kind === 'anthropic' && /\/v1\/?$/.test(check.url.pathname)) return 'For Anthropic give the origin only (e.g. https://api.anthropic.com).';
      return undefined;
    },
  });
  return url?.trim().replace(/\/+$/, '');
}

export async function askKey(label: string, origin: string): Promise<string | undefined> {
  const key = await vscode.window.showInputBox({
    title: `${TITLE} — API key for ${label}`,
    prompt: `Stored only in VS Code's secret storage and sent only to ${origin}. It is checked with one free call (the model list).`,
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() === '' ? 'Enter the key, or press Escape to cancel.' : /\s/.test(v.trim()) ? 'A key has no spaces in it.' : undefined),
  });
  return key?.trim();
}

export type Verified = { key: string | undefined; check: KeyCheck };

/**
 * Key step plus the check, looped until the key works or the user moves on:
 * a refused key is said plainly and asked again; an unreachable server may be
 * saved anyway (it may be down right now).
 */
export async function askAndCheckKey(choice: ProviderChoice, baseUrl: string): Promise<Verified | undefined> {
  const origin = new URL(baseUrl).origin;
  for (;;) {
    const key = choice.needsKey ? await askKey(choice.label, origin) : undefined;
    if (choice.needsKey && key === undefined) return undefined;
    const check = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Switchboard: checking ${choice.label} at ${origin}…` }, () =>
      listModels({ listing: choice.listing, baseUrl, key }),
    );
    if (check.kind === 'ok') {
      void vscode.window.showInformationMessage(`Switchboard: ${choice.needsKey ? 'the key works' : `${choice.label} answers`}; ${check.models.length} models found.`);
      return { key, check };
    }
    const what = `Switchboard: ${choice.label} — ${describeKeyCheck(check)}`;
    if (check.kind === 'unlisted') {
      void vscode.window.showWarningMessage(`${what}. Type the model names next.`);
      return { key, check };
    }
    const again = check.kind === 'invalid' ? 'Enter Another Key' : 'Try Again';
    const choiceMade = await vscode.window.showWarningMessage(what, { modal: true }, again, 'Save Anyway');
    if (choiceMade === 'Save Anyway') return { key, check };
    if (choiceMade !== again) return undefined;
  }
}
