import * as fs from 'node:fs';

/**
 * Registry of everything an e2e test started (code-server process groups,
 * browsers), so that a mocha root hook can clean up after a failed test.
 */
interface Tracked {
  name: string;
  stop(): Promise<void>;
  /** Last-resort synchronous kill, used from process.on('exit'). */
  killSync(): void;
}

const registry = new Set<Tracked>();
let exitHookInstalled = false;

export function track(entry: Tracked): () => void {
  registry.add(entry);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const e of registry) e.killSync();
    });
  }
  return () => registry.delete(entry);
}

/** Stops everything still running; never throws. */
export async function stopAll(): Promise<void> {
  const entries = [...registry].reverse(); // browsers (started last) first
  for (const e of entries) {
    try {
      await e.stop();
    } catch (err) {
      process.stderr.write(`[e2e] stopping ${e.name} failed: ${String(err)}\n`);
      e.killSync();
    }
    registry.delete(e);
  }
}

export function runningCount(): number {
  return registry.size;
}

/** Pids of live (non-zombie) processes whose process group is `pgid` (Linux /proc). */
export function groupMembers(pgid: number): number[] {
  const out: number[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // pid (comm) state ppid pgrp ...; comm may contain spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] !== 'Z' && Number(fields[2]) === pgid) out.push(Number(name));
  }
  return out;
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: the group is already gone
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** SIGTERM the group, SIGKILL it after `graceMs`, resolve once no member is left. */
export async function stopProcessGroup(pgid: number, graceMs = 5000): Promise<void> {
  signalGroup(pgid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (groupMembers(pgid).length > 0 && Date.now() < deadline) await sleep(100);
  if (groupMembers(pgid).length === 0) return;
  signalGroup(pgid, 'SIGKILL');
  const hardDeadline = Date.now() + 5000;
  while (groupMembers(pgid).length > 0) {
    if (Date.now() > hardDeadline) {
      throw new Error(`process group ${pgid} survived SIGKILL: ${groupMembers(pgid).join(', ')}`);
    }
    await sleep(100);
  }
}

export function killGroupSync(pgid: number): void {
  signalGroup(pgid, 'SIGKILL');
}
