import { createWriteStream, rmSync, type WriteStream } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { tempPath } from '../pipeline/temp-files.js';
import { EXIT, OutputError } from '../cli/exit-codes.js';

/**
 * Every file the product writes goes through here: written under a draft name beside its final one, then renamed
 * into place. A rename replaces whatever stood at the final name (a link included: the link goes, its target is
 * never written through) and readers see the old file or the new one, never half of one. Drafts are created
 * exclusively ('wx'): a link or file planted at a draft's name is removed first and, if one reappears, the write
 * fails instead of following it.
 */

/** Opens `path` as a new file for streaming (see above): whatever stood there is removed, never written through. */
export function draftStream(path: string): WriteStream {
  try {
    rmSync(path, { force: true });
  } catch {
    // The open below fails the same way, as a stream error its writer reports.
  }
  return createWriteStream(path, { flags: 'wx' });
}

/** Writes `data` to `path` as a new file (see draftStream). */
export async function writeDraft(path: string, data: string | Uint8Array): Promise<void> {
  await rm(path, { force: true });
  await writeFile(path, data, { flag: 'wx' });
}

/**
 * Writes one file whole or not at all. A failure leaves the file that was there as it was and throws OutputError
 * for the environment's problems (a full disk, a read-only folder): see writeFailure.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const draft = tempPath(dirname(path), basename(path));
  try {
    await writeDraft(draft, data);
    await rename(draft, path);
  } catch (err) {
    await rm(draft, { force: true }).catch(() => undefined);
    throw writeFailure(err, path) ?? err;
  }
}

const REASONS: Record<string, { why: string; exit: typeof EXIT.cantCreate | typeof EXIT.ioError; next: string }> = {
  ENOSPC: { why: 'the disk is full', exit: EXIT.ioError, next: 'Free some space (or write to another folder) and run again' },
  EDQUOT: { why: 'the disk quota is used up', exit: EXIT.ioError, next: 'Free some space (or write to another folder) and run again' },
  EFBIG: { why: 'the file is larger than this file system allows', exit: EXIT.ioError, next: 'Write to another file system and run again' },
  EIO: { why: 'the disk reported an input/output error', exit: EXIT.ioError, next: 'Check the disk, or write to another folder, and run again' },
  EROFS: { why: 'the folder is on a read-only file system', exit: EXIT.cantCreate, next: 'Write to a writable folder and run again' },
  EACCES: { why: 'permission denied', exit: EXIT.cantCreate, next: 'Make the folder writable for this user (or write to another one) and run again' },
  EPERM: { why: 'the operation is not permitted', exit: EXIT.cantCreate, next: 'Make the folder writable for this user (or write to another one) and run again' },
  ENOENT: { why: 'the folder was removed or renamed while writing', exit: EXIT.cantCreate, next: 'Check the folder and run again' },
  EISDIR: { why: 'a folder stands where the file should go', exit: EXIT.cantCreate, next: 'Move that folder away and run again' },
  ENOTDIR: { why: 'a part of the path is a file, not a folder', exit: EXIT.cantCreate, next: 'Choose another folder and run again' },
  EEXIST: { why: 'another process created a file at the temporary name meanwhile', exit: EXIT.cantCreate, next: 'Make sure one run at a time writes into the folder and run again' },
  EMFILE: { why: 'too many files are open', exit: EXIT.ioError, next: 'Run again with fewer other programs running' },
};

/** The file system error along `err`'s causes (writers wrap the error they got), if any. */
function errnoError(err: unknown): NodeJS.ErrnoException | null {
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && Object.hasOwn(REASONS, code)) return e as NodeJS.ErrnoException;
  }
  return null;
}

/** Codes no read gives: an error carrying one, wherever it came from, is a failed write. */
const WRITE_ONLY = new Set(['ENOSPC', 'EDQUOT', 'EFBIG', 'EROFS']);

/**
 * The last line of defence (the CLI's top-level catch): an error no writer turned into an OutputError that still
 * is a failed write (a full disk, a read-only file system), as one; null for anything else.
 */
export function strayWriteFailure(err: unknown): OutputError | null {
  if (err instanceof OutputError) return err;
  const errno = errnoError(err);
  if (!errno || !WRITE_ONLY.has(errno.code!)) return null;
  return writeFailure(err, errno.path ?? 'a file');
}

/**
 * A failure to write `target` (a file or a folder) as the OutputError the CLI reports in one line with its own exit
 * status (73 or 74), or null when it is not a file system problem (then it is a bug and stays as it is).
 */
export function writeFailure(err: unknown, target: string): OutputError | null {
  if (err instanceof OutputError) return err;
  const code = errnoError(err)?.code;
  if (!code) return null;
  const reason = REASONS[code];
  return new OutputError(`Could not write ${target}: ${reason.why} (${code}). ${reason.next}; the files already there were left as they were.`, reason.exit, { cause: err });
}
