import * as vscode from 'vscode';
import { BudgetsConfig, LedgerGroup } from '../../core/index';
import { LedgerService } from '../ledger/ledger-service';
import { ScopeSpending, Spending, budgetLines, describeTotals } from '../ledger/spending';

type Action = 'markdown' | 'switchboard.exportLedgerCsv' | 'switchboard.exportLedgerJson';
type Item = vscode.QuickPickItem & { action?: Action };

function modelName(g: LedgerGroup): string {
  return g.key.model || '(no model)';
}

function originName(g: LedgerGroup): string {
  return g.key.origin || '(unknown origin)';
}

function scopeItems(title: string, s: ScopeSpending, sp: Spending): Item[] {
  return [
    { label: title, kind: vscode.QuickPickItemKind.Separator },
    { label: `Today (${sp.dayKey})`, description: describeTotals(s.today) },
    { label: `This month (${sp.monthKey})`, description: describeTotals(s.month) },
    ...s.byModel.map((g) => ({ label: `$(symbol-class) ${modelName(g)}`, description: `this month: ${describeTotals(g.totals)}` })),
    ...s.byOrigin.map((g) => ({ label: `$(play) ${originName(g)}`, description: `this month: ${describeTotals(g.totals)}` })),
  ];
}

/** The report as Markdown, for a preview the user can keep open or copy. */
export function spendingMarkdown(sp: Spending, budgets: BudgetsConfig | undefined): string {
  const section = (title: string, s: ScopeSpending): string[] => [
    `## ${title}`,
    '',
    `- Today (${sp.dayKey}): ${describeTotals(s.today)}`,
    `- This month (${sp.monthKey}): ${describeTotals(s.month)}`,
    '',
    '| Model (this month) | Cost and usage |',
    '|---|---|',
    ...s.byModel.map((g) => `| ${modelName(g).replace(/\|/g, '\\|')} | ${describeTotals(g.totals)} |`),
    '',
    '| Origin: chat or command (this month) | Cost and usage |',
    '|---|---|',
    ...s.byOrigin.map((g) => `| ${originName(g).replace(/\|/g, '\\|')} | ${describeTotals(g.totals)} |`),
    '',
  ];
  const budget = budgetLines(budgets, sp);
  return ['# Switchboard spending', '', ...section('This workspace', sp.workspace), ...(sp.global ? section('All workspaces', sp.global) : []), ...(budget.length ? ['## Budgets', '', ...budget.map((b) => `- ${b}`), ''] : [])].join('\n');
}

/** "Switchboard: Show Spending": this workspace's and every workspace's spend, today and this month, by model. */
export async function showSpending(service: LedgerService, budgets: () => BudgetsConfig | undefined): Promise<void> {
  let sp: Spending;
  try {
    sp = await service.spending();
  } catch (err) {
    void vscode.window.showErrorMessage(`Switchboard: could not read the ledger: ${err instanceof Error ? err.message : String(err)}`);
    return;
  }
  const budget = budgetLines(budgets(), sp);
  const items: Item[] = [
    ...scopeItems('This workspace', sp.workspace, sp),
    ...(sp.global ? scopeItems('All workspaces', sp.global, sp) : []),
    ...(budget.length ? [{ label: 'Budgets', kind: vscode.QuickPickItemKind.Separator }, ...budget.map((b) => ({ label: `$(law) ${b}` }))] : []),
    { label: 'Actions', kind: vscode.QuickPickItemKind.Separator },
    { label: '$(markdown) Open as Markdown', action: 'markdown' },
    { label: '$(export) Export Ledger as CSV…', action: 'switchboard.exportLedgerCsv' },
    { label: '$(export) Export Ledger as JSON…', action: 'switchboard.exportLedgerJson' },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'Switchboard spending', placeHolder: 'Costs from the ledger; pick an action to export', matchOnDescription: true });
  if (!picked?.action) return;
  if (picked.action === 'markdown') {
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: spendingMarkdown(sp, budgets()) });
    await vscode.commands.executeCommand('markdown.showPreview', doc.uri);
    return;
  }
  await vscode.commands.executeCommand(picked.action);
}
