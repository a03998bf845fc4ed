/**
 * Keeps every recorded request and lets tests await conditions on them
 * without polling. Waiter timers are cleared when satisfied or on dispose().
 */
import type { RecordedRequest } from './types';

interface Waiter {
  check(): boolean;
  fail(err: Error): void;
}

export class RequestRecorder {
  readonly requests: RecordedRequest[] = [];
  private readonly waiters = new Set<Waiter>();
  private nextId = 1;

  newId(): string {
    return `r${this.nextId++}`;
  }

  add(record: RecordedRequest): void {
    this.requests.push(record);
    this.changed();
  }

  /** Call after mutating a record (close/finish times). */
  changed(): void {
    for (const w of [...this.waiters]) w.check();
  }

  clear(): void {
    this.requests.length = 0;
  }

  /** Resolves with `value()` once `predicate()` holds; rejects after `timeoutMs`. */
  waitFor<T>(predicate: () => boolean, value: () => T, timeoutMs: number, what: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter = {
        check: () => {
          if (!predicate()) return false;
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(value());
          return true;
        },
        fail: (err) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          reject(err);
        },
      };
      const timer = setTimeout(() => waiter.fail(new Error(`fake-provider: timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
      this.waiters.add(waiter);
      waiter.check();
    });
  }

  waitForRequests(n: number, timeoutMs: number): Promise<RecordedRequest[]> {
    return this.waitFor(() => this.requests.length >= n, () => this.requests.slice(), timeoutMs, `${n} request(s) (have ${this.requests.length})`);
  }

  waitForClose(requestId: string, timeoutMs: number): Promise<RecordedRequest> {
    const find = (): RecordedRequest | undefined => this.requests.find((r) => r.id === requestId);
    return this.waitFor(
      () => find()?.closedAt !== undefined,
      () => {
        const r = find();
        if (r === undefined) throw new Error(`fake-provider: unknown request ${requestId}`);
        return r;
      },
      timeoutMs,
      `request ${requestId} to close`,
    );
  }

  /** Rejects all pending waits (server closing). */
  dispose(): void {
    for (const w of [...this.waiters]) w.fail(new Error('fake-provider: server closed while waiting'));
  }
}
