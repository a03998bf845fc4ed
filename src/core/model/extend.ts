/**
 * `{ ...base, ...extra }`, for objects built on every request. On Node 20's V8
 * an object literal that starts with a spread and then adds keys the source
 * lacks (`{ ...ctx, request, target }`) builds a fresh hidden class each time:
 * ~2–6 µs and a few KB of garbage, against ~0.1 µs for `Object.assign`.
 */
export function extend<T extends object, U extends object>(base: T, extra: U): Omit<T, keyof U> & U {
  return Object.assign({}, base, extra);
}
