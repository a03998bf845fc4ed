import * as assert from 'node:assert/strict';
import { StreamEvent } from '../../../src/core/model/stream-event';
import { Handoff, mapped } from '../../../src/core/orchestrator/pipeline/runs';
import { Outcome, StageRun } from '../../../src/core/orchestrator/pipeline/stage';

/**
 * The router hands each attempt to the router stage's mapped run, which reads
 * it directly and passes its end back (issue 15: two generator layers fewer on
 * every event). Each case runs the same generators twice — once handing over,
 * once with `yield*` as the router did before — and expects the same events,
 * outcome, values passed back and cleanup order.
 */

type Item = { type: 'text'; text: string } | { type: 'hand'; run: AsyncGenerator<Item, string, undefined> };
type Sub = AsyncGenerator<Item, string, undefined>;
const HAND: Handoff<Item, Extract<Item, { type: 'hand' }>, string> = {
  is: (item): item is Extract<Item, { type: 'hand' }> => item.type === 'hand',
  run: (item) => item.run,
};

const outcome = (content: string): Outcome => ({ type: 'done', content, record: { id: content } as Outcome['record'] });

/** An attempt: some text items, then its end (or a throw), logging its cleanup. */
async function* attempt(log: string[], name: string, texts: string[], fail?: string): Sub {
  try {
    for (const t of texts) {
      await Promise.resolve();
      yield { type: 'text', text: `${name}:${t}` };
    }
    if (fail) throw new Error(fail);
    return `${name} ended`;
  } finally {
    log.push(`${name} finally`);
  }
}

/**
 * A router over two attempts, written once: `delegate` either hands the attempt over
 * (the value of `yield` is its end) or reads it with `yield*`.
 */
function router(log: string[], handOver: boolean, second: { texts: string[]; fail?: string }) {
  const read = async function* (sub: Sub): AsyncGenerator<Item, string, string | undefined> {
    // An attempt takes nothing from `next`, so what the router would pass down never reaches it.
    if (!handOver) return yield* (sub as AsyncGenerator<Item, string, string | undefined>);
    const end = yield { type: 'hand', run: sub };
    if (end === undefined) throw new Error('no end passed back');
    return end;
  };
  return async function* (): AsyncGenerator<Item, string, string | undefined> {
    try {
      yield { type: 'text', text: 'notice' };
      const first = yield* read(attempt(log, 'a1', ['x', 'y']));
      log.push(`router got ${first}`);
      let second2: string;
      try {
        second2 = yield* read(attempt(log, 'a2', second.texts, second.fail));
      } catch (err) {
        log.push(`router caught ${(err as Error).message}`);
        second2 = 'recovered';
      }
      log.push(`router got ${second2}`);
      return `${first} + ${second2}`;
    } finally {
      log.push('router finally');
    }
  };
}

function runOf(log: string[], handOver: boolean, second: { texts: string[]; fail?: string }): StageRun {
  const start = router(log, handOver, second);
  const map = (item: Item): StreamEvent => (item.type === 'text' ? { type: 'text', text: item.text } : { type: 'text', text: 'UNMAPPED HANDOFF' });
  const end = (r: string): Outcome => outcome(r);
  return handOver ? mapped(start, map, end, HAND) : mapped(start, map, end);
}

async function readAll(run: StageRun, log: string[], closeAfter?: number): Promise<void> {
  let n = 0;
  for (;;) {
    if (closeAfter !== undefined && n === closeAfter) {
      await run.return(undefined as unknown as Outcome);
      log.push('closed');
      return;
    }
    const s = await run.next();
    if (s.done) {
      log.push(`outcome ${s.value.content}`);
      return;
    }
    n += 1;
    log.push(`event ${s.value.type === 'text' ? s.value.text : s.value.type}`);
  }
}

async function both(second: { texts: string[]; fail?: string }, closeAfter?: number): Promise<{ handed: string[]; delegated: string[] }> {
  const handed: string[] = [];
  const delegated: string[] = [];
  await readAll(runOf(handed, true, second), handed, closeAfter);
  await readAll(runOf(delegated, false, second), delegated, closeAfter);
  return { handed, delegated };
}

describe('mapped runs: an item may hand over a generator to read in its place', () => {
  it('reads the handed generator directly and passes its end back, as yield* did', async () => {
    const { handed, delegated } = await both({ texts: ['z'] });
    assert.deepEqual(handed, delegated);
    assert.deepEqual(handed, [
      'event notice',
      'event a1:x',
      'event a1:y',
      'a1 finally',
      'router got a1 ended',
      'event a2:z',
      'a2 finally',
      'router got a2 ended',
      'router finally',
      'outcome a1 ended + a2 ended',
    ]);
  });

  it('a handed generator that throws: thrown where it was handed over, and the router may go on', async () => {
    const { handed, delegated } = await both({ texts: ['z'], fail: 'a2 broke' });
    assert.deepEqual(handed, delegated);
    assert.ok(handed.includes('router caught a2 broke'));
    assert.equal(handed.at(-1), 'outcome a1 ended + recovered');
  });

  for (const at of [0, 1, 2, 3, 4]) {
    it(`closed after ${at} event(s): the handed generator is closed before the router, no outcome`, async () => {
      const { handed, delegated } = await both({ texts: ['z', 'w'] }, at);
      assert.deepEqual(handed, delegated);
      assert.equal(handed.at(-1), 'closed');
      assert.ok(!handed.some((l) => l.startsWith('outcome')));
    });
  }
});
