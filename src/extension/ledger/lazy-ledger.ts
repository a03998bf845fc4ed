import { CallRecord, LedgerStore, LedgerSummary, QueryableLedgerStore, SummaryQuery } from '../../core/index';

/**
 * A ledger that opens its store on first use, so activation reads no file.
 * Appends made before the store is open wait for it (in order: they chain on
 * the same opening promise). `summary` lets the orchestrator's budgets read
 * spend from the persistent store instead of an in-memory mirror.
 */
export class LazyLedger implements LedgerStore {
  private opening: Promise<QueryableLedgerStore> | undefined;
  private closed = false;

  constructor(private readonly open: () => Promise<QueryableLedgerStore>) {}

  /** Whether the store was opened (tests, diagnostics). */
  get isOpen(): boolean {
    return this.opening !== undefined;
  }

  /** The opened store; opens it now if needed. */
  store(): Promise<QueryableLedgerStore> {
    if (this.closed) return Promise.reject(new Error('The ledger is closed.'));
    this.opening ??= this.open().catch((err: unknown) => {
      this.opening = undefined; // a failed open (disk full, permissions) is retried on the next use
      throw err;
    });
    return this.opening;
  }

  async append(record: CallRecord): Promise<void> {
    await (await this.store()).append(record);
  }

  async summary(query?: SummaryQuery): Promise<LedgerSummary> {
    return (await this.store()).summary(query);
  }

  /** Closes the store if it was ever opened; waits for pending appends. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const opening = this.opening;
    if (!opening) return;
    const store = await opening.catch(() => undefined);
    await store?.close();
  }
}
