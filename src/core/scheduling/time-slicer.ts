import { YieldToEventLoop, yieldToEventLoop } from './yield-to-event-loop';

/** Work done between two yields, well under the 50 ms a user notices (P6). */
const SLICE_MS = 8;
/** Items between two looks at the clock: reading it costs more than one small item. */
const CHECK_EVERY = 128;

/**
 * Cuts a long loop on the extension host into slices of about {@link SLICE_MS}:
 * call `tick()` once per item; it yields to the event loop when the slice is used up.
 * `await slicer.tick()` costs a resolved promise otherwise.
 */
export interface TimeSlicer {
  tick(): Promise<void> | undefined;
}

export function createTimeSlicer(pause: YieldToEventLoop = yieldToEventLoop, sliceMs = SLICE_MS): TimeSlicer {
  let count = 0;
  let sliceStart = performance.now();
  return {
    tick() {
      if (++count % CHECK_EVERY !== 0 || performance.now() - sliceStart < sliceMs) return undefined;
      return pause().then(() => {
        sliceStart = performance.now();
      });
    },
  };
}

/** `map` over `items` in time slices. */
export async function mapSliced<T, U>(items: readonly T[], map: (item: T) => U, slicer: TimeSlicer = createTimeSlicer()): Promise<U[]> {
  const out: U[] = [];
  for (const item of items) {
    out.push(map(item));
    const wait = slicer.tick();
    if (wait) await wait;
  }
  return out;
}
