/** When a paced task whose last run is at least its interval ago runs. */
export type DueRun =
  /** Queued on the chain as it is scheduled. */
  | 'at-once'
  /** After the code that scheduled it has run on (`setImmediate`): a request hands its answer over first. */
  | 'next-turn';

export interface PacedOptions {
  intervalMs: number;
  due: DueRun;
  /** Appends `run` to the owner's chain of work and returns the chain; with no `run`, the chain as it is. */
  enqueue(run?: () => Promise<void>): Promise<unknown>;
}

export interface Paced {
  /** Asks for a run: the one already waiting, or a new one (see `paced`). */
  schedule(): void;
  /** Starts a waiting run now; the chain, with it. */
  now(): Promise<unknown>;
}

/**
 * `task` on a chain at most once per `intervalMs`: when its last run is at least
 * that long ago, as `due` says; else when the interval is up. Work scheduled
 * meanwhile waits for that run. The file ledger paces its writes (group commit)
 * and its syncs with it.
 */
export function paced(opts: PacedOptions, task: () => Promise<void>): Paced {
  let scheduled = false;
  let lastAt = -Infinity;
  /** The waiting run's trigger: its timer, or its turn after the code that scheduled it. */
  let waiting: { timer: ReturnType<typeof setTimeout> } | { immediate: ReturnType<typeof setImmediate> } | undefined;
  const run = (): Promise<void> => {
    scheduled = false;
    lastAt = performance.now();
    return task();
  };
  const start = (): void => {
    waiting = undefined;
    void opts.enqueue(run);
  };
  return {
    schedule() {
      if (scheduled) return;
      scheduled = true;
      const wait = lastAt + opts.intervalMs - performance.now();
      if (wait > 0) waiting = { timer: setTimeout(start, wait) };
      else if (opts.due === 'next-turn') waiting = { immediate: setImmediate(start) };
      else start();
    },
    now() {
      if (waiting) {
        if ('timer' in waiting) clearTimeout(waiting.timer);
        else clearImmediate(waiting.immediate);
        start();
      }
      return opts.enqueue();
    },
  };
}
