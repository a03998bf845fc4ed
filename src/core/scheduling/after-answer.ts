/**
 * Bookkeeping a request's caller does not wait for: publishing its record,
 * storing its answer in the cache. Queued as the request ends and run on the
 * next turn (`setImmediate`), after the caller has its answer, while the next
 * request (if any) waits for the network; or at once when something must see
 * it first (`drain`: a cache lookup, a clear, a flush). In the peer benchmark
 * this took 15–38 µs off a JSON call (issue 15).
 */
export interface AfterAnswer {
  /** Queues `task`; the first one queued since the last run asks for the next turn. */
  add(task: () => void): void;
  /** Runs every queued task now, in the order queued (tasks they queue too). */
  drain(): void;
  /** Tasks queued and not run yet. */
  readonly pending: number;
}

/** `failed` hears what a task throws: the others still run, and nothing reaches the event loop. */
export function afterAnswer(failed: (err: unknown) => void): AfterAnswer {
  return new AfterAnswerQueue(failed);
}

class AfterAnswerQueue implements AfterAnswer {
  private readonly tasks: (() => void)[] = [];
  private turn: ReturnType<typeof setImmediate> | undefined;
  private draining = false;
  /** Made once: the turn's callback. */
  private readonly onTurn = (): void => {
    this.turn = undefined;
    this.drain();
  };

  constructor(private readonly failed: (err: unknown) => void) {}

  get pending(): number {
    return this.tasks.length;
  }

  add(task: () => void): void {
    this.tasks.push(task);
    // A task queued by a task runs in the same drain.
    if (!this.draining) this.turn ??= setImmediate(this.onTurn);
  }

  drain(): void {
    if (this.turn !== undefined) clearImmediate(this.turn);
    this.turn = undefined;
    const outer = this.draining;
    this.draining = true;
    try {
      // One at a time from the head: a drain asked for by a task (a listener flushing) goes on in order.
      for (let task = this.tasks.shift(); task !== undefined; task = this.tasks.shift()) {
        try {
          task();
        } catch (err) {
          this.failed(err);
        }
      }
    } finally {
      this.draining = outer;
    }
  }
}
