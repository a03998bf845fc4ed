import { strict as assert } from 'node:assert';
import { afterAnswer } from '../../../src/core/scheduling/after-answer';

const microtasks = async (n = 10): Promise<void> => {
  for (let i = 0; i < n; i++) await Promise.resolve();
};
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('afterAnswer: bookkeeping a caller does not wait for', () => {
  it('runs nothing while the code that queued it runs on (promise turns included), then everything on the next turn, in order', async () => {
    const ran: number[] = [];
    const q = afterAnswer(() => assert.fail('nothing throws'));
    q.add(() => ran.push(1));
    q.add(() => ran.push(2));
    await microtasks();
    assert.deepEqual(ran, []);
    assert.equal(q.pending, 2);
    await nextTurn();
    assert.deepEqual(ran, [1, 2]);
    assert.equal(q.pending, 0);
  });

  it('drain runs what is queued now, and the turn then finds nothing more to run', async () => {
    const ran: string[] = [];
    const q = afterAnswer(() => assert.fail('nothing throws'));
    q.add(() => ran.push('a'));
    q.drain();
    assert.deepEqual(ran, ['a']);
    await nextTurn();
    assert.deepEqual(ran, ['a']);
    q.add(() => ran.push('b'));
    await nextTurn();
    assert.deepEqual(ran, ['a', 'b'], 'a task queued after a drain gets a turn of its own');
  });

  it('a task that throws is reported; the tasks after it still run and nothing reaches the event loop', async () => {
    const ran: string[] = [];
    const failures: unknown[] = [];
    const q = afterAnswer((err) => failures.push(err));
    q.add(() => {
      throw new Error('store failed');
    });
    q.add(() => ran.push('after'));
    await nextTurn();
    assert.deepEqual(ran, ['after']);
    assert.equal(failures.length, 1);
    assert.match(String(failures[0]), /store failed/);
  });

  it('a task queued by a task runs in the same drain; a drain asked for by a task keeps the order', async () => {
    const ran: string[] = [];
    const q = afterAnswer(() => assert.fail('nothing throws'));
    q.add(() => {
      ran.push('first');
      q.add(() => ran.push('queued by first'));
      q.drain();
    });
    q.add(() => ran.push('second'));
    q.drain();
    assert.deepEqual(ran, ['first', 'second', 'queued by first']);
    await nextTurn();
    assert.equal(ran.length, 3, 'each ran once');
  });
});
