import * as os from 'node:os';
import * as vscode from 'vscode';
import { Orchestrator } from '../../core/index';
import { LedgerService } from '../ledger/ledger-service';

/** Where the last export went (global state), so the next dialog opens there. */
const LAST_EXPORT_DIR = 'switchboard.lastExportFolder';

/** The last export folder, else the home folder; never the workspace (an export there ends up committed). */
function exportFolder(state: vscode.Memento): vscode.Uri | undefined {
  const last = state.get<string>(LAST_EXPORT_DIR);
  if (last) return vscode.Uri.parse(last);
  const home = os.homedir();
  return home ? vscode.Uri.file(home) : undefined;
}

/** "Export Ledger as CSV…/JSON…": this workspace's ledger, written only to a file the user picked. */
export async function exportLedger(service: LedgerService, format: 'csv' | 'json', state: vscode.Memento): Promise<void> {
  const base = exportFolder(state);
  const name = `switchboard-ledger-${new Date().toISOString().slice(0, 10)}.${format}`;
  const target = await vscode.window.showSaveDialog({
    title: `Export the Switchboard ledger as ${format.toUpperCase()}`,
    saveLabel: 'Export',
    filters: format === 'csv' ? { CSV: ['csv'] } : { JSON: ['json'] },
    ...(base ? { defaultUri: vscode.Uri.joinPath(base, name) } : {}),
  });
  if (!target) return;
  await state.update(LAST_EXPORT_DIR, vscode.Uri.joinPath(target, '..').toString());
  try {
    const text = await service.export(format);
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  } catch (err) {
    void vscode.window.showErrorMessage(`Switchboard: could not export the ledger: ${err instanceof Error ? err.message : String(err)}`);
    return;
  }
  const open = await vscode.window.showInformationMessage(`Switchboard: ledger exported to ${target.scheme === 'file' ? target.fsPath : target.toString()}.`, 'Open');
  if (open) await vscode.window.showTextDocument(target);
}

/** "Clear Response Cache": every cached answer (exact and semantic) of this window. */
export function clearResponseCache(orchestrator: Orchestrator | undefined): void {
  if (!orchestrator) {
    void vscode.window.showInformationMessage('Switchboard: nothing to clear, no provider is configured.');
    return;
  }
  const n = orchestrator.clearCache();
  void vscode.window.showInformationMessage(`Switchboard: cleared ${n} cached response${n === 1 ? '' : 's'}.`);
}
