import { promises as fsp } from 'node:fs';
import * as path from 'node:path';

/**
 * Replaces `file` so that a crash leaves either the old or the new content:
 * write a sibling temp file, sync it, rename over, then sync the directory so
 * the rename itself is durable.
 * @see https://lwn.net/Articles/457667/
 */
export async function writeFileAtomic(file: string, data: string): Promise<void> {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  const fh = await fsp.open(tmp, 'w');
  try {
    await fh.writeFile(data, 'utf8');
    await fh.sync();
  } finally {
    await fh.close();
  }
  await fsp.rename(tmp, file);
  const dir = await fsp.open(path.dirname(file), 'r').catch(() => undefined);
  if (dir) {
    await dir.sync().catch(() => undefined); // not supported on every platform (Windows)
    await dir.close();
  }
}
