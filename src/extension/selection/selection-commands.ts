import * as vscode from 'vscode';
import { SwitchboardConfig } from '../../core/index';
import { ChatSurface } from '../chat/chat-surface';
import { Disposable } from '../disposable';
import { DiffProposer } from '../edits/diff-proposer';
import { BUILTIN_COMMANDS, BuiltinCommand, builtinPrompt, editInstructions } from './command-prompts';
import { PromptTemplate, needsInput, renderTemplate } from './prompt-templates';
import { PromptTemplatesSetting } from './prompt-templates-setting';
import { NewFilePlace, SelectionJob, runOnSelection } from './run-on-selection';
import { SelectionTarget, resolveTarget } from './selection-target';
import { QUICK_FIX_COMMAND, SwitchboardCodeActions, describeDiagnostic } from './switchboard-code-actions';
import { numberedPath, testFilePath } from './test-file-path';
import { fileExists } from '../edits/file-exists';

export interface SelectionCommandDeps {
  chat: ChatSurface;
  proposer: DiffProposer;
  config: () => SwitchboardConfig | undefined;
  log: vscode.LogOutputChannel;
}

const NO_TARGET = 'Select some code first, or put the cursor inside a function or on a line with code.';

/** A command's code: the explicit (uri, range) a code action passes, else the active editor's selection or cursor. */
async function targetOf(args: readonly unknown[]): Promise<SelectionTarget | undefined | 'no-editor'> {
  const [uri, range] = args;
  if (uri instanceof vscode.Uri && range instanceof vscode.Range) {
    const document = await vscode.workspace.openTextDocument(uri);
    return resolveTarget(document, range, range.start);
  }
  const editor = vscode.window.activeTextEditor;
  if (!editor) return 'no-editor';
  return resolveTarget(editor.document, editor.selection, editor.selection.active);
}

/** Where Write Tests puts its file: the language's convention, numbered when taken. */
async function testFilePlace(target: SelectionTarget): Promise<NewFilePlace> {
  const doc = target.document;
  if (doc.isUntitled) return { ok: false, message: 'Save the file first, so Switchboard knows where its tests go.' };
  const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
  const base = folder ? folder.uri : vscode.Uri.joinPath(doc.uri, '..');
  const relative = folder ? vscode.workspace.asRelativePath(doc.uri, false) : (doc.uri.path.split('/').pop() ?? 'file');
  const conventional = testFilePath(relative, doc.languageId);
  for (let n = 1; n < 50; n++) {
    const uri = vscode.Uri.joinPath(base, n === 1 ? conventional : numberedPath(conventional, n));
    if (!(await fileExists(uri))) return { ok: true, uri };
  }
  return { ok: false, message: `${conventional} and 48 numbered variants exist already; nothing was sent.` };
}

/**
 * The commands on the selection (S6): Explain, Fix, Refactor, Write Tests, Add Docs,
 * Ask, the user's prompt templates (Run Prompt…) and the quick fix, all streaming
 * into the chat with `origin` = `command:<name>`.
 */
export class SelectionCommands extends Disposable {
  private readonly templates: PromptTemplatesSetting;

  constructor(private readonly deps: SelectionCommandDeps) {
    super();
    this.templates = this._register(new PromptTemplatesSetting(deps.log));
    for (const cmd of BUILTIN_COMMANDS) {
      this._register(vscode.commands.registerCommand(`switchboard.${cmd.name}`, (...args: unknown[]) => this.runBuiltin(cmd, args)));
    }
    this._register(vscode.commands.registerCommand(QUICK_FIX_COMMAND, (uri: unknown, range: unknown, problems: unknown) => this.quickFix(uri, range, problems)));
    this._register(vscode.commands.registerCommand('switchboard.runPrompt', () => this.pickTemplate()));
    this._register(vscode.languages.registerCodeActionsProvider([{ scheme: 'file' }, { scheme: 'untitled' }], new SwitchboardCodeActions(), SwitchboardCodeActions.metadata()));
  }

  private async target(args: readonly unknown[]): Promise<SelectionTarget | undefined> {
    const target = await targetOf(args);
    if (target === 'no-editor' || !target) this.deps.log.info(`A command on the selection found ${target === 'no-editor' ? 'no editor' : 'no code at the cursor'}.`);
    if (target === 'no-editor') {
      void vscode.window.showWarningMessage('Switchboard: open a file and select code first.');
      return undefined;
    }
    if (!target) void vscode.window.showWarningMessage(`Switchboard: ${NO_TARGET}`);
    return target;
  }

  private async runBuiltin(cmd: BuiltinCommand, args: readonly unknown[], origin = `command:${cmd.name}`, given: readonly string[] = []): Promise<void> {
    const target = await this.target(args);
    if (!target) return;
    let question: string | undefined;
    if (cmd.name === 'askAboutSelection') {
      question = await vscode.window.showInputBox({ title: 'Switchboard: Ask About Selection', prompt: 'Your question about the selected code', placeHolder: 'e.g. Why can this return undefined?', ignoreFocusOut: true });
      if (!question?.trim()) return;
    }
    const problems = given.length > 0 ? given : cmd.name === 'fixSelection' ? this.diagnosticsIn(target) : [];
    const display = question ? `${cmd.label}: ${question}` : given.length > 0 ? `Fix: ${given[0] ?? ''}${given.length > 1 ? ` (+${given.length - 1} more)` : ''}` : cmd.label;
    const job: SelectionJob = {
      origin,
      display,
      use: cmd.use,
      prompt: (subject, testPath) => builtinPrompt(cmd.name, subject, { ...(question ? { question } : {}), problems, ...(testPath ? { testPath } : {}) }),
      ...(cmd.use === 'new-file' ? { newFile: testFilePlace } : {}),
    };
    await runOnSelection(this.deps, job, target);
  }

  private diagnosticsIn(target: SelectionTarget): string[] {
    return vscode.languages
      .getDiagnostics(target.document.uri)
      .filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning && d.range.intersection(target.range) !== undefined)
      .map(describeDiagnostic);
  }

  /** "Fix with Switchboard": the function around the diagnostic (else its line), with the diagnostics in the prompt. */
  private async quickFix(uri: unknown, range: unknown, problems: unknown): Promise<void> {
    if (!(uri instanceof vscode.Uri) || !(range instanceof vscode.Range)) return;
    const messages = Array.isArray(problems) ? problems.filter((p): p is string => typeof p === 'string') : [];
    const fix = BUILTIN_COMMANDS.find((c) => c.name === 'fixSelection');
    if (fix) await this.runBuiltin(fix, [uri, new vscode.Range(range.start, range.start)], 'command:quickfix', messages);
  }

  private async pickTemplate(): Promise<void> {
    const templates = this.templates.templates;
    const problems = this.templates.problems;
    if (templates.length === 0) {
      const why = problems.length > 0 ? `None of your prompts is valid: ${problems[0]}` : 'No prompts yet. Add them to "switchboard.prompts" in settings: { "name", "template" with {{selection}}, {{language}}, {{file}}, {{input}}, "alias"?, "mode": "chat" | "edit" }.';
      const choice = await vscode.window.showInformationMessage(`Switchboard: ${why}`, 'Open Settings');
      if (choice) await vscode.commands.executeCommand('workbench.action.openSettingsJson');
      return;
    }
    type Item = vscode.QuickPickItem & { template: PromptTemplate };
    const items: Item[] = templates.map((t) => ({
      label: t.name,
      description: [t.mode === 'edit' ? 'edit (diff)' : 'chat', t.alias ? `alias ${t.alias}` : undefined].filter(Boolean).join(' · '),
      detail: t.template.length > 100 ? `${t.template.slice(0, 99)}…` : t.template,
      template: t,
    }));
    const picked = await vscode.window.showQuickPick(items, { title: 'Switchboard: Run Prompt', placeHolder: problems.length > 0 ? `${problems.length} invalid prompt(s) left out; see the Switchboard log` : 'Pick one of your prompts (switchboard.prompts)', matchOnDetail: true });
    if (picked) await this.runTemplate(picked.template);
  }

  private async runTemplate(t: PromptTemplate): Promise<void> {
    const config = this.deps.config();
    if (t.alias && config && !(t.alias in config.aliases) && !config.deployments.some((d) => d.id === t.alias)) {
      void vscode.window.showErrorMessage(`Switchboard: the prompt "${t.name}" asks alias "${t.alias}", which is not in switchboard.aliases. Fix its "alias" or add that alias.`);
      return;
    }
    const target = await this.target([]);
    if (!target) return;
    let input = '';
    if (needsInput(t)) {
      const typed = await vscode.window.showInputBox({ title: `Switchboard: ${t.name}`, prompt: 'Text for {{input}}', ignoreFocusOut: true });
      if (typed === undefined) return;
      input = typed;
    }
    const job: SelectionJob = {
      origin: `command:template:${t.name}`,
      display: input ? `${t.name}: ${input}` : t.name,
      use: t.mode,
      ...(t.alias ? { alias: t.alias } : {}),
      prompt: (s) => {
        const lines = s.startLine === s.endLine ? `line ${s.startLine}` : `lines ${s.startLine}-${s.endLine}`;
        const text = renderTemplate(t, { selectionRef: `the attached code (${s.file}, ${lines})`, language: s.languageId, file: s.file, input });
        return t.mode === 'edit' ? `${text}\n${editInstructions(s)}` : text;
      },
    };
    await runOnSelection(this.deps, job, target);
  }
}
