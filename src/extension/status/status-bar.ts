import * as vscode from 'vscode';
import { CallRecord, formatUsd } from '../../core/index';
import { Disposable } from '../disposable';

function formatTokens(n: number): string {
  return n >= 10_000 ? `${(n / 1000).toFixed(1)}k` : String(n);
}

/** Active alias plus this session's tokens and cost; click to switch alias. */
export class StatusBar extends Disposable {
  private readonly item = this._register(vscode.window.createStatusBarItem('switchboard.status', vscode.StatusBarAlignment.Right, 100));
  private tokens = 0;
  private cost = 0;
  private unknownCost = 0;
  private alias = '';
  private budgets: string[] = [];

  constructor() {
    super();
    this.item.name = 'Switchboard';
    this.item.command = 'switchboard.selectAlias';
    this.render();
    this.item.show();
  }

  setAlias(alias: string): void {
    this.alias = alias;
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
    this.render();
  }

  private render(): void {
    const spent = this.tokens === 0 ? '' : ` · ${formatTokens(this.tokens)} tok · ${formatUsd(this.cost)}${this.unknownCost ? '+?' : ''}`;
    this.item.text = `$(radio-tower) ${this.alias || 'Switchboard'}${spent}`;
    const session = `Switchboard — active alias "${this.alias}". This session: ${this.tokens} tokens, ${formatUsd(this.cost)}${this.unknownCost ? ` (+${this.unknownCost} requests with unknown price)` : ''}.`;
    this.item.tooltip = [session, ...this.budgets, 'Click to switch alias.'].join('\n');
  }
}
