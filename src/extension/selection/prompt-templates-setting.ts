import * as vscode from 'vscode';
import { Disposable } from '../disposable';
import { SECTION, readSetting } from '../settings/config-controller';
import { PromptTemplate, TemplateValidation, validateTemplates } from './prompt-templates';

/**
 * `switchboard.prompts`, validated on every change. Problems are reported once per
 * distinct set (an error toast naming the first, all of them in the log); valid
 * entries stay usable meanwhile.
 */
export class PromptTemplatesSetting extends Disposable {
  private current: TemplateValidation;
  private reported = '';

  constructor(private readonly log: vscode.LogOutputChannel) {
    super();
    this.current = this.read();
    this.report();
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration(`${SECTION}.prompts`)) return;
        this.current = this.read();
        this.report();
      }),
    );
  }

  get templates(): readonly PromptTemplate[] {
    return this.current.templates;
  }

  get problems(): readonly string[] {
    return this.current.problems;
  }

  private read(): TemplateValidation {
    return validateTemplates(readSetting<unknown>('prompts'));
  }

  private report(): void {
    const key = JSON.stringify(this.current.problems);
    if (key === this.reported) return;
    this.reported = key;
    const [first, ...rest] = this.current.problems;
    if (first === undefined) return;
    for (const p of this.current.problems) this.log.error(`Invalid prompt template: ${p}`);
    const more = rest.length > 0 ? ` (+${rest.length} more in the Switchboard log)` : '';
    void vscode.window.showErrorMessage(`Switchboard: ${first.replace(/\.$/, '')}${more}.`, 'Open Settings').then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.action.openSettingsJson');
    });
  }
}
