/**
 * Measures the longest time the event loop was blocked while `work` ran:
 * perf_hooks.monitorEventLoopDelay at 1 ms resolution (its max is the longest
 * delay of a timer that should have fired every millisecond, i.e. the longest
 * synchronous block), plus the wall time of the work.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface StallFigures {
  longestBlockMs: number;
  wallMs: number;
}

export async function measureStall(work: () => unknown): Promise<StallFigures> {
  const h = monitorEventLoopDelay({ resolution: 1 });
  // Let the histogram's timer start ticking before the work begins.
  h.enable();
  await new Promise((r) => setTimeout(r, 5));
  h.reset();
  const t0 = performance.now();
  await work();
  const wallMs = performance.now() - t0;
  // The timer records a block only when it finally runs: give it a few turns.
  await new Promise((r) => setTimeout(r, 10));
  h.disable();
  return { longestBlockMs: h.max / 1e6, wallMs };
}
