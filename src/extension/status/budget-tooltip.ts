import * as vscode from 'vscode';
import { BudgetsConfig } from '../../core/index';
import { LedgerService } from '../ledger/ledger-service';
import { ScopeSpending, Spending, budgetLines, exceededBudgets } from '../ledger/spending';
import { StatusBar } from './status-bar';

/** The global roll-up re-reads every workspace's ledger file: at most this often. */
export const GLOBAL_REFRESH_MS = 30_000;

interface GlobalSnapshot {
  dayKey: string;
  monthKey: string;
  global: ScopeSpending;
}

/**
 * Keeps the status bar tooltip's budget lines current: limits right away, spend
 * after each request (never at activation, which must not read the ledger).
 * Per request only this workspace's in-memory summary is read; the global
 * roll-up (every workspace's files) refreshes asynchronously, at most once per
 * GLOBAL_REFRESH_MS, never overlapping, with one trailing run for requests
 * that came in meanwhile. Workspace refreshes never overlap either.
 */
export class BudgetTooltip implements vscode.Disposable {
  private running = false;
  private again = false;
  private workspace: Spending | undefined;
  private global: GlobalSnapshot | undefined;
  private globalRunning = false;
  private globalDirty = false;
  private lastGlobalStart = Number.NEGATIVE_INFINITY;
  private globalTimer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  constructor(
    private readonly status: StatusBar,
    private readonly ledger: LedgerService,
    private readonly budgets: () => BudgetsConfig | undefined,
    private readonly onError: (message: string) => void,
    private readonly now: () => number = Date.now,
    private readonly globalEveryMs = GLOBAL_REFRESH_MS,
  ) {}

  /** Limits only; spend stays unknown until the ledger is opened by a request. */
  showLimits(): void {
    const lines = budgetLines(this.budgets());
    this.status.setBudgets(lines.length && !this.ledger.ledger.isOpen ? [...lines, '(spend shows after the first request)'] : lines);
    if (lines.length && this.ledger.ledger.isOpen) this.refresh();
  }

  /** After each request: this workspace's spend now, the global roll-up when the throttle allows. */
  refresh(): void {
    const budgets = this.budgets();
    if (!budgets || budgetLines(budgets).length === 0) {
      this.status.setBudgets([]);
      return;
    }
    if (budgets.global !== undefined) this.scheduleGlobal();
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    this.ledger
      .spending({ global: false })
      .then((sp) => {
        this.workspace = sp;
        this.render();
      })
      .catch((err: unknown) => this.onError(`Could not read budget spend from the ledger: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => {
        this.running = false;
        if (this.again) {
          this.again = false;
          this.refresh();
        }
      });
  }

  /** Budgets whose limit is reached, from the last spend read (empty until one is known). */
  exceeded(): string[] {
    if (!this.workspace) return [];
    const ws = this.workspace;
    const g = this.global && this.global.dayKey === ws.dayKey && this.global.monthKey === ws.monthKey ? this.global.global : undefined;
    return exceededBudgets(this.budgets(), g ? { ...ws, global: g } : ws);
  }

  dispose(): void {
    this.disposed = true;
    if (this.globalTimer) clearTimeout(this.globalTimer);
    this.globalTimer = undefined;
  }

  private render(): void {
    if (this.disposed || !this.workspace) return;
    const ws = this.workspace;
    // A roll-up from another day or month would show the wrong period's spend: leave it out until the next one.
    const g = this.global && this.global.dayKey === ws.dayKey && this.global.monthKey === ws.monthKey ? this.global.global : undefined;
    this.status.setBudgets(budgetLines(this.budgets(), g ? { ...ws, global: g } : ws));
  }

  private scheduleGlobal(): void {
    if (this.disposed || this.globalTimer) return;
    if (this.globalRunning) {
      this.globalDirty = true;
      return;
    }
    const wait = this.lastGlobalStart + this.globalEveryMs - this.now();
    if (wait <= 0) {
      this.runGlobal();
      return;
    }
    this.globalTimer = setTimeout(() => {
      this.globalTimer = undefined;
      this.runGlobal();
    }, wait);
  }

  private runGlobal(): void {
    if (this.disposed) return;
    this.globalRunning = true;
    this.globalDirty = false;
    this.lastGlobalStart = this.now();
    this.ledger
      .globalSpending()
      .then((g) => {
        this.global = g;
        this.render();
      })
      .catch((err: unknown) => this.onError(`Could not read the global budget spend from the ledger folder: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => {
        this.globalRunning = false;
        if (this.globalDirty) this.scheduleGlobal();
      });
  }
}
