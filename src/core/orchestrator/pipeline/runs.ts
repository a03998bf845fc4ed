import { MaybePromise, isPromiseLike } from '../../model/maybe-promise';
import { StreamEvent } from '../../model/stream-event';
import { Outcome, StageRun } from './stage';

type Step = IteratorResult<StreamEvent, Outcome>;

/**
 * Hand-written runs for stages that only check, observe or clean up. An async
 * generator per stage costs every event of every request about three promise
 * turns and a generator resume per layer; these cost one `.then` (`observe`)
 * or nothing once started (`deferred`, `prefixed`), while keeping a
 * generator's contract: lazy until the first `next`, calls queued behind a
 * pending one, `return` closes what is inside and runs the cleanup once.
 */
abstract class HandRun implements StageRun {
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


const DONE = { done: true, value: undefined as unknown as Outcome } as const;

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

/** What `observe` calls around a run; each is optional. Mirrors a generator's try/catch/finally. */
export interface RunHooks {
  /** Every event, before it is passed on. */
  see?(ev: StreamEvent): void;
  /** The inner run finished: may act on (or replace) the outcome; a throw fails the run. */
  end?(outcome: Outcome): Outcome | Promise<Outcome>;
  /** The inner run (or `end`) threw: may recover with an outcome, else rethrow. */
  fail?(err: unknown): Outcome | Promise<Outcome>;
  /** Always, once: after the outcome, a failure or an early close (then `outcome` is undefined). */
  last?(outcome: Outcome | undefined): void | Promise<void>;
}

/** How a layer of hooks ended: its outcome, or what it threw (the next layer out is told either). */
type Settled = { ok: true; value: Outcome } | { ok: false; error: unknown };

/**
 * A run with layers of hooks around it, innermost first. Stages that observe
 * directly around each other (the cache around the limits around the output
 * guard) share one run: each event is shown to every layer in one `.then`
 * instead of one per layer. The hooks are called exactly as nested runs would
 * call them — the same order, the same outcome or failure handed outwards, the
 * same cleanup on an early close (`observe-layers.test.ts` holds the two side by side).
 */
class ObservedRun extends HandRun {
  private finished = false;
  /** Once asked for anything, no more layers join (see `observe`). */
  started = false;
  constructor(
    private readonly inner: StageRun,
    readonly layers: RunHooks[],
  ) {
    super();
  }

  protected step(): Promise<Step> {
    this.started = true;
    if (this.finished) return Promise.resolve(DONE);
    return this.inner.next().then(this.onStep, this.onError);
  }

  // Made once per run, not per event: every event of every request passes each observing stage.
  private readonly onStep = (s: Step): Step | Promise<Step> => {
    if (s.done) {
      this.finished = true;
      return this.settleFrom(0, { ok: true, value: s.value });
    }
    const layers = this.layers;
    for (let i = 0; i < layers.length; i++) {
      const hooks = layers[i] as RunHooks;
      if (!hooks.see) continue;
      try {
        hooks.see(s.value);
      } catch (err) {
        // As nested runs: the layers out from here fail with it; those inside are left as they are.
        if (i === layers.length - 1) throw err;
        this.finished = true;
        return this.settleFrom(i + 1, { ok: false, error: err });
      }
    }
    return s;
  };

  private readonly onError = (err: unknown): Step | Promise<Step> => {
    this.finished = true;
    return this.settleFrom(0, { ok: false, error: err });
  };

  /** Layers from `i` outwards end in turn, each told how the one inside it ended; synchronous unless a hook returns a promise. */
  private settleFrom(i: number, settled: Settled): Step | Promise<Step> {
    let r = settled;
    for (let at = i; at < this.layers.length; at++) {
      const next = settleLayer(this.layers[at] as RunHooks, r);
      if (isPromiseLike(next)) return next.then((x) => this.settleFrom(at + 1, x));
      r = next;
    }
    return r.ok ? { done: true, value: r.value } : Promise.reject(r.error);
  }

  protected async close(): Promise<Step> {
    this.started = true;
    if (this.finished) return DONE;
    this.finished = true;
    // As nested `try { await inner.return() } finally { await last() }`: every layer's cleanup runs; the last error wins.
    let failure: { error: unknown } | undefined;
    try {
      await this.inner.return(undefined as unknown as Outcome);
    } catch (error) {
      failure = { error };
    }
    for (const hooks of this.layers) {
      try {
        await hooks.last?.(undefined);
      } catch (error) {
        failure = { error };
      }
    }
    if (failure) throw failure.error;
    return DONE;
  }
}

/** One layer's end: `end` (or `fail`), then `last`, as a generator's try/catch/finally. */
function settleLayer(hooks: RunHooks, r: Settled): Settled | Promise<Settled> {
  if (!r.ok) return failLayer(hooks, r.error);
  let out: Outcome | Promise<Outcome>;
  try {
    out = hooks.end ? hooks.end(r.value) : r.value;
  } catch (err) {
    return failLayer(hooks, err);
  }
  return isPromiseLike(out) ? out.then((o) => lastLayer(hooks, o), (err: unknown) => failLayer(hooks, err)) : lastLayer(hooks, out);
}

function failLayer(hooks: RunHooks, err: unknown): Settled | Promise<Settled> {
  if (!hooks.fail) return lastThenFail(hooks, err);
  let out: Outcome | Promise<Outcome>;
  try {
    out = hooks.fail(err);
  } catch (failed) {
    return lastThenFail(hooks, failed);
  }
  return isPromiseLike(out) ? out.then((o) => lastLayer(hooks, o), (failed: unknown) => lastThenFail(hooks, failed)) : lastLayer(hooks, out);
}

function lastLayer(hooks: RunHooks, outcome: Outcome): Settled | Promise<Settled> {
  let r: void | Promise<void>;
  try {
    r = hooks.last?.(outcome);
  } catch (error) {
    return { ok: false, error };
  }
  return isPromiseLike(r) ? r.then((): Settled => ({ ok: true, value: outcome }), (error: unknown): Settled => ({ ok: false, error })) : { ok: true, value: outcome };
}

/** `last`, then the failure (unless `last` itself throws, as a `finally` would). */
function lastThenFail(hooks: RunHooks, err: unknown): Settled | Promise<Settled> {
  let r: void | Promise<void>;
  try {
    r = hooks.last?.(undefined);
  } catch (error) {
    return { ok: false, error };
  }
  return isPromiseLike(r) ? r.then((): Settled => ({ ok: false, error: err }), (error: unknown): Settled => ({ ok: false, error })) : { ok: false, error: err };
}

/**
 * `inner` with `hooks` around it: one promise turn per event instead of a
 * generator layer. Around a run that observes too and has not started, the
 * hooks join it as its outermost layer (the same run, one turn for both).
 */
export function observe(inner: StageRun, hooks: RunHooks): StageRun {
  if (inner instanceof ObservedRun && !inner.started) {
    inner.layers.push(hooks);
    return inner;
  }
  return new ObservedRun(inner, [hooks]);
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
 * The run of another generator's output, each item turned into events (none,
 * one or several) and its return value into the outcome: what a generator
 * stage looping over an inner generator did, at one `.then` per item. The
 * inner generator is made on the first `next` and closed when the run is.
 *
 * An item `handoff` recognises hands over a generator to read in its place
 * (the router's attempts): its items are mapped the same way, and its return
 * value (or its failure) goes back to the inner generator, as `yield*` inside
 * it would have done — without its layers on every item.
 */
/** How a mapped run recognises an item that hands over a generator to read in its place, and the generator it hands. */
export interface Handoff<I, H, D> {
  is(item: I | H): item is H;
  run(item: H): AsyncGenerator<I, D, undefined>;
}

class MappedRun<I, H, R, D> extends HandRun {
  private inner: AsyncGenerator<I | H, R, D | undefined> | undefined;
  /** The generator handed over by the last item, read until it ends. */
  private handed: AsyncGenerator<I, D, undefined> | undefined;
  /** Events of the last item still to hand out (an item may map to several). */
  private queued: StreamEvent[] = [];
  private finished = false;
  constructor(
    private readonly start: () => AsyncGenerator<I | H, R, D | undefined>,
    private readonly map: (item: I) => StreamEvent | readonly StreamEvent[],
    private readonly end: (result: R) => Outcome | Promise<Outcome>,
    private readonly handoff: Handoff<I, H, D> | undefined,
  ) {
    super();
  }

  protected step(): Promise<Step> {
    const next = this.queued.shift();
    if (next !== undefined) return Promise.resolve({ done: false, value: next });
    if (this.finished) return Promise.resolve(DONE);
    if (this.handed) return this.handed.next().then(this.onHandedItem, this.onHandedError);
    let inner: AsyncGenerator<I | H, R, D | undefined>;
    try {
      inner = this.inner ??= this.start();
    } catch (err) {
      this.finished = true;
      return Promise.reject(err);
    }
    return inner.next().then(this.onItem, this.onError);
  }

  // Made once per run, not per event.
  private readonly onItem = (s: IteratorResult<I | H, R>): Step | Promise<Step> => {
    if (s.done) {
      this.finished = true;
      const out = this.end(s.value);
      return isPromiseLike(out) ? out.then((value) => ({ done: true, value })) : { done: true, value: out };
    }
    const item = s.value;
    if (this.handoff?.is(item)) {
      this.handed = this.handoff.run(item);
      return this.step();
    }
    return this.mapped(item as I);
  };

  private readonly onHandedItem = (s: IteratorResult<I, D>): Step | Promise<Step> => {
    if (!s.done) return this.mapped(s.value);
    // Its end goes back to the inner generator, which goes on from the item that handed it over.
    this.handed = undefined;
    return (this.inner as AsyncGenerator<I | H, R, D | undefined>).next(s.value).then(this.onItem, this.onError);
  };

  /** Thrown at the item that handed it over, as an exception out of `yield*` would be. */
  private readonly onHandedError = (err: unknown): Promise<Step> => {
    this.handed = undefined;
    return (this.inner as AsyncGenerator<I | H, R, D | undefined>).throw(err).then(this.onItem, this.onError);
  };

  private mapped(item: I): Step | Promise<Step> {
    const mapped = this.map(item);
    if (!Array.isArray(mapped)) return { done: false, value: mapped as StreamEvent };
    if (mapped.length === 0) return this.step();
    this.queued = mapped.slice(1);
    return { done: false, value: mapped[0] as StreamEvent };
  }

  private readonly onError = (err: unknown): never => {
    this.finished = true;
    throw err;
  };

  protected async close(): Promise<Step> {
    if (this.finished) return DONE;
    this.finished = true;
    this.queued = [];
    // As `yield*` closes its delegate before the generator around it: the handed-over generator first.
    const handed = this.handed;
    this.handed = undefined;
    await handed?.return(undefined as unknown as D).catch(() => undefined);
    await this.inner?.return(undefined as unknown as R).catch(() => undefined);
    return DONE;
  }
}

/**
 * `start()`'s items as events and its result as the outcome (see MappedRun);
 * `handoff` recognises an item that hands over a generator to read in its place.
 */
export function mapped<I, R, H = never, D = never>(
  start: () => AsyncGenerator<I | H, R, D | undefined>,
  map: (item: I) => StreamEvent | readonly StreamEvent[],
  end: (result: R) => Outcome | Promise<Outcome>,
  handoff?: Handoff<I, H, D>,
): StageRun {
  return new MappedRun(start, map, end, handoff);
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
