/**
 * A separate instance of an installed package: its modules loaded again, with
 * their own functions (and so their own compiled code in V8), while every other
 * `require` of it keeps getting the copy already loaded.
 *
 * Why the peer benchmark needs it: Portkey is called through the `openai` SDK
 * (pointed at the gateway), the same SDK the baseline is. Sharing one copy, the
 * baseline's code also ran on Portkey's calls, two calls in four, so it was kept
 * warmer than any other client's code between its own calls (in this 2-core
 * machine's caches), which lowered the baseline and raised every peer's "added"
 * (~25 µs on a JSON call, measured in issue 15's round eight). With a copy each,
 * every client's code runs one call in N, as a user's process would run one of them.
 */
export function ownModuleCopy<T>(packageName: string): T {
  const inPackage = new RegExp(`[\\\\/]node_modules[\\\\/]${packageName.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}[\\\\/]`);
  const kept = new Map<string, NodeJS.Module | undefined>();
  for (const key of Object.keys(require.cache)) {
    if (!inPackage.test(key)) continue;
    kept.set(key, require.cache[key]);
    delete require.cache[key];
  }
  try {
    return require(packageName) as T;
  } finally {
    // The fresh modules stay reachable from the copy returned; the cache goes back to the first copy.
    for (const key of Object.keys(require.cache)) if (inPackage.test(key)) delete require.cache[key];
    for (const [key, mod] of kept) if (mod) require.cache[key] = mod;
  }
}
