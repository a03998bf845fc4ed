import assert from 'node:assert/strict';
import { SwitchboardError } from '../../../src/core/model/switchboard-error';
import { requestSignal } from '../../../src/core/orchestrator/deadline';
import { dictionaryModeObjects, freshHiddenClasses } from '../../support/same-hidden-class';

const because = (message: string): SwitchboardError => new SwitchboardError({ kind: 'invalid_response', message });

describe('orchestrator/requestSignal: the request stop, watched without the signal', () => {
  it('every request stop is a fast object of one hidden class (a literal with a getter is neither, issue 15)', () => {
    const made = Array.from({ length: 200 }, () => requestSignal(undefined, 60_000));
    const stops = made.map((r) => r.stop);
    assert.equal(dictionaryModeObjects(stops), 0);
    assert.equal(freshHiddenClasses(stops), 0);
    for (const r of made) r.release();
  });

  it("a watcher hears the stop once, before the signal's own listeners, with the first reason", () => {
    const r = requestSignal(undefined, 60_000);
    const heard: string[] = [];
    r.signal.addEventListener('abort', () => heard.push(`signal ${(r.signal.reason as SwitchboardError).message}`));
    r.stop.watch((reason) => heard.push(`watcher ${reason.message}`));
    const before = r.stop.reason;
    r.abort(because('first'));
    r.abort(because('second'));
    assert.equal(before, undefined);
    assert.deepEqual(heard, ['watcher first', 'signal first']);
    assert.equal(r.stop.reason?.message, 'first');
    r.release();
  });

  it('a watcher added after the stop hears it at once; a forgotten one never does', () => {
    const r = requestSignal(undefined, 60_000);
    const heard: string[] = [];
    const forget = r.stop.watch(() => heard.push('forgotten'));
    forget();
    r.abort(because('stopped'));
    r.stop.watch((reason) => heard.push(`late ${reason.message}`));
    assert.deepEqual(heard, ['late stopped']);
    r.release();
  });

  it('the caller giving up is a cancel, the deadline a timeout, each heard by watchers and the signal alike', async () => {
    const caller = new AbortController();
    const cancelled = requestSignal(caller.signal, 60_000);
    let heard: SwitchboardError | undefined;
    cancelled.stop.watch((reason) => (heard = reason));
    caller.abort(new Error('gone'));
    assert.equal(heard?.kind, 'cancelled');
    assert.equal((cancelled.signal.reason as SwitchboardError).kind, 'cancelled');
    cancelled.release();

    const late = requestSignal(undefined, 5);
    const deadline = await new Promise<SwitchboardError>((resolve) => late.stop.watch(resolve));
    assert.equal(deadline.kind, 'timeout');
    assert.equal(deadline.timeoutPhase, 'deadline');
    assert.ok(late.signal.aborted);
  });

  it('released, it neither times out nor hears the caller', async () => {
    const caller = new AbortController();
    const r = requestSignal(caller.signal, 5);
    r.release();
    await new Promise((resolve) => setTimeout(resolve, 15));
    caller.abort();
    assert.equal(r.stop.reason, undefined);
    assert.equal(r.signal.aborted, false);
  });
});
