import { MaybePromise, isPromiseLike } from '../../model/maybe-promise';
import { StreamEvent } from '../../model/stream-event';
import { DONE, HandRun, Step } from './hand-run';
import { Outcome, StageRun } from './stage';

/*
 * Hand-written runs for stages (see HandRun): the ones that end at once, start
 * later or emit notices first live here; those that observe (`observe`) and
 * map a generator (`mapped`) have files of their own and are re-exported, so
 * stages import every kind of run from this one module.
 */
export { observe, type RunHooks } from './observed-run';
export { mapped, type Handoff } from './mapped-run';

/** A run that ends at once with `outcome` and no events (a refusal). */
class EndedRun extends HandRun {
  private given = false;
  constructor(private readonly outcome: Outcome) {
    super();
  }
  protected step(): Promise<Step> {
    if (this.given) return Promise.resolve(DONE);
    this.given = true;
    return Promise.resolve({ done: true, value: this.outcome });
  }
  protected close(): Promise<Step> {
    this.given = true;
    return Promise.resolve(DONE);
  }
}

export function endedRun(outcome: Outcome): StageRun {
  return new EndedRun(outcome);
}

/** The run of `start()` (called on the first `next`, as a generator body would be); passes straight through after. */
class DeferredRun extends HandRun {
  private started: StageRun | undefined;
  private closed = false;
  /** `inner`: a start already under way (see `whenReady`); a close before the first `next` then closes what it makes. */
  constructor(
    private readonly start: () => Promise<StageRun>,
    private inner?: Promise<StageRun>,
  ) {
    super();
  }

  protected step(): Promise<Step> {
    if (this.started) return this.started.next();
    if (this.closed) return Promise.resolve(DONE);
    this.inner ??= this.start();
    return this.inner.then(
      (run) => {
        this.started = run;
        return run.next();
      },
      (err: unknown) => {
        this.closed = true;
        throw err;
      },
    );
  }

  protected async close(): Promise<Step> {
    if (this.closed) return DONE;
    this.closed = true;
    if (this.started) return this.started.return(undefined as unknown as Outcome);
    if (!this.inner) return DONE;
    let run: StageRun;
    try {
      run = await this.inner;
    } catch {
      return DONE;
    }
    return run.return(undefined as unknown as Outcome);
  }
}

/** A run decided asynchronously (after a lookup, a reservation): no layer once it started. */
export function deferred(start: () => Promise<StageRun>): StageRun {
  return new DeferredRun(start);
}

/** `events` first, then the run `rest()` makes (called only once they were all read). */
class PrefixedRun extends HandRun {
  private index = 0;
  private rest: StageRun | undefined;
  private closed = false;
  constructor(
    private readonly events: readonly StreamEvent[],
    private readonly make: () => StageRun,
  ) {
    super();
  }

  protected step(): Promise<Step> {
    if (this.rest) return this.rest.next();
    if (this.closed) return Promise.resolve(DONE);
    const ev = this.events[this.index];
    if (ev !== undefined) {
      this.index += 1;
      return Promise.resolve({ done: false, value: ev });
    }
    try {
      this.rest = this.make();
    } catch (err) {
      this.closed = true;
      return Promise.reject(err);
    }
    return this.rest.next();
  }

  protected close(): Promise<Step> {
    if (this.closed) return Promise.resolve(DONE);
    this.closed = true;
    return this.rest ? this.rest.return(undefined as unknown as Outcome) : Promise.resolve(DONE);
  }
}

/** Notices a stage emits before the rest of the pipeline runs (a redaction, a budget warning). */
export function prefixed(events: readonly StreamEvent[], rest: () => StageRun): StageRun {
  return events.length === 0 ? lazy(rest) : new PrefixedRun(events, rest);
}

/** `make()`'s run, made on the first `next` (so a stage that throws does it inside the pipeline, as a generator would). */
export function lazy(make: () => StageRun): StageRun {
  return new PrefixedRun([], make);
}

/**
 * `then(value)` once `compute()`'s value is in: at once when the value is at
 * hand (keys in memory, a loaded budget), else a deferred start. What a stage
 * that first looks something up returns. Computed now, while the pipeline is
 * being made (inside the ledger's guard, see `madeNow`), so a stage around it
 * gets the run `then` made — an observing one joins it (see `observe`).
 * `failed` turns a throw or rejection of `compute` into the run instead;
 * without it a throw reaches the stage making this one, as its own would.
 */
export function whenReady<T>(compute: () => MaybePromise<T>, then: (value: T) => StageRun, failed?: (err: unknown) => StageRun): StageRun {
  let value: MaybePromise<T>;
  try {
    value = compute();
  } catch (err) {
    if (failed) return failed(err);
    throw err;
  }
  if (!isPromiseLike(value)) return then(value);
  // Under way now (what `compute` started, a reservation say, is made into its run and closed with it even if
  // the run is closed before its first `next`); read on the first `next`, and never an unhandled rejection.
  const making = value.then(then, failed);
  making.catch(() => undefined);
  return new DeferredRun(() => making, making);
}

/**
 * `make()`'s run, made now; a throw while making it becomes a run that fails
 * on its first `next` (as a generator stage's would), so a stage around it
 * still ends, records or settles through its hooks.
 */
export function madeNow(make: () => StageRun): StageRun {
  try {
    return make();
  } catch (err) {
    return lazy(() => {
      throw err;
    });
  }
}
