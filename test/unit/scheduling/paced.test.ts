import { strict as assert } from 'node:assert';
import { DueRun, paced } from '../../../src/core/scheduling/paced';

/** A chain like the file ledger's, and a task that counts its runs. */
function setup(due: DueRun, intervalMs: number): { runs: () => number; schedule: () => void; now: () => Promise<unknown>; chain: () => Promise<unknown> } {
  let chain: Promise<unknown> = Promise.resolve();
  let runs = 0;
  const enqueue = (run?: () => Promise<void>): Promise<unknown> => (run ? (chain = chain.then(run)) : chain);
  const p = paced({ intervalMs, due, enqueue }, async () => {
    runs++;
  });
  return { runs: () => runs, schedule: () => p.schedule(), now: () => p.now(), chain: () => chain };
}

const microtasks = async (n = 10): Promise<void> => {
  for (let i = 0; i < n; i++) await Promise.resolve();
};
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('paced', () => {
  it("'at-once': a first run is queued on the chain as it is scheduled", async () => {
    const t = setup('at-once', 60_000);
    t.schedule();
    await t.chain();
    assert.equal(t.runs(), 1);
  });

  it("'next-turn': a first run waits for the code that scheduled it to run on, then runs without being asked", async () => {
    const t = setup('next-turn', 60_000);
    t.schedule();
    await microtasks();
    assert.equal(t.runs(), 0, 'not in the scheduling turn');
    await nextTurn();
    await t.chain();
    assert.equal(t.runs(), 1);
  });

  it("'next-turn': now() starts the waiting run at once, and it runs once", async () => {
    const t = setup('next-turn', 60_000);
    t.schedule();
    await t.now();
    assert.equal(t.runs(), 1);
    await nextTurn();
    await t.chain();
    assert.equal(t.runs(), 1, 'the cancelled trigger does not run it again');
  });

  it('within the interval a run waits for its timer (or now()); schedules meanwhile share it', async () => {
    for (const due of ['at-once', 'next-turn'] as const) {
      const t = setup(due, 60_000);
      t.schedule();
      await t.now();
      assert.equal(t.runs(), 1);
      t.schedule();
      t.schedule();
      t.schedule();
      await nextTurn();
      await t.chain();
      assert.equal(t.runs(), 1, `${due}: the next run waits for the interval`);
      await t.now();
      assert.equal(t.runs(), 2, `${due}: now() starts it, once for the three schedules`);
    }
  });

  it('schedules made before a queued run starts join it', async () => {
    const t = setup('at-once', 60_000);
    t.schedule();
    t.schedule();
    await t.chain();
    assert.equal(t.runs(), 1);
  });
});
