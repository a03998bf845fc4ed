import * as vscode from 'vscode';
import { EditProposer, NewFileProposal, ProposalOutcome, ReplacementProposal } from './edit-proposer';
import { PROPOSAL_SCHEME, ProposalDocuments } from './proposal-documents';
import { TrackedRange } from './tracked-range';
import { fileExists } from './file-exists';

/** Context key: the active editor is the diff of a proposal still waiting for Accept or Reject. */
export const PROPOSAL_ACTIVE_KEY = 'switchboard.proposalActive';
export const ACCEPT_COMMAND = 'switchboard.acceptProposal';
export const REJECT_COMMAND = 'switchboard.rejectProposal';

type Change =
  | { kind: 'replace'; tracked: TrackedRange; proposed: string }
  | { kind: 'create'; uri: vscode.Uri; content: string };

/** A proposal waiting for a decision: its id (for Accept / Reject buttons elsewhere) and how it will end. */
export interface PendingProposal {
  id: string;
  outcome: Promise<ProposalOutcome>;
}

interface Pending {
  change: Change;
  /** Right-hand side of the diff: identifies its tab. */
  proposedUri: vscode.Uri;
  originalUri: vscode.Uri;
  resolve: (outcome: ProposalOutcome) => void;
}

function fileName(uri: vscode.Uri): string {
  return uri.path.split('/').pop() || 'untitled';
}

function describeRange(r: vscode.Range): string {
  return r.start.line === r.end.line ? `line ${r.start.line + 1}` : `lines ${r.start.line + 1}-${r.end.line + 1}`;
}

/**
 * The one apply path (S6): a proposal opens as a diff of two read-only virtual
 * documents (the frozen original, the proposal) and is written only on Accept
 * (editor title, chat, or the commands with a proposal id). Closing the diff rejects.
 */
export class DiffProposer implements EditProposer, vscode.Disposable {
  private readonly documents = new ProposalDocuments();
  private readonly pending = new Map<string, Pending>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private counter = 0;

  constructor() {
    this.subscriptions.push(
      this.documents,
      vscode.commands.registerCommand(ACCEPT_COMMAND, (arg?: unknown) => this.decide(arg, 'accept')),
      vscode.commands.registerCommand(REJECT_COMMAND, (arg?: unknown) => this.decide(arg, 'reject')),
      vscode.window.tabGroups.onDidChangeTabs((e) => {
        // Closing a proposal's diff is a Reject: nothing may stay waiting for a decision no one can see.
        for (const tab of e.closed) {
          const id = this.proposalIdOfTab(tab);
          if (id !== undefined && this.pending.has(id)) this.finish(id, { kind: 'rejected' }, false);
        }
        this.updateContext();
      }),
      vscode.window.tabGroups.onDidChangeTabGroups(() => this.updateContext()),
    );
  }

  proposeReplacement(p: ReplacementProposal): Promise<ProposalOutcome> {
    return this.startReplacement(p).outcome;
  }

  proposeNewFile(p: NewFileProposal): Promise<ProposalOutcome> {
    return this.startNewFile(p).outcome;
  }

  /** Like proposeReplacement, also giving the proposal's id for `accept` / `reject`. */
  startReplacement(p: ReplacementProposal): PendingProposal {
    const id = this.nextId();
    const tracked = new TrackedRange(p.document, p.range);
    const full = p.document.getText();
    const start = p.document.offsetAt(p.range.start);
    const end = p.document.offsetAt(p.range.end);
    const name = fileName(p.document.uri);
    const originalUri = this.documents.add(id, 'original', name, full);
    const proposedUri = this.documents.add(id, 'proposed', name, full.slice(0, start) + p.proposed + full.slice(end));
    return this.open(id, { kind: 'replace', tracked, proposed: p.proposed }, originalUri, proposedUri, p.title);
  }

  /** Like proposeNewFile, also giving the proposal's id for `accept` / `reject`. */
  startNewFile(p: NewFileProposal): PendingProposal {
    const id = this.nextId();
    const name = fileName(p.uri);
    const originalUri = this.documents.add(id, 'original', name, '');
    const proposedUri = this.documents.add(id, 'proposed', name, p.content);
    const where = vscode.workspace.asRelativePath(p.uri, false);
    return this.open(id, { kind: 'create', uri: p.uri, content: p.content }, originalUri, proposedUri, `${p.title} → ${where} (new file)`);
  }

  /** Ids of proposals waiting for a decision, oldest first. */
  pendingIds(): string[] {
    return [...this.pending.keys()];
  }

  dispose(): void {
    for (const id of [...this.pending.keys()]) this.finish(id, { kind: 'rejected' }, false);
    for (const s of this.subscriptions.splice(0)) s.dispose();
  }

  private nextId(): string {
    this.counter += 1;
    return `p${this.counter}`;
  }

  /** Accepts a pending proposal (from a button outside the diff); a settled one is left alone. */
  accept(id: string): Promise<void> {
    return this.decide(id, 'accept');
  }

  reject(id: string): Promise<void> {
    return this.decide(id, 'reject');
  }

  private open(id: string, change: Change, originalUri: vscode.Uri, proposedUri: vscode.Uri, title: string): PendingProposal {
    const outcome = new Promise<ProposalOutcome>((resolve) => this.pending.set(id, { change, originalUri, proposedUri, resolve }));
    void Promise.resolve(vscode.commands.executeCommand('vscode.diff', originalUri, proposedUri, title, { preview: false })).then(
      () => this.updateContext(),
      (err: unknown) => this.finish(id, { kind: 'stale', message: `Could not open the proposal: ${err instanceof Error ? err.message : String(err)}` }, false),
    );
    return { id, outcome };
  }

  /** Which proposal a command means: an id, the URI the editor title passes, the active diff, else the newest. */
  private resolveId(arg: unknown): string | undefined {
    if (typeof arg === 'string') return arg;
    if (arg instanceof vscode.Uri && arg.scheme === PROPOSAL_SCHEME) return arg.path.split('/')[1];
    const active = vscode.window.tabGroups.activeTabGroup.activeTab;
    const fromTab = active ? this.proposalIdOfTab(active) : undefined;
    if (fromTab !== undefined && this.pending.has(fromTab)) return fromTab;
    return this.pendingIds().pop();
  }

  private async decide(arg: unknown, decision: 'accept' | 'reject'): Promise<void> {
    const id = this.resolveId(arg);
    if (id === undefined || !this.pending.has(id)) {
      void vscode.window.showInformationMessage('Switchboard: there is no proposal waiting for a decision (it was accepted, rejected or closed).');
      return;
    }
    if (decision === 'reject') this.finish(id, { kind: 'rejected' }, true);
    else await this.applyProposal(id);
  }

  private async applyProposal(id: string): Promise<void> {
    const p = this.pending.get(id);
    if (!p) return;
    const change = p.change;
    if (change.kind === 'replace') {
      const now = await change.tracked.current();
      if (!now) {
        this.finish(id, { kind: 'stale', message: `${fileName(change.tracked.uri)} changed in the proposed range since the proposal was made, so nothing was applied.` }, true);
        return;
      }
      const { document: doc, range } = now;
      const edit = new vscode.WorkspaceEdit();
      edit.replace(doc.uri, range, change.proposed);
      if (!(await vscode.workspace.applyEdit(edit))) {
        this.finish(id, { kind: 'stale', message: `VS Code did not apply the edit to ${fileName(doc.uri)} (${describeRange(range)}); nothing was changed.` }, true);
        return;
      }
      this.finish(id, { kind: 'accepted' }, true);
      const start = range.start;
      const end = doc.positionAt(doc.offsetAt(start) + change.proposed.length);
      await vscode.window.showTextDocument(doc, { selection: new vscode.Range(start, end), preview: false });
      return;
    }
    if (await fileExists(change.uri)) {
      this.finish(id, { kind: 'stale', message: `${vscode.workspace.asRelativePath(change.uri, false)} exists now, so it was not overwritten.` }, true);
      return;
    }
    const edit = new vscode.WorkspaceEdit();
    edit.createFile(change.uri, { ignoreIfExists: false, overwrite: false, contents: new TextEncoder().encode(change.content) });
    if (!(await vscode.workspace.applyEdit(edit))) {
      this.finish(id, { kind: 'stale', message: `VS Code did not create ${vscode.workspace.asRelativePath(change.uri, false)}.` }, true);
      return;
    }
    this.finish(id, { kind: 'accepted' }, true);
    await vscode.window.showTextDocument(change.uri, { preview: false });
  }


  /** Settles a proposal once: forgets it, frees its documents and (when still open) closes its diff. */
  private finish(id: string, outcome: ProposalOutcome, closeDiff: boolean): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    if (p.change.kind === 'replace') p.change.tracked.dispose();
    if (closeDiff) {
      const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => this.proposalIdOfTab(t) === id);
      if (tabs.length > 0) void vscode.window.tabGroups.close(tabs);
    }
    this.documents.remove(p.originalUri);
    this.documents.remove(p.proposedUri);
    this.updateContext();
    p.resolve(outcome);
  }

  private proposalIdOfTab(tab: vscode.Tab): string | undefined {
    const input = tab.input;
    if (!(input instanceof vscode.TabInputTextDiff) || input.modified.scheme !== PROPOSAL_SCHEME) return undefined;
    return input.modified.path.split('/')[1];
  }

  private updateContext(): void {
    const active = vscode.window.tabGroups.activeTabGroup.activeTab;
    const id = active ? this.proposalIdOfTab(active) : undefined;
    void vscode.commands.executeCommand('setContext', PROPOSAL_ACTIVE_KEY, id !== undefined && this.pending.has(id));
  }
}
