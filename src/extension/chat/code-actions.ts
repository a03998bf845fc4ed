import * as vscode from 'vscode';
import type { CodeAction } from '../../protocol/messages';
import type { EditProposer } from '../edits/edit-proposer';
import { fitReplacement } from '../edits/fit-replacement';

/** The editor a code block's Insert / Apply goes to: the active one, else the first visible (the chat has focus). */
function targetEditor(): vscode.TextEditor | undefined {
  return vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme !== 'output');
}

/**
 * A code block's buttons (S6: nothing is written without a click, and Apply only
 * after Accept in the diff). Apply goes through the one apply path, the EditProposer.
 */
export async function runCodeAction(action: CodeAction, code: string, language: string, proposer: EditProposer): Promise<void> {
  switch (action) {
    case 'copy':
      await vscode.env.clipboard.writeText(code);
      void vscode.window.setStatusBarMessage('$(check) Switchboard: code copied to the clipboard', 3000);
      return;
    case 'newFile': {
      const doc = await vscode.workspace.openTextDocument({ content: code, ...(language ? { language: languageIdOf(language) } : {}) });
      await vscode.window.showTextDocument(doc, { preview: false });
      return;
    }
    case 'insert': {
      const editor = targetEditor();
      if (!editor) {
        void vscode.window.showWarningMessage('Switchboard: open a file and place the cursor where the code should go, then press Insert again.');
        return;
      }
      const at = editor.selection.active;
      const ok = await editor.edit((b) => b.insert(at, code));
      if (!ok) void vscode.window.showWarningMessage(`Switchboard: could not insert into ${vscode.workspace.asRelativePath(editor.document.uri)} (is it read-only?).`);
      return;
    }
    case 'apply': {
      const editor = targetEditor();
      if (!editor) {
        void vscode.window.showWarningMessage('Switchboard: open the file to change and select the code to replace (or nothing, to replace the whole file), then press Apply again.');
        return;
      }
      const doc = editor.document;
      const range = editor.selection.isEmpty ? new vscode.Range(0, 0, doc.lineCount, 0) : new vscode.Range(editor.selection.start, editor.selection.end);
      const line = doc.lineAt(range.start.line).text;
      const proposed = fitReplacement(code, {
        original: doc.getText(range),
        lineIndent: /^[ \t]*/.exec(line)?.[0] ?? '',
        startColumn: range.start.character,
        eol: doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n',
      });
      const outcome = await proposer.proposeReplacement({ document: doc, range, proposed, title: 'Switchboard: Apply code block (proposal)' });
      if (outcome.kind === 'stale') void vscode.window.showWarningMessage(`Switchboard: nothing applied. ${outcome.message}`);
      return;
    }
  }
}

/** Fence info strings to VS Code language ids where they differ. */
function languageIdOf(fence: string): string {
  const map: Record<string, string> = { ts: 'typescript', js: 'javascript', py: 'python', sh: 'shellscript', bash: 'shellscript', shell: 'shellscript', yml: 'yaml', md: 'markdown', 'c#': 'csharp', cs: 'csharp', rs: 'rust' };
  return map[fence.toLowerCase()] ?? fence.toLowerCase();
}

const OPENABLE = /^(?:https?:|mailto:)/i;

/** A link from an answer: opened only after a confirmation that names the URL (S4). */
export async function openLinkFromAnswer(href: string): Promise<void> {
  if (!OPENABLE.test(href)) {
    void vscode.window.showWarningMessage(`Switchboard: not opening "${href.slice(0, 200)}": only http, https and mailto links open from an answer.`);
    return;
  }
  const choice = await vscode.window.showWarningMessage('Open this link from the answer?', { modal: true, detail: href }, 'Open Link');
  if (choice === 'Open Link') await vscode.env.openExternal(vscode.Uri.parse(href, true));
}
