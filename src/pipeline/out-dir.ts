import { accessSync, constants, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConfigError } from '../config/validate.js';
import { OutputError } from '../cli/exit-codes.js';
import { tempPath } from './temp-files.js';
import { writeFailure } from '../writers/atomic.js';

/**
 * Makes sure the output folder can take the export before any request is sent: it is created when missing; a
 * path that is a file or lies under a file is a usage error (one line), one that cannot be written to (permission
 * denied, a read-only file system) an OutputError (exit 73), never a failure after the whole export. Returns the
 * absolute path.
 */
export function prepareOutDir(outDir: string): string {
  const dir = resolve(outDir);
  const unusable = (why: string) => new ConfigError(`The output folder "${outDir}" cannot be used: ${why}. Choose another one (--out, or the output-dir input).`);
  // Permission denied, a read-only file system: the environment's problem, with its own exit status (73).
  const cannotWrite = (error: unknown) => {
    const failure = writeFailure(error, dir);
    const why = describe(error);
    return failure
      ? new OutputError(`The output folder "${outDir}" cannot be used: ${why}. Make it writable or choose another one (--out, or the output-dir input).`, failure.exitCode, { cause: error })
      : unusable(why);
  };
  try {
    if (!statSync(dir).isDirectory()) throw unusable('it is a file, not a folder');
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') throw unusable(`${blockingFile(dir) ?? 'a part of the path'} is a file, not a folder`);
    if (code !== 'ENOENT') throw cannotWrite(error);
  }
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR' || code === 'EEXIST') throw unusable(`${blockingFile(dir) ?? 'a part of the path'} is a file, not a folder`);
    throw cannotWrite(error);
  }
  // access() answers from the mode bits; a probe file also catches read-only mounts and ACLs.
  const probe = tempPath(dir, 'write-check');
  try {
    accessSync(dir, constants.W_OK);
    // Exclusive: a link planted at the probe's name is never written through.
    writeFileSync(probe, '', { flag: 'wx' });
  } catch (error) {
    // Permission denied or a read-only file system: the environment's problem (exit 73), not a usage error.
    throw cannotWrite(error);
  } finally {
    rmSync(probe, { force: true });
  }
  return dir;
}

/** The nearest existing ancestor of `path` that is a file, if any. */
function blockingFile(path: string): string | null {
  for (let p = dirname(path); p !== dirname(p); p = dirname(p)) {
    try {
      return statSync(p).isDirectory() ? null : p;
    } catch {
      // Missing or unreadable: look further up.
    }
  }
  return null;
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return `permission denied (${code})`;
  if (code === 'EROFS') return 'it is on a read-only file system (EROFS)';
  if (code === 'ENOSPC') return 'the disk is full (ENOSPC)';
  return `it cannot be created (${code ?? String(error)})`;
}
