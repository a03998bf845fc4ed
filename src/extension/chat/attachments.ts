import * as vscode from 'vscode';
import { SwitchboardConfig } from '../../core/index';
import type { Chip } from '../../protocol/chat-model';
import type { Attachment } from './chat-surface';

/** Attachments bigger than this are refused with a message (S9): the model would refuse them anyway. */
export const MAX_ATTACHMENT_CHARS = 400_000;

/** The active editor's selection (or, for `file` / an empty selection, the whole document) as an attachment. */
export function attachmentFromEditor(editor: vscode.TextEditor, what: 'selection' | 'file'): Attachment {
  const doc = editor.document;
  const sel = editor.selection;
  const whole = what === 'file' || sel.isEmpty;
  const range = whole ? new vscode.Range(0, 0, doc.lineCount, 0) : new vscode.Range(sel.start, sel.end);
  const endLine = whole ? doc.lineCount : sel.end.character === 0 && sel.end.line > sel.start.line ? sel.end.line : sel.end.line + 1;
  return {
    kind: whole ? 'file' : 'selection',
    path: vscode.workspace.asRelativePath(doc.uri, false),
    uri: doc.uri.toString(),
    startLine: whole ? 1 : sel.start.line + 1,
    endLine,
    languageId: doc.languageId,
    text: doc.getText(range),
  };
}

/** The active editor's selection or file for the composer, or undefined (after telling the user why). */
export function attachmentFromActiveEditor(what: 'selection' | 'file'): Attachment | undefined {
  const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
  if (!editor) {
    void vscode.window.showWarningMessage('Switchboard: open a file (and select code) to attach it to the prompt.');
    return undefined;
  }
  const a = attachmentFromEditor(editor, what);
  if (a.text.length > MAX_ATTACHMENT_CHARS) {
    void vscode.window.showWarningMessage(`Switchboard: ${a.path} is ${a.text.length} characters; attachments are limited to ${MAX_ATTACHMENT_CHARS}. Select a part of it instead.`);
    return undefined;
  }
  return a;
}

/** Rough input tokens for text (≈4 characters a token): an estimate shown before sending, labelled "~". */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** The input price per token of the alias's first deployment, when the config names one. */
function inputPricePerToken(config: SwitchboardConfig | undefined, alias: string): number | undefined {
  const first = config?.aliases[alias]?.deployments[0] ?? alias;
  const price = config?.deployments.find((d) => d.id === first)?.price?.inputPerMTok;
  return price === undefined ? undefined : price / 1e6;
}

export function chipOf(a: Attachment, config: SwitchboardConfig | undefined, alias: string): Chip {
  const tokens = estimateTokens(a.text);
  const perToken = inputPricePerToken(config, alias);
  return { kind: a.kind, path: a.path, startLine: a.startLine, endLine: a.endLine, languageId: a.languageId, tokens, costUsd: perToken === undefined ? null : tokens * perToken };
}

/** A fence longer than any backtick run inside the code, so the code cannot close it early. */
function fenceFor(text: string): string {
  const longest = Math.max(2, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length));
  return '`'.repeat(longest + 1);
}

/** The prompt the model gets: the instruction, then each attachment as fenced code with its file and lines. */
export function promptWithAttachments(prompt: string, attachments: readonly Attachment[]): string {
  if (attachments.length === 0) return prompt;
  const blocks = attachments.map((a) => {
    const fence = fenceFor(a.text);
    const body = a.text.endsWith('\n') ? a.text : `${a.text}\n`;
    return `${a.path} (lines ${a.startLine}-${a.endLine}):\n${fence}${a.languageId}\n${body}${fence}`;
  });
  return `${prompt}\n\n${blocks.join('\n\n')}`;
}
