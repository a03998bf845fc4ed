import { BudgetsConfig } from '../../core/index';
import { LedgerService } from '../ledger/ledger-service';
import { budgetLines } from '../ledger/spending';
import { StatusBar } from './status-bar';

/**
 * Keeps the status bar tooltip's budget lines current: limits right away, spend
 * after each request (never at activation, which must not read the ledger).
 * Refreshes never overlap; a request during one schedules one more.
 */
export class BudgetTooltip {
  private running = false;
  private again = false;

  constructor(
    private readonly status: StatusBar,
    private readonly ledger: LedgerService,
    private readonly budgets: () => BudgetsConfig | undefined,
    private readonly onError: (message: string) => void,
  ) {}

  /** Limits only; spend stays unknown until the ledger is opened by a request. */
  showLimits(): void {
    const lines = budgetLines(this.budgets());
    this.status.setBudgets(lines.length && !this.ledger.ledger.isOpen ? [...lines, '(spend shows after the first request)'] : lines);
    if (lines.length && this.ledger.ledger.isOpen) this.refresh();
  }

  refresh(): void {
    const budgets = this.budgets();
    if (!budgets || budgetLines(budgets).length === 0) {
      this.status.setBudgets([]);
      return;
    }
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    this.ledger
      .spending({ global: budgets.global !== undefined })
      .then((sp) => this.status.setBudgets(budgetLines(this.budgets(), sp)))
      .catch((err: unknown) => this.onError(`Could not read budget spend from the ledger: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => {
        this.running = false;
        if (this.again) {
          this.again = false;
          this.refresh();
        }
      });
  }
}
