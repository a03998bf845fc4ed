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
 * Returns the bytes cut.
 */
export async function repairTail(fh: fsp.FileHandle): Promise<number> {
  const size = (await fh.stat()).size;
  if (size === 0) return 0;
  const last = Buffer.alloc(1);
  await fh.read(last, 0, 1, size - 1);
  if (last[0] === 10) return 0;
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
    return 0;
  }
  await fh.truncate(keep);
  await fh.datasync();
  return size - keep;
}
