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
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const pid = tempOwner(name);
    if (pid === null || pid === process.pid || isAlive(pid)) continue;
    rmSync(join(dir, name), { force: true });
    removed.push(name);
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
