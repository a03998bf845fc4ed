import * as vscode from 'vscode';

/** URI scheme of the frozen original and the proposal shown in a proposal's diff. */
export const PROPOSAL_SCHEME = 'switchboard-proposal';

/**
 * Read-only virtual documents for proposal diffs. Content-provider documents
 * cannot be edited, so neither side of the diff can drift from what was proposed.
 */
export class ProposalDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly registration: vscode.Disposable;

  constructor() {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(PROPOSAL_SCHEME, this);
  }

  /** A document holding `content`, named like the file it concerns so the diff shows its language. */
  add(id: string, side: 'original' | 'proposed', fileName: string, content: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path: `/${id}/${side}/${fileName}` });
    this.contents.set(uri.toString(), content);
    return uri;
  }

  remove(uri: vscode.Uri): void {
    this.contents.delete(uri.toString());
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  dispose(): void {
    this.registration.dispose();
    this.contents.clear();
  }
}
