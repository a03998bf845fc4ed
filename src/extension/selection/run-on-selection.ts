import * as vscode from 'vscode';
import { AnswerAction, ChatOutcome, ChatSurface } from '../chat/chat-surface';
import { DiffProposer, PendingProposal } from '../edits/diff-proposer';
import { extractCodeBlock } from '../edits/extract-code-block';
import { fitReplacement } from '../edits/fit-replacement';
import { AnswerUse, PromptSubject } from './command-prompts';
import { inspectText } from './inspect-text';
import { SelectionTarget, attachmentOf, describeTarget, lineSpan } from './selection-target';
import { TrackedRange } from '../edits/tracked-range';

/**
 * S9 input cap for one selection (~25k tokens): past it a request is refused
 * before sending. Smaller context windows are the core's pre-check (it refuses
 * before any provider call, naming the alias).
 */
export const MAX_SELECTION_CHARS = 100_000;

/** One run of a command on code: how to ask, and what to do with the answer. */
export interface SelectionJob {
  /** `command:<name>`, recorded on the CallRecord. */
  origin: string;
  /** The user's turn in the chat ("Fix", "Explain", "Translate to Go"). */
  display: string;
  use: AnswerUse;
  alias?: string;
  /** The instruction for this subject; `newFilePath` is set for `new-file` jobs. */
  prompt: (subject: PromptSubject, newFilePath?: string) => string;
  /** For `new-file`: where the file goes (workspace-relative when inside the workspace). */
  newFile?: (target: SelectionTarget) => Promise<NewFilePlace>;
}

/** Where a new file goes, or why there is no place for it. */
export type NewFilePlace = { ok: true; uri: vscode.Uri } | { ok: false; message: string };

export interface RunDeps {
  chat: ChatSurface;
  proposer: DiffProposer;
  log: vscode.LogOutputChannel;
}

function describeProblem(problem: NonNullable<ReturnType<typeof inspectText>>): string {
  switch (problem.kind) {
    case 'binary':
      return 'The selection looks like binary data (control characters), not code; nothing was sent. Select text.';
    case 'empty':
      return 'The selection is empty; select some code first.';
    case 'too-large':
      return `The selection has ${problem.chars.toLocaleString('en-US')} characters, more than the ${problem.limit.toLocaleString('en-US')} a command sends; nothing was sent. Select a smaller part (one function or class).`;
    default:
      return problem satisfies never;
  }
}

function why(outcome: Exclude<ChatOutcome, { status: 'refused' | 'ok' }>): string {
  switch (outcome.status) {
    case 'incomplete':
      return `the answer was cut off (${outcome.message})`;
    case 'error':
      return `the request failed (${outcome.message})`;
    case 'cancelled':
      return 'the answer was stopped';
    default:
      return outcome satisfies never;
  }
}

/** Asks, streams into the chat and, for edits, opens the proposal diff; resolves when the user decided. */
export async function runOnSelection(deps: RunDeps, job: SelectionJob, target: SelectionTarget): Promise<void> {
  const attachment = attachmentOf(target);
  deps.log.info(`${job.origin}: ${attachment.path} lines ${attachment.startLine}-${attachment.endLine} (${target.how}).`);
  const problem = inspectText(attachment.text, MAX_SELECTION_CHARS);
  if (problem) {
    deps.log.warn(`${job.origin}: refused before sending: ${problem.kind}.`);
    void vscode.window.showWarningMessage(`Switchboard: ${describeProblem(problem)}`);
    return;
  }
  const subject: PromptSubject = { file: attachment.path, languageId: attachment.languageId, startLine: attachment.startLine, endLine: attachment.endLine };
  let newFile: vscode.Uri | undefined;
  if (job.use === 'new-file') {
    const place: NewFilePlace = job.newFile ? await job.newFile(target) : { ok: false, message: 'this command does not create files.' };
    if (!place.ok) {
      void vscode.window.showWarningMessage(`Switchboard: ${place.message}`);
      return;
    }
    newFile = place.uri;
  }
  const tracked = job.use === 'edit' ? new TrackedRange(target.document, target.range) : undefined;
  try {
    const outcome = await deps.chat.submit({
      prompt: job.prompt(subject, newFile ? vscode.workspace.asRelativePath(newFile, false) : undefined),
      display: job.display + describeTarget(target),
      attachments: [attachment],
      ...(job.alias ? { alias: job.alias } : {}),
      origin: job.origin,
    });
    if (outcome.status === 'refused') {
      deps.log.warn(`${job.origin}: ${outcome.message}`);
      void vscode.window.showWarningMessage(`Switchboard: ${outcome.message}`);
      return;
    }
    if (job.use === 'chat') return;
    const rerun: AnswerAction = { label: 'Re-run', run: () => runOnSelection(deps, job, retarget(target)) };
    if (outcome.status !== 'ok') {
      deps.chat.setAnswerActions(outcome.requestId, `No edit proposed: ${why(outcome)}.`, [rerun]);
      return;
    }
    const block = extractCodeBlock(outcome.text);
    if (!block) {
      deps.chat.setAnswerActions(outcome.requestId, 'No edit proposed: the answer has no code block to apply.', [rerun]);
      return;
    }
    let pending: PendingProposal;
    let applied: string;
    if (tracked) {
      const now = await tracked.current();
      if (!now) {
        const message = `No edit proposed: ${attachment.path} changed in lines ${subject.startLine}-${subject.endLine} while the answer was being written.`;
        deps.chat.setAnswerActions(outcome.requestId, message, [rerun]);
        void vscode.window.showWarningMessage(`Switchboard: ${message}`);
        return;
      }
      const { document: doc, range } = now;
      const proposed = fitReplacement(block.code, {
        original: tracked.originalText,
        lineIndent: /^[ \t]*/.exec(doc.lineAt(range.start.line).text)?.[0] ?? '',
        startColumn: range.start.character,
        eol: doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n',
      });
      if (proposed === tracked.originalText) {
        deps.chat.setAnswerActions(outcome.requestId, 'No edit proposed: the answer\'s code is the same as yours.', [rerun]);
        return;
      }
      pending = deps.proposer.startReplacement({ document: doc, range, proposed, title: `Switchboard: ${job.display} (proposal)` });
      applied = `Applied to ${attachment.path}; one Undo restores the original.`;
    } else if (newFile) {
      pending = deps.proposer.startNewFile({ uri: newFile, content: block.code.endsWith('\n') ? block.code : `${block.code}\n`, title: `Switchboard: ${job.display}` });
      applied = `Created ${vscode.workspace.asRelativePath(newFile, false)}.`;
    } else {
      return;
    }
    const note = newFile ? `Proposed new file ${vscode.workspace.asRelativePath(newFile, false)}: review it, then accept (creates it) or reject.` : 'Proposed edit: review the diff, then accept or reject it.';
    deps.chat.setAnswerActions(outcome.requestId, note, [
      { label: 'Accept', run: () => deps.proposer.accept(pending.id) },
      { label: 'Reject', run: () => deps.proposer.reject(pending.id) },
    ]);
    const result = await pending.outcome;
    switch (result.kind) {
      case 'accepted':
        deps.chat.setAnswerActions(outcome.requestId, applied, []);
        return;
      case 'rejected':
        deps.chat.setAnswerActions(outcome.requestId, 'Rejected: nothing was changed.', [rerun]);
        return;
      case 'stale':
        deps.chat.setAnswerActions(outcome.requestId, `Not applied: ${result.message}`, [rerun]);
        void vscode.window.showWarningMessage(`Switchboard: ${result.message} Run "${job.display}" again on the current code?`, 'Re-run').then((choice) => {
          if (choice) void rerun.run();
        });
        return;
      default:
        result satisfies never;
    }
  } finally {
    tracked?.dispose();
  }
}

/** The same lines in the document as it is now (for Re-run after the code changed). */
function retarget(target: SelectionTarget): SelectionTarget {
  const doc = target.document;
  const { startLine, endLine } = lineSpan(target.range);
  const last = Math.min(endLine, doc.lineCount) - 1;
  const first = Math.min(startLine - 1, last);
  return { how: 'selection', document: doc, range: new vscode.Range(first, 0, last, doc.lineAt(last).text.length) };
}
