import * as vscode from 'vscode';
import { Span, shiftSpanByEvent } from './track-span';

/**
 * Follows a range of a document from the moment a command reads it: edits
 * elsewhere move it, an edit inside it marks it changed. Accepting a proposal
 * made for text that has since changed would overwrite the user's work.
 */
export class TrackedRange implements vscode.Disposable {
  private span: Span | undefined;
  private readonly original: string;
  private readonly listener: vscode.Disposable;

  readonly uri: vscode.Uri;

  constructor(private document: vscode.TextDocument, range: vscode.Range) {
    this.uri = document.uri;
    this.original = document.getText(range);
    this.span = { start: document.offsetAt(range.start), end: document.offsetAt(range.end) };
    this.listener = vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document.uri.toString() !== this.uri.toString() || !this.span) return;
      this.span = shiftSpanByEvent(this.span, e.contentChanges);
    });
  }

  /** The document and range now, or `undefined` when the text in it changed. */
  async current(): Promise<{ document: vscode.TextDocument; range: vscode.Range } | undefined> {
    if (!this.span) return undefined;
    // Closed since (its tab was closed): reopen it; the text check below catches changes made on disk meanwhile.
    if (this.document.isClosed) this.document = await vscode.workspace.openTextDocument(this.uri);
    const range = new vscode.Range(this.document.positionAt(this.span.start), this.document.positionAt(this.span.end));
    return this.document.getText(range) === this.original ? { document: this.document, range } : undefined;
  }

  /** The text of the range when tracking started. */
  get originalText(): string {
    return this.original;
  }

  dispose(): void {
    this.listener.dispose();
  }
}
