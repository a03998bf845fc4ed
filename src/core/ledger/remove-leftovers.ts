import { promises as fsp } from 'node:fs';
import * as path from 'node:path';

/**
 * Removes what a compaction that died half-way left beside `file`
 * (`<file>.<pid>.<time>.tmp` from writeFileAtomic, `.stale` from a broken
 * lock). Call holding the ledger's lock: no compaction is running then, so
 * every such file is a leftover.
 */
export async function removeLeftovers(file: string): Promise<string[]> {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}.`;
  const names = await fsp.readdir(dir).catch(() => [] as string[]);
  const leftovers = names.filter((n) => n.startsWith(prefix) && (n.endsWith('.tmp') || n.endsWith('.stale')));
  await Promise.all(leftovers.map((n) => fsp.rm(path.join(dir, n), { force: true })));
  return leftovers;
}
