/**
 * A sliding 60-second window of amounts (requests or tokens). Unlike a refilling
 * bucket it guarantees at most `limit` in ANY 60 s span (R14). Entries can be
 * corrected after the fact (TPM is estimated before sending, reconciled after).
 *
 * The window keeps a running total and drops expired entries by moving a head
 * index: every request asks `waitFor`, and re-summing (and `shift()`ing) a
 * minute of entries each time was the limiter's cost in the request-path profile.
 */
const WINDOW_MS = 60_000;
/** Expired entries kept before the array is compacted (amortised O(1) per entry). */
const COMPACT_AFTER = 1024;

export interface WindowEntry {
  readonly at: number;
  readonly amount: number;
}

interface LiveEntry {
  at: number;
  amount: number;
  expired: boolean;
}

/** Amounts are counts: anything else (NaN, Infinity, negative) would poison the running total. */
const clean = (amount: number): number => (Number.isFinite(amount) && amount > 0 ? amount : 0);

export class RateWindow {
  private entries: LiveEntry[] = [];
  private head = 0;
  private total = 0;

  private prune(now: number): void {
    const entries = this.entries;
    while (this.head < entries.length) {
      const e = entries[this.head]!;
      if (now - e.at < WINDOW_MS) break;
      this.total -= e.amount;
      e.expired = true;
      this.head++;
    }
    if (this.head === entries.length) {
      this.entries = [];
      this.head = 0;
      this.total = 0; // exact again whatever rounding the corrections left
    } else if (this.head >= COMPACT_AFTER && this.head * 2 >= entries.length) {
      this.entries = entries.slice(this.head);
      this.head = 0;
    }
  }

  used(now: number): number {
    this.prune(now);
    return this.total;
  }

  /**
   * Milliseconds until `amount` more fits under `limit` (0 = fits now). An amount
   * larger than the whole limit fits once the window is empty, so it never starves.
   */
  waitFor(amount: number, limit: number, now: number): number {
    let used = this.used(now);
    if (used + amount <= limit || this.head === this.entries.length) return 0;
    for (let i = this.head; i < this.entries.length; i++) {
      const e = this.entries[i]!;
      used -= e.amount;
      if (used + amount <= limit || used <= 0) return Math.max(1, e.at + WINDOW_MS - now);
    }
    return 0;
  }

  add(amount: number, now: number): WindowEntry {
    // Pruned here too: a deployment without limits is never asked `waitFor`, and its window must not grow.
    this.prune(now);
    const entry: LiveEntry = { at: now, amount: clean(amount), expired: false };
    this.entries.push(entry);
    this.total += entry.amount;
    return entry;
  }

  /** Replaces an entry's amount (an estimate reconciled with what was used); an expired entry no longer counts. */
  correct(entry: WindowEntry, amount: number): void {
    const live = entry as LiveEntry;
    const next = clean(amount);
    if (!live.expired) this.total += next - live.amount;
    live.amount = next;
  }
}
