import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every temporary file an export writes into its output folder is named `.<final name>.<pid>.tmp`, so a later run
 * (or a signal handler) can find and remove what an interrupted run left behind, and two names never collide.
 */
export function tempPath(dir: string, finalName: string, pid = process.pid): string {
  return join(dir, `.${finalName}.${pid}.tmp`);
}

const TEMP_NAME = /^\.(.+)\.(\d+)\.tmp$/;

/** The pid that wrote a temporary file of ours, or null when the name is not one of ours. */
export function tempOwner(fileName: string): number | null {
  const match = TEMP_NAME.exec(fileName);
  return match ? Number(match[2]) : null;
}

/**
 * Removes temporaries in `dir` left by processes that are gone (a live pid may be another export writing into the
 * same folder). Returns the names removed. A missing folder has none.
 */
export function removeStaleTemps(dir: string): string[] {
  return removeTemps(dir, (pid) => pid !== process.pid && !isAlive(pid));
}

/**
 * Removes this process's temporary files from `dir`: the member spool holds member identities, and a half-written
 * output must not be mistaken for a whole one. Synchronous: it runs in a signal handler, just before the process
 * ends. Returns the names removed.
 */
export function removeOwnTemps(dir: string, pid = process.pid): string[] {
  return removeTemps(dir, (owner) => owner === pid);
}

/** Removes the temporaries in `dir` whose writer `chosen` picks; best effort (a later run removes what is left). */
function removeTemps(dir: string, chosen: (pid: number) => boolean): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const pid = tempOwner(name);
    if (pid === null || !chosen(pid)) continue;
    try {
      rmSync(join(dir, name), { force: true });
      removed.push(name);
    } catch {
      // Left for the next run's removeStaleTemps.
    }
  }
  return removed;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
