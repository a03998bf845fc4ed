import { isPromiseLike } from '../../model/maybe-promise';
import { StreamEvent } from '../../model/stream-event';
import { DONE, HandRun, Step } from './hand-run';
import { Outcome, StageRun } from './stage';

/** How a mapped run recognises an item that hands over a generator to read in its place, and the generator it hands. */
export interface Handoff<I, H, D> {
  is(item: I | H): item is H;
  run(item: H): AsyncGenerator<I, D, undefined>;
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
    return this.events(item as I);
  };

  private readonly onHandedItem = (s: IteratorResult<I, D>): Step | Promise<Step> => {
    if (!s.done) return this.events(s.value);
    // Its end goes back to the inner generator, which goes on from the item that handed it over.
    this.handed = undefined;
    return (this.inner as AsyncGenerator<I | H, R, D | undefined>).next(s.value).then(this.onItem, this.onError);
  };

  /** Thrown at the item that handed it over, as an exception out of `yield*` would be. */
  private readonly onHandedError = (err: unknown): Promise<Step> => {
    this.handed = undefined;
    return (this.inner as AsyncGenerator<I | H, R, D | undefined>).throw(err).then(this.onItem, this.onError);
  };

  /** The events an item maps to: the first now, the rest queued; none reads the next item. */
  private events(item: I): Step | Promise<Step> {
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
