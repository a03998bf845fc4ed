import * as vscode from 'vscode';

export const QUICK_FIX_COMMAND = 'switchboard.quickFix';

/** "ts(2322): Type 'string' is not assignable to type 'number'. (line 3)" */
export function describeDiagnostic(d: vscode.Diagnostic): string {
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  const source = d.source ? `${d.source}${code !== undefined ? `(${code})` : ''}: ` : code !== undefined ? `${code}: ` : '';
  return `${source}${d.message} (line ${d.range.start.line + 1})`;
}

/**
 * The light bulb: "Fix with Switchboard" for the diagnostics under the cursor
 * (their messages go into the prompt), "Explain with Switchboard" on a selection.
 */
export class SwitchboardCodeActions implements vscode.CodeActionProvider {
  /** Explain is a `quickfix.*` kind: the Quick Fix menu (Ctrl+.) filters to quick fixes and refactorings, and drops kindless actions. */
  private readonly explainKind = vscode.CodeActionKind.QuickFix.append('switchboard.explain');
  /** Read when registering (not at module load: loading the bundle must not touch the vscode API). */
  static metadata(): vscode.CodeActionProviderMetadata {
    return { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };
  }

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    const diagnostics = context.diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error || d.severity === vscode.DiagnosticSeverity.Warning);
    const first = diagnostics[0];
    if (first) {
      const fix = new vscode.CodeAction('Fix with Switchboard', vscode.CodeActionKind.QuickFix);
      fix.diagnostics = diagnostics;
      fix.command = { command: QUICK_FIX_COMMAND, title: 'Fix with Switchboard', arguments: [document.uri, first.range, diagnostics.map(describeDiagnostic)] };
      actions.push(fix);
    }
    if (!range.isEmpty) {
      const explain = new vscode.CodeAction('Explain with Switchboard', this.explainKind);
      explain.command = { command: 'switchboard.explainSelection', title: 'Explain with Switchboard', arguments: [document.uri, new vscode.Range(range.start, range.end)] };
      actions.push(explain);
    }
    return actions;
  }
}
