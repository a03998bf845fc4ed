import * as vscode from 'vscode';
import { Attachment } from '../chat/chat-surface';
import { SymbolNode, enclosingFunction } from './enclosing-symbol';

/** The code a command works on, and how it was chosen (said in the chat when it was not a selection). */
export type SelectionTarget =
  | { how: 'selection'; document: vscode.TextDocument; range: vscode.Range }
  | { how: 'function'; document: vscode.TextDocument; range: vscode.Range; name: string }
  | { how: 'line'; document: vscode.TextDocument; range: vscode.Range };

/** The language server may still be starting; a command must not hang on it. */
const SYMBOLS_TIMEOUT_MS = 3_000;

function toNode(s: vscode.DocumentSymbol | vscode.SymbolInformation): SymbolNode {
  const range = 'location' in s ? s.location.range : s.range;
  return {
    name: s.name,
    kind: s.kind,
    startLine: range.start.line,
    startCharacter: range.start.character,
    endLine: range.end.line,
    endCharacter: range.end.character,
    children: 'children' in s ? s.children.map(toNode) : [],
  };
}

async function documentSymbols(document: vscode.TextDocument): Promise<SymbolNode[]> {
  const request = Promise.resolve(vscode.commands.executeCommand<(vscode.DocumentSymbol | vscode.SymbolInformation)[] | undefined>('vscode.executeDocumentSymbolProvider', document.uri)).catch(() => undefined);
  const timeout = new Promise<undefined>((r) => setTimeout(() => r(undefined), SYMBOLS_TIMEOUT_MS));
  const symbols = await Promise.race([request, timeout]);
  return (symbols ?? []).map(toNode);
}

/**
 * The range a command uses: the selection; without one, the function around
 * `position` (from the language's symbol provider), else the current line.
 */
export async function resolveTarget(document: vscode.TextDocument, selection: vscode.Range, position: vscode.Position): Promise<SelectionTarget | undefined> {
  if (!selection.isEmpty) return { how: 'selection', document, range: selection };
  const fn = enclosingFunction(await documentSymbols(document), position.line, position.character);
  if (fn) return { how: 'function', document, name: fn.name, range: new vscode.Range(fn.startLine, fn.startCharacter, fn.endLine, fn.endCharacter) };
  const line = document.lineAt(position.line);
  if (line.isEmptyOrWhitespace) return undefined;
  return { how: 'line', document, range: line.range };
}

/** 1-based first and last line; a selection ending at column 0 does not include that line. */
export function lineSpan(range: vscode.Range): { startLine: number; endLine: number } {
  const end = range.end.character === 0 && range.end.line > range.start.line ? range.end.line : range.end.line + 1;
  return { startLine: range.start.line + 1, endLine: end };
}

/** What the chat shows and sends for the target. */
export function attachmentOf(target: SelectionTarget): Attachment {
  const { document, range } = target;
  return {
    kind: 'selection',
    path: document.isUntitled ? document.fileName : vscode.workspace.asRelativePath(document.uri, false),
    uri: document.uri.toString(),
    ...lineSpan(range),
    languageId: document.languageId,
    text: document.getText(range),
  };
}

/** "(no selection: the enclosing function add, lines 3-7)" — said in the chat so the user knows what was sent. */
export function describeTarget(target: SelectionTarget): string {
  const { startLine, endLine } = lineSpan(target.range);
  switch (target.how) {
    case 'selection':
      return '';
    case 'function':
      return ` (no selection: the enclosing function ${target.name}, lines ${startLine}-${endLine})`;
    case 'line':
      return ` (no selection: line ${startLine})`;
    default:
      return target satisfies never;
  }
}
