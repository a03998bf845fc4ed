import { ExactCache } from '../../cache/exact-cache';
import { loadExactCacheFile, saveExactCacheFile } from '../../cache/cache-persistence';
import { Clock, LogSink } from '../../ports';

/** Batches writes: one save this long after the first unsaved change. */
const SAVE_DELAY_MS = 5_000;

/**
 * Opt-in persistence of the exact cache across window reloads: loaded once at
 * start, saved (atomically, keys never included) a few seconds after changes
 * and on flush/dispose.
 */
export function cachePersistence(dir: string, cache: ExactCache, now: Clock, log?: LogSink): { loaded(): Promise<unknown> | undefined; schedule(): void; save(): Promise<void> } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let dirty = false;
  const loading = loadExactCacheFile(dir, cache).catch((err: unknown) => {
    log?.warn(`Could not load the persisted response cache: ${err instanceof Error ? err.message : String(err)}`);
    return 0;
  });
  let isLoaded = false;
  void loading.then(() => {
    isLoaded = true;
  });
  const save = async (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    await loading;
    if (!dirty) return;
    dirty = false;
    try {
      await saveExactCacheFile(dir, cache, { now: now() });
    } catch (err) {
      log?.warn(`Could not save the response cache: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  return {
    /** The load still running, else nothing to wait for (a lookup then needs no promise turn). */
    loaded: () => (isLoaded ? undefined : loading),
    schedule() {
      dirty = true;
      if (timer) return;
      timer = setTimeout(() => void save(), SAVE_DELAY_MS);
      timer.unref?.();
    },
    save,
  };
}
