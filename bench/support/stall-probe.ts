/**
 * Measures the longest time the event loop was blocked while `work` ran, two ways:
 *  - wall: perf_hooks.monitorEventLoopDelay at 1 ms resolution (its max is the longest
 *    delay of a timer that should have fired every millisecond);
 *  - CPU: a 1 ms timer chain reading process.cpuUsage(); the largest CPU time spent
 *    between two consecutive ticks. On a shared, overloaded machine the wall figure
 *    also counts time the OS did not run this process at all; the CPU figure is the
 *    synchronous work itself (plus any helper threads running meanwhile: GC, fs).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface StallFigures {
  /** monitorEventLoopDelay max (wall clock). */
  longestBlockMs: number;
  /** Largest process CPU time between two event-loop turns. */
  longestBlockCpuMs: number;
  wallMs: number;
}

function cpuGapSampler(): { stop(): number } {
  const cpuMs = (): number => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  let last = cpuMs();
  let worst = 0;
  const sample = (): void => {
    const now = cpuMs();
    worst = Math.max(worst, now - last);
    last = now;
  };
  let timer: ReturnType<typeof setTimeout> = setTimeout(function tick() {
    sample();
    timer = setTimeout(tick, 1);
  }, 1);
  return {
    stop() {
      clearTimeout(timer);
      sample();
      return worst;
    },
  };
}

export async function measureStall(work: () => unknown): Promise<StallFigures> {
  const h = monitorEventLoopDelay({ resolution: 1 });
  // Let the histogram's timer start ticking before the work begins.
  h.enable();
  await new Promise((r) => setTimeout(r, 5));
  h.reset();
  const cpu = cpuGapSampler();
  const t0 = performance.now();
  await work();
  const wallMs = performance.now() - t0;
  // The timers record a block only when they finally run: give them a few turns.
  await new Promise((r) => setTimeout(r, 10));
  h.disable();
  return { longestBlockMs: h.max / 1e6, longestBlockCpuMs: cpu.stop(), wallMs };
}
