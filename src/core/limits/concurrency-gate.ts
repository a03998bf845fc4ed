import { SwitchboardError } from '../model/switchboard-error';

interface Waiter {
  resolve(release: () => void): void;
  reject(reason: unknown): void;
  signal: AbortSignal;
  onAbort(): void;
}

/**
 * A global cap on requests running at once, with a bounded FIFO queue. A full
 * queue refuses at once (`overloaded`, retryable) instead of growing without bound.
 */
export class ConcurrencyGate {
  private running = 0;
  private readonly waiting: Waiter[] = [];

  constructor(
    private maxConcurrent: number,
    private maxQueue: number,
  ) {}

  /** New limits apply to the next acquire; running requests are not interrupted. */
  resize(maxConcurrent: number, maxQueue: number): void {
    this.maxConcurrent = maxConcurrent;
    this.maxQueue = maxQueue;
    this.drain();
  }

  get inFlight(): number {
    return this.running;
  }

  /** True when an acquire now would wait in the queue. */
  wouldQueue(): boolean {
    return this.running >= this.maxConcurrent || this.waiting.length > 0;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** A release function when a slot is free right now (nobody queued), else undefined: the no-await path. */
  tryAcquire(): (() => void) | undefined {
    if (this.running >= this.maxConcurrent || this.waiting.length > 0) return undefined;
    return this.take();
  }

  /** Resolves with a release function once a slot is free; rejects on abort or a full queue. */
  acquire(signal: AbortSignal): Promise<() => void> {
    if (signal.aborted) return Promise.reject(signal.reason);
    if (this.running < this.maxConcurrent && this.waiting.length === 0) return Promise.resolve(this.take());
    if (this.waiting.length >= this.maxQueue) {
      return Promise.reject(
        new SwitchboardError({
          kind: 'overloaded',
          retryable: true,
          message: `Switchboard is already running ${this.running} requests with ${this.waiting.length} queued (limits.maxConcurrent / limits.maxQueue); try again shortly.`,
        }),
      );
    }
    return new Promise<() => void>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          const i = this.waiting.indexOf(waiter);
          if (i >= 0) this.waiting.splice(i, 1);
          reject(signal.reason);
        },
      };
      signal.addEventListener('abort', waiter.onAbort, { once: true });
      this.waiting.push(waiter);
    });
  }

  private take(): () => void {
    this.running += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running -= 1;
      this.drain();
    };
  }

  private drain(): void {
    while (this.running < this.maxConcurrent && this.waiting.length > 0) {
      const next = this.waiting.shift();
      if (!next) break;
      next.signal.removeEventListener('abort', next.onAbort);
      next.resolve(this.take());
    }
  }
}
