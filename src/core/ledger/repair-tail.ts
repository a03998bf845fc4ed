import { promises as fsp } from 'node:fs';

function isCompleteJson(bytes: Buffer): boolean {
  try {
    JSON.parse(bytes.toString('utf8'));
    return true;
  } catch {
    return false;
  }
}

/**
 * Fixes the end of a ledger file a writer died in the middle of, so the next
 * append starts on a line of its own instead of being glued to torn bytes
 * (and lost with them): an incomplete last line (never acknowledged) is cut;
 * a complete one that only lacks its newline gets it. Call holding the lock.
 * Returns the bytes cut and the file's size after the repair (the caller needs
 * it to undo a failed append, and one `fstat` per append less is worth having).
 */
export async function repairTail(fh: fsp.FileHandle): Promise<{ cutBytes: number; size: number }> {
  const size = (await fh.stat()).size;
  if (size === 0) return { cutBytes: 0, size };
  const last = Buffer.alloc(1);
  await fh.read(last, 0, 1, size - 1);
  if (last[0] === 10) return { cutBytes: 0, size };
  const block = Buffer.alloc(64 * 1024);
  let end = size;
  let keep = 0;
  while (end > 0) {
    const start = Math.max(0, end - block.length);
    const { bytesRead } = await fh.read(block, 0, end - start, start);
    const nl = block.subarray(0, bytesRead).lastIndexOf(10);
    if (nl >= 0) {
      keep = start + nl + 1;
      break;
    }
    end = start;
  }
  const tail = Buffer.alloc(size - keep);
  await fh.read(tail, 0, tail.length, keep);
  if (isCompleteJson(tail)) {
    await fh.write('\n');
    await fh.datasync();
    return { cutBytes: 0, size: size + 1 };
  }
  await fh.truncate(keep);
  await fh.datasync();
  return { cutBytes: size - keep, size: keep };
}
