/**
 * Lets the event loop run timers, I/O and other extensions' work before the
 * caller continues: long jobs on the extension host (which every extension
 * shares) cut their work into slices and await this between them.
 * setImmediate, not a resolved promise: microtasks would never let timers run.
 */
export type YieldToEventLoop = () => Promise<void>;

export const yieldToEventLoop: YieldToEventLoop = () => new Promise((resolve) => setImmediate(resolve));
