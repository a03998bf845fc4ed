import { promises as fsp } from 'node:fs';
import * as os from 'node:os';

export interface FileLockOptions {
  /** A lock older than this is stale whoever holds it (a holder never keeps it for more than a write or a compaction). */
  staleMs?: number;
  /** Give up waiting after this long. */
  timeoutMs?: number;
}

interface LockOwner {
  pid: number;
  host: string;
  token: string;
  at: number;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readOwner(file: string): Promise<LockOwner | undefined> {
  try {
    const v = JSON.parse(await fsp.readFile(file, 'utf8')) as LockOwner;
    return typeof v.pid === 'number' && typeof v.token === 'string' ? v : undefined;
  } catch {
    return undefined; // gone, or being written this instant
  }
}

/** How long a lock file may stay empty before it counts as abandoned (its owner died between create and write). */
const UNWRITTEN_GRACE_MS = 2_000;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * An exclusive lock between processes: a lock file created with `O_EXCL`,
 * holding its owner's pid. A lock whose owner died (same host, pid gone) or
 * that is older than `staleMs` is broken: renamed aside first, and restored
 * if what was renamed turned out to be a fresh lock, so two processes
 * recovering the same stale lock do not both proceed. Within a process,
 * holders are queued, so the file is only ever contended between processes.
 */
export class FileLock {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly staleMs: number;
  private readonly timeoutMs: number;

  constructor(
    readonly file: string,
    opts: FileLockOptions = {},
  ) {
    this.staleMs = opts.staleMs ?? 30_000;
    this.timeoutMs = opts.timeoutMs ?? 20_000;
  }

  /** Runs `fn` holding the lock. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.queue.then(async () => {
      const token = await this.acquire();
      const acquiredAt = Date.now();
      try {
        return await fn();
      } finally {
        await this.release(token, acquiredAt);
      }
    });
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async acquire(): Promise<string> {
    const token = `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const owner: LockOwner = { pid: process.pid, host: os.hostname(), token, at: Date.now() };
    const started = Date.now();
    for (let wait = 1; ; wait = Math.min(wait * 2, 25)) {
      try {
        const fh = await fsp.open(this.file, 'wx', 0o600);
        try {
          await fh.writeFile(JSON.stringify(owner));
        } finally {
          await fh.close();
        }
        return token;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      await this.breakIfStale();
      if (Date.now() - started > this.timeoutMs) {
        const holder = await readOwner(this.file);
        throw new Error(`The ledger is locked by process ${holder?.pid ?? '?'} (${this.file}); gave up after ${this.timeoutMs} ms.`);
      }
      await sleep(wait * (0.5 + Math.random()));
    }
  }

  private async breakIfStale(): Promise<void> {
    const holder = await readOwner(this.file);
    const stat = await fsp.stat(this.file).catch(() => undefined);
    if (!stat) return;
    const age = Date.now() - stat.mtimeMs;
    const dead = holder !== undefined && holder.host === os.hostname() && !isAlive(holder.pid);
    // An unreadable lock is one being written this instant (the owner writes a few bytes right after
    // creating it) — or one whose owner was killed in between, which nothing else would ever clear.
    const neverWritten = holder === undefined && age > UNWRITTEN_GRACE_MS;
    if (!dead && !neverWritten && age < this.staleMs) return;
    const aside = `${this.file}.${process.pid}.${Date.now()}.stale`;
    try {
      await fsp.rename(this.file, aside);
    } catch {
      return; // someone else broke it first
    }
    const taken = await readOwner(aside);
    if (taken !== undefined && taken.token !== holder?.token) {
      // Between reading and renaming, another process broke the stale lock and took a fresh one: put it back.
      await fsp.link(aside, this.file).catch(() => undefined);
    }
    await fsp.rm(aside, { force: true });
  }

  private async release(token: string, acquiredAt: number): Promise<void> {
    // Another process breaks a lock only when its owner is dead (not us: we are running), or when it
    // is unreadable past a grace (ours was written before `fn` ran), or when it is older than `staleMs`.
    // So a lock held for well under `staleMs` is still ours, and removing it needs no read of the
    // owner: that read was four of the eleven filesystem calls of every ledger append.
    if (Date.now() - acquiredAt < this.staleMs / 2) {
      await fsp.rm(this.file, { force: true });
      return;
    }
    const holder = await readOwner(this.file);
    // Only our own lock is removed: if ours was broken as stale, the current one belongs to someone else.
    if (holder?.token === token) await fsp.rm(this.file, { force: true });
  }
}
