import { promises as fsp } from 'node:fs';
import * as path from 'node:path';

/** The file operations an atomic write needs (node's `fs/promises` by default; tests inject failures). */
export interface AtomicWriteFs {
  open(file: string, flags: string, mode?: number): Promise<{ writeFile(data: string | Uint8Array, encoding: 'utf8'): Promise<void>; sync(): Promise<void>; close(): Promise<void> }>;
  rename(from: string, to: string): Promise<void>;
  rm(file: string, options: { force: true }): Promise<void>;
}

export interface AtomicWriteOptions {
  /** Permissions of a newly created file (e.g. 0o600 for the user only). */
  mode?: number;
  fs?: AtomicWriteFs;
}

/**
 * Replaces `file` so that a crash leaves either the old or the new content:
 * write a sibling temp file, sync it, rename over, then sync the directory so
 * the rename itself is durable. A failed write leaves no temp file behind.
 * @see https://lwn.net/Articles/457667/
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array, opts: AtomicWriteOptions = {}): Promise<void> {
  const fs = opts.fs ?? (fsp as unknown as AtomicWriteFs);
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    const fh = await fs.open(tmp, 'w', opts.mode);
    try {
      await fh.writeFile(data, 'utf8');
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fs.rename(tmp, file);
  } catch (err) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
  const dir = await fs.open(path.dirname(file), 'r').catch(() => undefined);
  if (dir) {
    await dir.sync().catch(() => undefined); // not supported on every platform (Windows)
    await dir.close();
  }
}
