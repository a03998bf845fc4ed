import * as path from 'node:path';
import * as vscode from 'vscode';
import { LedgerIndex, QueryableLedgerStore, createFileLedgerStore, createLedgerIndex, createMemoryLedgerStore } from '../../core/index';
import { LazyLedger } from './lazy-ledger';
import { ScopeSpending, Spending, gatherGlobalSpending, gatherSpending } from './spending';

export interface LedgerServiceOptions {
  /** `context.globalStorageUri`: one folder shared by every workspace makes the global roll-up possible. */
  globalStorage: vscode.Uri;
  workspaceId: string;
  now: () => number;
  /** Key values to scrub from free text before it is written. */
  secrets: () => readonly string[];
}

/**
 * This workspace's persistent ledger (`<globalStorage>/ledger/*.ledger.jsonl`),
 * opened on first use, plus the cross-workspace roll-up over the same folder.
 * A non-file storage URI (virtual hosts) falls back to an in-memory ledger.
 */
export class LedgerService implements vscode.Disposable {
  readonly ledger: LazyLedger;
  /** The folder holding every workspace's ledger file, if on disk. */
  readonly dir: string | undefined;
  private readonly index: Pick<LedgerIndex, 'refresh' | 'summary'>;

  constructor(private readonly opts: LedgerServiceOptions) {
    this.dir = opts.globalStorage.scheme === 'file' ? path.join(opts.globalStorage.fsPath, 'ledger') : undefined;
    const dir = this.dir;
    if (dir) {
      this.ledger = new LazyLedger(() => createFileLedgerStore({ dir, workspaceId: opts.workspaceId, now: opts.now, secrets: opts.secrets }));
      this.index = createLedgerIndex(dir);
    } else {
      const memory = createMemoryLedgerStore({ workspaceId: opts.workspaceId, now: opts.now });
      this.ledger = new LazyLedger(() => Promise.resolve(memory));
      this.index = { refresh: () => Promise.resolve([]), summary: (q) => memory.summary(q) };
    }
  }

  /** Spend across every workspace's ledger, for `global` budgets. */
  get globalSpend(): Pick<LedgerIndex, 'summary'> {
    return this.index;
  }

  get workspaceId(): string {
    return this.opts.workspaceId;
  }

  store(): Promise<QueryableLedgerStore> {
    return this.ledger.store();
  }

  /** `global: false` reads only this workspace's in-memory rows (cheap enough per request). */
  async spending(opts: { global: boolean } = { global: true }): Promise<Spending> {
    return gatherSpending(await this.store(), opts.global ? this.index : undefined, this.opts.workspaceId, this.opts.now());
  }

  /** Every workspace's ledger, re-read now (other windows append too), for the cost report. */
  async globalSource(): Promise<Pick<LedgerIndex, 'summary'>> {
    await this.index.refresh();
    return this.index;
  }

  /** Only the cross-workspace roll-up: re-reads every workspace's ledger file, so callers throttle it. */
  globalSpending(): Promise<{ dayKey: string; monthKey: string; global: ScopeSpending }> {
    return gatherGlobalSpending(this.index, this.opts.now());
  }

  async export(format: 'csv' | 'json'): Promise<string> {
    const store = await this.store();
    return format === 'csv' ? store.exportCsv({ workspace: this.opts.workspaceId }) : store.exportJson({ workspace: this.opts.workspaceId });
  }

  close(): Promise<void> {
    return this.ledger.close();
  }

  dispose(): void {
    void this.close();
  }
}
