import * as vscode from 'vscode';

/** What a button under an answer does, kept in the extension (the view only sends back its id). */
export type CardAction =
  | { kind: 'retry'; alias?: string }
  | { kind: 'setApiKey'; provider: string }
  | { kind: 'showSpending' }
  | { kind: 'newChat' };

/** The card actions that are plain commands (Retry and New chat act on the chat itself). */
export async function runCommandAction(action: Extract<CardAction, { kind: 'setApiKey' | 'showSpending' }>): Promise<void> {
  switch (action.kind) {
    case 'setApiKey':
      // No provider known (the error had no deployment): the command asks which one.
      await vscode.commands.executeCommand('switchboard.setApiKey', action.provider || undefined);
      return;
    case 'showSpending':
      await vscode.commands.executeCommand('switchboard.showSpending');
      return;
  }
}
