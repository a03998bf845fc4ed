import { isPromiseLike } from '../../model/maybe-promise';
import { StreamEvent } from '../../model/stream-event';
import { DONE, HandRun, Step } from './hand-run';
import { Outcome, StageRun } from './stage';

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
  return afterLast(hooks, outcome, { ok: true, value: outcome });
}

/** `last`, then the failure (unless `last` itself throws, as a `finally` would). */
function lastThenFail(hooks: RunHooks, err: unknown): Settled | Promise<Settled> {
  return afterLast(hooks, undefined, { ok: false, error: err });
}

/** `settled` once `last(outcome)` ran, or what `last` threw instead. */
function afterLast(hooks: RunHooks, outcome: Outcome | undefined, settled: Settled): Settled | Promise<Settled> {
  let r: void | Promise<void>;
  try {
    r = hooks.last?.(outcome);
  } catch (error) {
    return { ok: false, error };
  }
  return isPromiseLike(r) ? r.then((): Settled => settled, (error: unknown): Settled => ({ ok: false, error })) : settled;
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
