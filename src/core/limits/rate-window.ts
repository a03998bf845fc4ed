/**
 * A sliding 60-second window of amounts (requests or tokens). Unlike a refilling
 * bucket it guarantees at most `limit` in ANY 60 s span (R14). Entries can be
 * corrected after the fact (TPM is estimated before sending, reconciled after).
 */
const WINDOW_MS = 60_000;

export interface WindowEntry {
  at: number;
  amount: number;
}

export class RateWindow {
  private entries: WindowEntry[] = [];

  private prune(now: number): void {
    while (this.entries.length > 0 && now - (this.entries[0]?.at ?? now) >= WINDOW_MS) this.entries.shift();
  }

  used(now: number): number {
    this.prune(now);
    return this.entries.reduce((n, e) => n + e.amount, 0);
  }

  /**
   * Milliseconds until `amount` more fits under `limit` (0 = fits now). An amount
   * larger than the whole limit fits once the window is empty, so it never starves.
   */
  waitFor(amount: number, limit: number, now: number): number {
    this.prune(now);
    let used = this.used(now);
    if (used + amount <= limit || this.entries.length === 0) return 0;
    for (const e of this.entries) {
      used -= e.amount;
      if (used + amount <= limit || used <= 0) return Math.max(1, e.at + WINDOW_MS - now);
    }
    return 0;
  }

  add(amount: number, now: number): WindowEntry {
    // Pruned here too: a deployment without limits is never asked `waitFor`, and its window must not grow.
    this.prune(now);
    const entry = { at: now, amount };
    this.entries.push(entry);
    return entry;
  }
}
