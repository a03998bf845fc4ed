import * as vscode from 'vscode';
import { CallRecord, formatUsd } from '../../core/index';
import { Disposable } from '../disposable';

function formatTokens(n: number): string {
  return n >= 10_000 ? `${(n / 1000).toFixed(1)}k` : String(n);
}

/** How the last answer was served, marked on the item. */
type LastAnswer = { kind: 'none' } | { kind: 'direct'; deploymentId: string } | { kind: 'fallback'; from: string; to: string } | { kind: 'cache'; semantic: boolean } | { kind: 'failed'; error: string };

function lastAnswerOf(record: CallRecord): LastAnswer {
  if (record.cache === 'hit' || record.cache === 'semantic-hit') return { kind: 'cache', semantic: record.cache === 'semantic-hit' };
  if (record.status !== 'ok' || record.deploymentId === undefined) return { kind: 'failed', error: record.errorKind ?? record.status };
  const first = record.attempts[0]?.deploymentId;
  if (first !== undefined && first !== record.deploymentId) return { kind: 'fallback', from: first, to: record.deploymentId };
  return { kind: 'direct', deploymentId: record.deploymentId };
}

/**
 * The item: active alias, this session's tokens and cost, a mark for the last
 * answer's fallback or cache hit; "Switchboard: set up" until a provider exists.
 * Click: the alias picker (or Add Provider when unconfigured).
 */
export class StatusBar extends Disposable {
  private readonly item = this._register(vscode.window.createStatusBarItem('switchboard.status', vscode.StatusBarAlignment.Right, 100));
  private tokens = 0;
  private cost = 0;
  private unknownCost = 0;
  private alias = '';
  private configured = false;
  private budgets: string[] = [];
  private last: LastAnswer = { kind: 'none' };

  constructor() {
    super();
    this.item.name = 'Switchboard';
    this.render();
    this.item.show();
  }

  setAlias(alias: string, configured: boolean): void {
    this.alias = alias;
    this.configured = configured;
    this.render();
  }

  /** Budget state lines for the tooltip (empty: no budgets configured). */
  setBudgets(lines: string[]): void {
    this.budgets = lines;
    this.render();
  }

  add(record: CallRecord): void {
    this.tokens += record.usage.inputTokens + record.usage.outputTokens;
    if (record.costUsd === null) this.unknownCost += 1;
    else this.cost += record.costUsd;
    this.last = lastAnswerOf(record);
    this.render();
  }

  private mark(): string {
    switch (this.last.kind) {
      case 'fallback':
        return ' $(arrow-swap)';
      case 'cache':
        return ' $(database)';
      case 'failed':
        return ' $(warning)';
      default:
        return '';
    }
  }

  private render(): void {
    if (!this.configured) {
      this.item.text = '$(radio-tower) Switchboard: set up';
      this.item.command = 'switchboard.addProvider';
      const md = new vscode.MarkdownString('**Switchboard** has no provider yet.\n\n[Add Provider…](command:switchboard.addProvider) — pick an API, paste a key, choose models. No JSON to write.');
      md.isTrusted = { enabledCommands: ['switchboard.addProvider'] };
      this.item.tooltip = md;
      return;
    }
    this.item.command = 'switchboard.selectAlias';
    const spent = this.tokens === 0 ? '' : ` · ${formatTokens(this.tokens)} tok · ${formatUsd(this.cost)}${this.unknownCost ? ' + price unknown' : ''}`;
    this.item.text = `$(radio-tower) ${this.alias}${spent}${this.mark()}`;
    this.item.tooltip = this.tooltip();
  }

  private tooltip(): vscode.MarkdownString {
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown(`**Switchboard** — active alias \`${this.alias}\`\n\n`);
    md.appendMarkdown(`This session: ${this.tokens} tokens, ${formatUsd(this.cost)}`);
    if (this.unknownCost) md.appendMarkdown(` and ${this.unknownCost} request(s) with price unknown ([set a price](command:switchboard.openSettings))`);
    md.appendMarkdown('\n\n');
    switch (this.last.kind) {
      case 'fallback':
        md.appendMarkdown(`$(arrow-swap) Last answer fell back from \`${this.last.from}\` to \`${this.last.to}\`.\n\n`);
        break;
      case 'cache':
        md.appendMarkdown(`$(database) Last answer came from the ${this.last.semantic ? 'semantic ' : ''}cache (no cost).\n\n`);
        break;
      case 'failed':
        md.appendMarkdown(`$(warning) Last request failed (${this.last.error}).\n\n`);
        break;
      case 'direct':
        md.appendMarkdown(`Last answer from \`${this.last.deploymentId}\`.\n\n`);
        break;
      case 'none':
        break;
    }
    for (const line of this.budgets) md.appendMarkdown(`${line.replace(/[\\`*_[\]]/g, '\\$&')}  \n`);
    md.appendMarkdown('\n[Switch alias](command:switchboard.selectAlias) · [Health](command:switchboard.showHealth) · [Spending](command:switchboard.showSpending)');
    md.isTrusted = { enabledCommands: ['switchboard.selectAlias', 'switchboard.showHealth', 'switchboard.showSpending', 'switchboard.openSettings'] };
    return md;
  }
}
