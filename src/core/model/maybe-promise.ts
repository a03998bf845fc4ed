/**
 * A value a port may have at hand or may need to fetch (a key already in the
 * host's memory, or one read from its secret store). Callers that can go on
 * synchronously check with `isPromiseLike` and spare the request a promise turn;
 * `await` works on both.
 */
export type MaybePromise<T> = T | Promise<T>;

export function isPromiseLike<T>(value: MaybePromise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function';
}
