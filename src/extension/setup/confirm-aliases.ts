import * as vscode from 'vscode';
import { AliasProposal } from './propose-aliases';

interface ProposalItem extends vscode.QuickPickItem {
  proposal: AliasProposal;
}

/** Shows the proposed aliases, all ticked; the user unticks what they do not want. */
export async function confirmAliases(proposals: readonly AliasProposal[]): Promise<AliasProposal[] | undefined> {
  if (proposals.length === 0) return [];
  const items: ProposalItem[] = proposals.map((p) => ({
    label: p.name,
    description: `→ ${p.deploymentId} (${p.why})`,
    detail: p.isNew ? `new alias${p.alias.fallbacks?.length ? `, falls back to ${p.alias.fallbacks.join(', ')}` : ''}` : `existing alias: ${p.alias.deployments.join(', ')} (failover across providers)`,
    picked: true,
    proposal: p,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Switchboard: Add Provider — default aliases',
    placeHolder: 'Aliases are the names you pick in chat. Untick any you do not want, then Enter.',
    canPickMany: true,
    ignoreFocusOut: true,
  });
  return picked?.map((i) => i.proposal);
}
