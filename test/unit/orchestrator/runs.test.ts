import * as assert from 'node:assert/strict';
import { StreamEvent } from '../../../src/core/model/stream-event';
import { SwitchboardError } from '../../../src/core/model/switchboard-error';
import { deferred, lazy, madeNow, mapped, observe, prefixed, whenReady } from '../../../src/core/orchestrator/pipeline/runs';
import { Outcome, StageRun } from '../../../src/core/orchestrator/pipeline/stage';

const outcome = (content: string): Outcome => ({ type: 'done', content, record: { id: content } as Outcome['record'] });
const text = (t: string): StreamEvent => ({ type: 'text', text: t });

/** An inner run as a generator, logging how it ends (its `finally` runs on close too). */
function source(log: string[], events: string[], end: Outcome | Error = outcome('ok')): StageRun {
  return (async function* (): StageRun {
    try {
      for (const e of events) yield text(e);
      if (end instanceof Error) throw end;
      return end;
    } finally {
      log.push('inner finally');
    }
  })();
}

async function drain(run: StageRun): Promise<{ events: string[]; outcome: Outcome }> {
  const events: string[] = [];
  for (let s = await run.next(); ; s = await run.next()) {
    if (s.done) return { events, outcome: s.value };
    if (s.value.type === 'text') events.push(s.value.text);
  }
}

describe('Hand-written runs (pipeline/runs.ts): a generator stage contract at one promise turn per event', () => {
  it('observe: sees every event, then end (which may replace the outcome), then last with it, once', async () => {
    const log: string[] = [];
    const replaced = outcome('replaced');
    const run = observe(source(log, ['a', 'b']), {
      see: (ev) => log.push(`see ${ev.type === 'text' ? ev.text : ev.type}`),
      end: (o) => (log.push(`end ${o.content}`), replaced),
      last: (o) => void log.push(`last ${o?.content}`),
    });
    const got = await drain(run);
    assert.deepEqual(got.events, ['a', 'b']);
    assert.equal(got.outcome, replaced);
    assert.deepEqual(log, ['see a', 'see b', 'inner finally', 'end ok', 'last replaced']);
    assert.deepEqual(await run.next(), { done: true, value: undefined }, 'a finished run stays finished');
    await run.return(undefined as never);
    assert.equal(log.filter((l) => l.startsWith('last')).length, 1);
  });

  it('observe: an inner throw goes to fail (recovered into an outcome), then last', async () => {
    const log: string[] = [];
    const run = observe(source(log, ['a'], new Error('broke')), {
      fail: (err) => (log.push(`fail ${(err as Error).message}`), outcome('recovered')),
      last: (o) => void log.push(`last ${o?.content}`),
    });
    assert.equal((await drain(run)).outcome.content, 'recovered');
    assert.deepEqual(log, ['inner finally', 'fail broke', 'last recovered']);
  });

  it('observe: without fail the error reaches the caller after last ran; an async last is awaited first', async () => {
    const log: string[] = [];
    const run = observe(source(log, [], new Error('broke')), {
      last: async () => {
        await new Promise((r) => setTimeout(r, 1));
        log.push('last');
      },
    });
    await assert.rejects(drain(run), /broke/);
    assert.deepEqual(log, ['inner finally', 'last']);
  });

  it('observe: a throwing end fails the run like a throw inside (a stage storing the answer)', async () => {
    const run = observe(source([], ['a']), {
      end: () => {
        throw new SwitchboardError({ kind: 'network', message: 'store failed' });
      },
      fail: (err) => outcome(`failed: ${(err as Error).message}`),
    });
    assert.equal((await drain(run)).outcome.content, 'failed: store failed');
  });

  it('observe: closed mid-stream, the inner run is closed and last runs once with no outcome', async () => {
    const log: string[] = [];
    const run = observe(source(log, ['a', 'b', 'c']), { last: (o) => void log.push(`last ${o === undefined ? 'none' : o.content}`) });
    await run.next();
    await run.return(undefined as never);
    await run.return(undefined as never);
    assert.deepEqual(log, ['inner finally', 'last none']);
    assert.deepEqual(await run.next(), { done: true, value: undefined });
  });

  it('a return arriving while a next is pending waits for it, as a generator queues it', async () => {
    const log: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const slow = (async function* (): StageRun {
      await gate;
      yield text('late');
      return outcome('ok');
    })();
    const run = observe(slow, { last: (o) => void log.push(`last ${o === undefined ? 'none' : o.content}`) });
    const pending = run.next();
    const closing = run.return(undefined as never);
    log.push('return called');
    release();
    assert.deepEqual(await pending, { done: false, value: text('late') });
    await closing;
    assert.deepEqual(log, ['return called', 'last none']);
  });

  it('deferred: starts on the first next (not before), then passes straight through', async () => {
    let started = 0;
    const run = deferred(async () => {
      started += 1;
      return source([], ['x']);
    });
    assert.equal(started, 0, 'lazy, like a generator body');
    assert.deepEqual((await drain(run)).events, ['x']);
    assert.equal(started, 1);
  });

  it('deferred: closed before it started, it never starts; closed after, the started run is closed', async () => {
    let started = 0;
    const never = deferred(async () => {
      started += 1;
      return source([], []);
    });
    await never.return(undefined as never);
    assert.deepEqual(await never.next(), { done: true, value: undefined });
    assert.equal(started, 0);
    const log: string[] = [];
    const run = deferred(async () => source(log, ['a', 'b']));
    await run.next();
    await run.return(undefined as never);
    assert.deepEqual(log, ['inner finally']);
  });

  it('deferred: a failed start rejects the next call, then the run is over', async () => {
    const run = deferred(async () => {
      throw new Error('no keys');
    });
    await assert.rejects(run.next(), /no keys/);
    assert.deepEqual(await run.next(), { done: true, value: undefined });
  });

  it('prefixed: its events first, the rest made only once they were read; closed at one, the rest is never made', async () => {
    let made = 0;
    const make = (): StageRun => (made += 1, source([], ['rest']));
    assert.deepEqual((await drain(prefixed([text('notice')], make))).events, ['notice', 'rest']);
    assert.equal(made, 1);
    const stopped = prefixed([text('notice')], make);
    await stopped.next();
    await stopped.return(undefined as never);
    assert.equal(made, 1, 'a caller that stopped at the notice never started the rest');
  });

  it('lazy: a rest that throws while being made rejects the first next instead of the caller building the pipeline', async () => {
    const run = lazy(() => {
      throw new Error('eager stage threw');
    });
    await assert.rejects(run.next(), /eager stage threw/);
  });

  it('mapped: made on the first next; each item becomes none, one or several events; its result the outcome', async () => {
    const log: string[] = [];
    const items = async function* (): AsyncGenerator<number, string, undefined> {
      try {
        log.push('started');
        for (const n of [0, 1, 3]) yield n;
        return 'result';
      } finally {
        log.push('inner finally');
      }
    };
    const run = mapped(
      items,
      (n) => (n === 1 ? text('one') : Array.from({ length: n }, (_, k) => text(`${n}.${k}`))),
      (r) => outcome(`${r} mapped`),
    );
    assert.deepEqual(log, [], 'not started before the first next');
    const got = await drain(run);
    assert.deepEqual(got.events, ['one', '3.0', '3.1', '3.2']);
    assert.equal(got.outcome.content, 'result mapped');
    assert.deepEqual(log, ['started', 'inner finally']);
    assert.deepEqual(await run.next(), { done: true, value: undefined });
  });

  it('mapped: closed mid-stream, the inner generator is closed and no outcome is made; an inner throw reaches the caller', async () => {
    const log: string[] = [];
    let ended = 0;
    const items = async function* (): AsyncGenerator<string, string, undefined> {
      try {
        yield 'a';
        yield 'b';
        return 'never';
      } finally {
        log.push('inner finally');
      }
    };
    const run = mapped(items, (t) => text(t), (r) => (ended++, outcome(r)));
    assert.deepEqual(await run.next(), { done: false, value: text('a') });
    await run.return(undefined as never);
    assert.deepEqual(log, ['inner finally']);
    assert.equal(ended, 0);
    assert.deepEqual(await run.next(), { done: true, value: undefined });

    const failing = mapped(
      async function* (): AsyncGenerator<string, string, undefined> {
        yield 'x';
        throw new Error('router broke');
      },
      (t) => text(t),
      (r) => outcome(r),
    );
    assert.equal((await failing.next()).done, false);
    await assert.rejects(failing.next(), /router broke/);
    assert.deepEqual(await failing.next(), { done: true, value: undefined });
  });

  it('whenReady: a value at hand is used at once, and an observer around the run it makes joins that run', async () => {
    const log: string[] = [];
    const inner = observe(source(log, ['a']), { see: () => void log.push('inner sees') });
    const run = whenReady(
      () => (log.push('computed'), 1),
      () => inner,
    );
    assert.deepEqual(log, ['computed'], 'computed while the pipeline is made, not on the first next');
    assert.equal(run, inner, 'the run `then` made, with no layer of its own');
    assert.equal(observe(run, {}), inner, 'joined');
    assert.deepEqual((await drain(run)).events, ['a']);
  });

  it('whenReady: a compute that throws fails to `failed`, or (without it) throws to the stage making it', async () => {
    const failedRun = whenReady(
      () => {
        throw new Error('lookup broke');
      },
      () => source([], []),
      (err) => observe(source([], [], outcome(`failed: ${(err as Error).message}`)), {}),
    );
    assert.equal((await drain(failedRun)).outcome.content, 'failed: lookup broke');
    assert.throws(
      () =>
        whenReady(
          () => {
            throw new Error('no failed hook');
          },
          () => source([], []),
        ),
      /no failed hook/,
    );
  });

  it('madeNow: a throw while making the run becomes a run that rejects its first next', async () => {
    const run = madeNow(() => {
      throw new Error('made badly');
    });
    await assert.rejects(run.next(), /made badly/);
    const ok = source([], ['x']);
    assert.equal(
      madeNow(() => ok),
      ok,
    );
  });

  it('works as the target of yield* in a generator stage (a spy stage from ports.stages)', async () => {
    const inner = observe(source([], ['a']), {});
    const outer = (async function* (): StageRun {
      return yield* inner;
    })();
    const got = await drain(outer);
    assert.deepEqual(got.events, ['a']);
    assert.equal(got.outcome.content, 'ok');
  });
});
