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

  constructor(readonly document: vscode.TextDocument, range: vscode.Range) {
    this.original = document.getText(range);
    this.span = { start: document.offsetAt(range.start), end: document.offsetAt(range.end) };
    this.listener = vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document !== document || !this.span) return;
      this.span = shiftSpanByEvent(this.span, e.contentChanges);
    });
  }

  /** The range now, or `undefined` when the text in it changed (also when changed on disk while closed). */
  current(): vscode.Range | undefined {
    if (!this.span || this.document.isClosed) return undefined;
    const range = new vscode.Range(this.document.positionAt(this.span.start), this.document.positionAt(this.span.end));
    return this.document.getText(range) === this.original ? range : undefined;
  }

  /** The text of the range when tracking started. */
  get originalText(): string {
    return this.original;
  }

  dispose(): void {
    this.listener.dispose();
  }
}
