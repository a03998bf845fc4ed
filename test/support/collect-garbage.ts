import * as v8 from 'node:v8';
import * as vm from 'node:vm';

// `gc` for tests that check what stays reachable. Setting the flag after start-up only makes V8
// expose the function to contexts made afterwards (the one below); nothing else in the run changes.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/**
 * A full collection, after the current job: a `WeakRef` read in this job keeps
 * its target alive until the job ends, so the caller's last `deref` must not count.
 */
export async function collectGarbage(): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  gc();
  await new Promise<void>((resolve) => setImmediate(resolve));
}
