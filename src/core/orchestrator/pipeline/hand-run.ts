import { StreamEvent } from '../../model/stream-event';
import { Outcome, StageRun } from './stage';

/** One step of a run: an event, or the outcome it ended with. */
export type Step = IteratorResult<StreamEvent, Outcome>;

/**
 * Hand-written runs for stages that only check, observe or clean up. An async
 * generator per stage costs every event of every request about three promise
 * turns and a generator resume per layer; these cost one `.then` (`observe`)
 * or nothing once started (`deferred`, `prefixed`), while keeping a
 * generator's contract: lazy until the first `next`, calls queued behind a
 * pending one, `return` closes what is inside and runs the cleanup once.
 */
export abstract class HandRun implements StageRun {
  /** The last `next` handed out: a `return` arriving before it settles waits for it, as a generator's would. */
  private inflight: Promise<Step> | undefined;

  protected abstract step(): Promise<Step>;
  protected abstract close(): Promise<Step>;

  next(): Promise<Step> {
    // Callers (`yield*`, for-await, runRequest) never overlap two `next` calls; only a `return` may overlap.
    const p = this.step();
    this.inflight = p;
    return p;
  }

  return(): Promise<Step> {
    const close = (): Promise<Step> => this.close();
    return this.inflight ? this.inflight.then(close, close) : close();
  }

  throw(err: unknown): Promise<Step> {
    return this.return().then(() => Promise.reject(err));
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.return();
  }
}


/** The step of a run that has ended (or was closed). */
export const DONE = { done: true, value: undefined as unknown as Outcome } as const;
