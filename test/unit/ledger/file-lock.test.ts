import { strict as assert } from 'node:assert';
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileLock } from '../../../src/core/ledger/file-lock';

describe('FileLock: a lock file left empty by a killed owner', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'sb-lock-'));
  });
  afterEach(async () => {
    await fsp.rm(dir, { recursive: true, force: true });
  });

  it('is broken after a short grace instead of blocking every writer until the timeout', async () => {
    const file = path.join(dir, 'ledger.jsonl.lock');
    // The owner was SIGKILLed between creating the file (O_EXCL) and writing its pid into it.
    await fsp.writeFile(file, '');
    const old = new Date(Date.now() - 5_000);
    await fsp.utimes(file, old, old);
    const lock = new FileLock(file, { staleMs: 60_000, timeoutMs: 4_000 });
    assert.equal(await lock.run(async () => 'ran'), 'ran');
    await assert.rejects(fsp.stat(file), /ENOENT/, 'released after use');
  });

  it('leaves a freshly created, still empty lock alone (its owner is writing it)', async () => {
    const file = path.join(dir, 'ledger.jsonl.lock');
    await fsp.writeFile(file, '');
    const lock = new FileLock(file, { staleMs: 60_000, timeoutMs: 300 });
    await assert.rejects(lock.run(async () => 'ran'), /locked by process/);
  });
});
