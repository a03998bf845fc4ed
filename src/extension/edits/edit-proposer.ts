import type * as vscode from 'vscode';

/** Replace `range` of `document` with `proposed`; the original is snapshotted when proposed. */
export interface ReplacementProposal {
  document: vscode.TextDocument;
  range: vscode.Range;
  proposed: string;
  /** Shown as the diff editor's title, e.g. "Switchboard: Fix (proposal)". */
  title: string;
}

/** Create a new file at `uri` with `content`; nothing exists on disk until accepted. */
export interface NewFileProposal {
  uri: vscode.Uri;
  content: string;
  title: string;
}

export type ProposalOutcome =
  | { kind: 'accepted' }
  | { kind: 'rejected' }
  /** The document changed in that range (or the target file appeared) since the proposal: nothing written. */
  | { kind: 'stale'; message: string };

/**
 * The one apply path (S6): every model-proposed change is shown as a diff of two
 * read-only virtual documents and written only when the user accepts it.
 * Used by the selection commands and by the chat's code-block "Apply".
 */
export interface EditProposer {
  proposeReplacement(proposal: ReplacementProposal): Promise<ProposalOutcome>;
  proposeNewFile(proposal: NewFileProposal): Promise<ProposalOutcome>;
}
