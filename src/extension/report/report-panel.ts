import * as vscode from 'vscode';
import { BudgetsConfig, localCalendar } from '../../core/index';
import { FromReport, ReportData, ToReport, isReportData, parseFromReport } from '../../protocol/report-messages';
import { Disposable } from '../disposable';
import { LedgerService } from '../ledger/ledger-service';
import { buildReport, buildScopeReport, reportBudgets } from './build-report';
import { reportHtml } from './report-html';

export interface ReportDeps {
  extensionUri: vscode.Uri;
  ledger: LedgerService;
  budgets: () => BudgetsConfig | undefined;
  log: vscode.LogOutputChannel;
  /** Workspace state: the last report, painted at once while a cold ledger is read. */
  state: vscode.Memento;
  now?: () => number;
}

const SNAPSHOT_KEY = 'switchboard.reportSnapshot';

interface Snapshot {
  at: number;
  data: ReportData;
}

/**
 * "Switchboard: Show Spending": the cost report in an editor tab (one at a
 * time; invoking it again reveals and refreshes it). This workspace's data is
 * sent first; the roll-up over every workspace follows, since it re-reads
 * every workspace's ledger file.
 */
export class ReportPanels extends Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private openedAt = 0;
  /** This workspace's scope as last built; dropped by every new record (`invalidate`) and at midnight. */
  private cached: { dayKey: string; data: ReportData } | undefined;
  /** Started with the panel, so reading the ledger overlaps the webview's own load. */
  private prepared: Promise<ReportData> | undefined;

  constructor(private readonly deps: ReportDeps) {
    super();
    this._register({ dispose: () => this.panel?.dispose() });
  }

  show(): void {
    this.openedAt = performance.now();
    this.prepared = this.workspaceData();
    this.prepared.catch(() => undefined); // awaited (and reported) in send()
    if (this.panel) {
      this.panel.reveal();
      void this.send();
      return;
    }
    const panel = vscode.window.createWebviewPanel('switchboard.report', 'Switchboard: Spending', vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(this.deps.extensionUri, 'dist'), vscode.Uri.joinPath(this.deps.extensionUri, 'media')],
    });
    this.panel = panel;
    const subs = [
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        const msg = parseFromReport(raw);
        if (msg) void this.onMessage(msg);
      }),
      panel.onDidDispose(() => {
        this.panel = undefined;
        for (const s of subs) s.dispose();
      }),
    ];
    panel.webview.html = reportHtml(panel.webview, this.deps.extensionUri);
  }

  private post(msg: ToReport): void {
    void this.panel?.webview.postMessage(msg);
  }

  private async onMessage(msg: FromReport): Promise<void> {
    switch (msg.type) {
      case 'ready': {
        // A cold 100k-record ledger takes seconds to read; the last report paints first.
        const snap = this.deps.ledger.ledger.isOpen ? undefined : this.snapshot();
        if (snap) this.post({ type: 'report', data: snap.data, asOf: snap.at });
        await this.send();
        return;
      }
      case 'rendered':
        this.deps.log.info(`Cost report ready ${Math.round(performance.now() - this.openedAt)} ms after Show Spending (first paint ${msg.ms} ms after its script started).`);
        return;
      case 'command':
        switch (msg.command) {
          case 'export-csv':
            await vscode.commands.executeCommand('switchboard.exportLedgerCsv');
            return;
          case 'export-json':
            await vscode.commands.executeCommand('switchboard.exportLedgerJson');
            return;
          case 'price-settings':
            await vscode.commands.executeCommand('workbench.action.openSettings', 'switchboard.deployments');
            return;
          case 'refresh':
            this.cached = undefined;
            this.openedAt = performance.now();
            await this.send();
            return;
        }
    }
  }

  /** A record was written: the next report rebuilds this workspace's figures. */
  invalidate(): void {
    this.cached = undefined;
  }

  private snapshot(): Snapshot | undefined {
    const raw = this.deps.state.get<unknown>(SNAPSHOT_KEY);
    if (typeof raw !== 'object' || raw === null) return undefined;
    const { at, data } = raw as { at?: unknown; data?: unknown };
    return typeof at === 'number' && isReportData(data) ? { at, data } : undefined;
  }

  /** On shutdown: keeps the snapshot current when this window wrote records (the ledger is open and warm). */
  async saveSnapshot(): Promise<void> {
    if (!this.deps.ledger.ledger.isOpen) return;
    const now = (this.deps.now ?? Date.now)();
    const data = await buildReport(await this.deps.ledger.store(), now, this.deps.ledger.workspaceId, this.deps.budgets());
    await this.deps.state.update(SNAPSHOT_KEY, { at: now, data } satisfies Snapshot);
  }

  private async workspaceData(): Promise<ReportData> {
    const now = (this.deps.now ?? Date.now)();
    const store = await this.deps.ledger.store();
    const reuse = this.cached !== undefined && this.cached.dayKey === localCalendar.dayKey(now) ? this.cached.data : undefined;
    const data = reuse ? { ...reuse, budgets: reportBudgets(this.deps.budgets(), reuse.workspace, undefined) } : await buildReport(store, now, this.deps.ledger.workspaceId, this.deps.budgets());
    this.cached = { dayKey: data.dayKey, data };
    return data;
  }

  private async send(): Promise<void> {
    const now = (this.deps.now ?? Date.now)();
    const prepared = this.prepared ?? this.workspaceData();
    this.prepared = undefined;
    try {
      const data = await prepared;
      this.post({ type: 'report', data });
      void this.deps.state.update(SNAPSHOT_KEY, { at: now, data } satisfies Snapshot);
    } catch (err) {
      void vscode.window.showErrorMessage(`Switchboard: could not read the ledger: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    try {
      this.post({ type: 'global', scope: await buildScopeReport(await this.deps.ledger.globalSource(), now, undefined) });
    } catch (err) {
      this.post({ type: 'globalFailed', message: err instanceof Error ? err.message : String(err) });
    }
  }
}
