import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';

// Built from local components and stored as a DOS timestamp only (no UTC extra field), so the bytes are
// the same in every time zone and on every run: identical inputs give an identical ZIP.
const FIXED_MTIME = new Date(2020, 0, 1, 0, 0, 0);
const FILE_MODE = 0o100644;

/** Streams the given files from disk into a ZIP at `zipPath` (fixed mtime and mode); resolves once the file is closed. */
export async function writeZip(zipPath: string, files: { name: string; path: string }[]): Promise<void> {
  const zip = new ZipFile();
  const output = zip.outputStream as Readable;
  // yazl reports a missing input file on the ZipFile, not on its stream: forward it so the pipeline rejects.
  zip.on('error', (err: Error) => output.destroy(err));
  for (const file of files) {
    zip.addFile(file.path, file.name, { mtime: FIXED_MTIME, mode: FILE_MODE, compress: true, forceDosTimestamp: true });
  }
  zip.end();
  try {
    await pipeline(output, createWriteStream(zipPath));
  } catch (err) {
    await rm(zipPath, { force: true }); // a half-written ZIP would look valid to a glance at the directory
    throw new Error(
      `Could not write ${zipPath}: ${(err as Error).message}. Check that every input file exists and the output directory is writable.`,
      { cause: err },
    );
  }
}
