import * as assert from 'node:assert/strict';
import { isPromiseLike } from '../../../src/core/model/maybe-promise';
import { StreamEvent } from '../../../src/core/model/stream-event';
import { DONE, HandRun, Step } from '../../../src/core/orchestrator/pipeline/hand-run';
import { RunHooks, observe } from '../../../src/core/orchestrator/pipeline/runs';
import { Outcome, StageRun } from '../../../src/core/orchestrator/pipeline/stage';

/**
 * `observe` around a run that observes too joins it as one more layer (one
 * `.then` per event for all of them). This holds that to what nested runs did:
 * the reference below is the one-layer ObservedRun as it was before layers
 * (round seven of issue 15), nested once per stage. Random hooks (each present
 * or not, sync or async, returning, replacing, recovering or throwing), random
 * inner runs (events, then an outcome or an error) and random callers (reading
 * to the end or closing early) must give the same trace of hook calls and the
 * same result, event for event.
 */


/** The single-layer run as it was: the reference for nesting (on the same HandRun base, which is not under test). */
class NestedReference extends HandRun {
  private finished = false;
  constructor(
    private readonly inner: StageRun,
    private readonly hooks: RunHooks,
  ) {
    super();
  }
  protected step(): Promise<Step> {
    if (this.finished) return Promise.resolve(DONE);
    return this.inner.next().then(this.onStep, this.onError);
  }
  private readonly onStep = (s: Step): Step | Promise<Step> => {
    if (!s.done) {
      this.hooks.see?.(s.value);
      return s;
    }
    return this.settle(s.value, undefined, true);
  };
  private readonly onError = (err: unknown): Step | Promise<Step> => this.settle(undefined, err, false);
  private settle(value: Outcome | undefined, error: unknown, ok: boolean): Step | Promise<Step> {
    this.finished = true;
    if (!ok) return this.failed(error);
    let out: Outcome | Promise<Outcome>;
    try {
      out = this.hooks.end ? this.hooks.end(value as Outcome) : (value as Outcome);
    } catch (err) {
      return this.failed(err);
    }
    return isPromiseLike(out) ? out.then((o) => this.last(o), (err: unknown) => this.failed(err)) : this.last(out);
  }
  private failed(err: unknown): Step | Promise<Step> {
    if (!this.hooks.fail) return this.lastThenThrow(err);
    let out: Outcome | Promise<Outcome>;
    try {
      out = this.hooks.fail(err);
    } catch (failed) {
      return this.lastThenThrow(failed);
    }
    return isPromiseLike(out) ? out.then((o) => this.last(o), (failed: unknown) => this.lastThenThrow(failed)) : this.last(out);
  }
  private last(outcome: Outcome): Step | Promise<Step> {
    const step: Step = { done: true, value: outcome };
    const r = this.hooks.last?.(outcome);
    return isPromiseLike(r) ? r.then(() => step) : step;
  }
  private lastThenThrow(err: unknown): Promise<never> {
    const r = this.hooks.last?.(undefined);
    return isPromiseLike(r) ? r.then(() => Promise.reject(err)) : Promise.reject(err);
  }
  protected async close(): Promise<Step> {
    if (this.finished) return DONE;
    this.finished = true;
    try {
      await this.inner.return(undefined as unknown as Outcome);
    } finally {
      await this.hooks.last?.(undefined);
    }
    return DONE;
  }
}

/** A small deterministic generator (LCG), so a failing case can be replayed by its seed. */
function randomFrom(seed: number): (n: number) => number {
  let s = seed >>> 0 || 1;
  return (n) => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s % n;
  };
}

const outcome = (content: string): Outcome => ({ type: 'done', content, record: { id: content } as Outcome['record'] });
const label = (o: Outcome | undefined): string => (o === undefined ? 'none' : o.content);
const why = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** What one hook does: return as given, replace the outcome, recover, throw, each at once or after a turn. */
interface HookPlan {
  kind: 'pass' | 'replace' | 'throw';
  async: boolean;
}
interface LayerPlan {
  see?: 'ok' | 'throw-at-1';
  end?: HookPlan;
  fail?: HookPlan;
  last?: HookPlan;
}
interface CasePlan {
  layers: LayerPlan[];
  events: number;
  endsWith: 'outcome' | 'error';
  innerAsync: boolean;
  /** Read to the end, or close after this many events. */
  closeAfter?: number;
}

function planCase(r: (n: number) => number): CasePlan {
  const hook = (): HookPlan | undefined => (r(3) === 0 ? undefined : { kind: (['pass', 'replace', 'throw'] as const)[r(3)] as HookPlan['kind'], async: r(2) === 0 });
  const layers = Array.from({ length: 1 + r(4) }, (): LayerPlan => {
    const l: LayerPlan = {};
    const see = r(6);
    if (see > 0) l.see = see === 1 ? 'throw-at-1' : 'ok';
    const end = hook();
    if (end) l.end = end;
    const fail = hook();
    if (fail) l.fail = fail;
    const last = hook();
    if (last) l.last = { kind: last.kind === 'replace' ? 'pass' : last.kind, async: last.async };
    return l;
  });
  const plan: CasePlan = { layers, events: r(4), endsWith: r(3) === 0 ? 'error' : 'outcome', innerAsync: r(2) === 0 };
  if (r(3) === 0) plan.closeAfter = r(plan.events + 1);
  return plan;
}

function hooksFor(plan: LayerPlan, i: number, log: string[]): RunHooks {
  const act = <T>(p: HookPlan, name: string, value: () => T): T | Promise<T> => {
    const run = (): T => {
      if (p.kind === 'throw') {
        log.push(`L${i}.${name} throws`);
        throw new Error(`L${i}.${name}`);
      }
      return value();
    };
    return p.async ? Promise.resolve().then(run) : run();
  };
  const hooks: RunHooks = {};
  if (plan.see) {
    let seen = 0;
    hooks.see = (ev) => {
      seen += 1;
      log.push(`L${i}.see ${ev.type === 'text' ? ev.text : ev.type}`);
      if (plan.see === 'throw-at-1' && seen === 1) throw new Error(`L${i}.see`);
    };
  }
  const end = plan.end;
  if (end) {
    hooks.end = (o) => {
      log.push(`L${i}.end ${label(o)}`);
      return act(end, 'end', () => (end.kind === 'replace' ? outcome(`${label(o)}>L${i}e`) : o));
    };
  }
  const fail = plan.fail;
  if (fail) {
    hooks.fail = (err) => {
      log.push(`L${i}.fail ${why(err)}`);
      // 'pass' rethrows the error it was given; 'replace' recovers with an outcome; 'throw' throws its own.
      if (fail.kind === 'pass') {
        if (fail.async) return Promise.reject(err);
        throw err;
      }
      return act(fail, 'fail', () => outcome(`recovered@L${i}`));
    };
  }
  const last = plan.last;
  if (last) {
    hooks.last = (o) => {
      log.push(`L${i}.last ${label(o)}`);
      const r = act(last, 'last', () => undefined);
      return isPromiseLike(r) ? r.then(() => undefined) : undefined;
    };
  }
  return hooks;
}

function sourceFor(plan: CasePlan, log: string[]): StageRun {
  return (async function* (): AsyncGenerator<StreamEvent, Outcome, undefined> {
    try {
      for (let e = 0; e < plan.events; e++) {
        if (plan.innerAsync) await Promise.resolve();
        yield { type: 'text', text: `e${e}` };
      }
      if (plan.innerAsync) await Promise.resolve();
      if (plan.endsWith === 'error') throw new Error('inner');
      return outcome('inner');
    } finally {
      log.push('inner closed');
    }
  })();
}

async function consume(run: StageRun, plan: CasePlan, log: string[]): Promise<void> {
  let read = 0;
  try {
    for (;;) {
      if (plan.closeAfter !== undefined && read === plan.closeAfter) {
        await run.return(undefined as unknown as Outcome);
        log.push('caller closed');
        await run.return(undefined as unknown as Outcome);
        return;
      }
      const s = await run.next();
      if (s.done) {
        log.push(`caller got ${label(s.value)}`);
        const again = await run.next();
        log.push(`then ${again.done ? 'done' : 'event'} ${label(again.value as Outcome | undefined)}`);
        return;
      }
      read += 1;
      log.push(`caller read ${s.value.type === 'text' ? s.value.text : s.value.type}`);
    }
  } catch (err) {
    log.push(`caller caught ${why(err)}`);
    try {
      await run.return(undefined as unknown as Outcome);
      log.push('closed after the failure');
    } catch (closeErr) {
      log.push(`close after the failure threw ${why(closeErr)}`);
    }
  }
}

async function traceOf(plan: CasePlan, layered: boolean): Promise<string[]> {
  const log: string[] = [];
  let run = sourceFor(plan, log);
  plan.layers.forEach((l, i) => {
    const hooks = hooksFor(l, i, log);
    run = layered ? observe(run, hooks) : new NestedReference(run, hooks);
  });
  await consume(run, plan, log);
  return log;
}

describe('observe: layers of hooks on one run behave as nested runs', () => {
  it('3,000 random cases: the same hook calls, in the same order, and the same result for the caller', async () => {
    for (let seed = 1; seed <= 3000; seed++) {
      const plan = planCase(randomFrom(seed));
      const nested = await traceOf(plan, false);
      const layered = await traceOf(plan, true);
      assert.deepEqual(layered, nested, `seed ${seed}: ${JSON.stringify(plan)}`);
    }
  });

  it('directly nested observers share one run; a started run is wrapped, not joined', async () => {
    const inner = (async function* (): AsyncGenerator<StreamEvent, Outcome, undefined> {
      yield { type: 'text', text: 'a' };
      return outcome('x');
    })();
    const first = observe(inner, {});
    const second = observe(first, {});
    assert.equal(second, first, 'joined: one run, one .then per event');
    await second.next();
    const third = observe(second, {});
    assert.notEqual(third, second, 'the run had started: a layer of its own');
    const end = await third.next();
    assert.deepEqual(end, { done: true, value: outcome('x') });
  });
});
