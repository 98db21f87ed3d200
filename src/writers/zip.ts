import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';

// Built from local components and stored as a DOS timestamp only (no UTC extra field), so the bytes are
// the same in every time zone and on every run: identical inputs give an identical ZIP.
const FIXED_MTIME = new Date(2020, 0, 1, 0, 0, 0);
const FILE_MODE = 0o100644;
// Level 1: the ZIP is for carrying the export (an artifact, a download), and on a 100,000-member export.json
// level 6 takes three times as long for a file ~25 % smaller.
const ENTRY = { mtime: FIXED_MTIME, mode: FILE_MODE, compressionLevel: 1, forceDosTimestamp: true };

/**
 * A ZIP written as entries arrive, in the order added: files already on disk, or a stream still being written
 * (export.json is compressed while it is written, not read back afterwards). finish() closes it.
 */
export class ZipPacker {
  private readonly zip = new ZipFile();
  private readonly done: Promise<void>;
  private readonly streams: PassThrough[] = [];

  constructor(private readonly zipPath: string) {
    const output = this.zip.outputStream as Readable;
    // yazl reports a missing input file on the ZipFile, not on its stream: forward it so the pipeline rejects.
    this.zip.on('error', (err: Error) => output.destroy(err));
    this.done = pipeline(output, createWriteStream(zipPath));
    this.done.catch(() => undefined);
  }

  /** A file already written to disk. */
  addFile(name: string, path: string): void {
    this.zip.addFile(path, name, ENTRY);
  }

  /** An entry held in memory (a kept image). */
  addBuffer(name: string, data: Buffer): void {
    this.zip.addBuffer(data, name, ENTRY);
  }

  /** An entry whose bytes are written to the returned stream (honour its backpressure, then end() it). */
  addStream(name: string): PassThrough {
    const stream = new PassThrough();
    this.streams.push(stream);
    this.zip.addReadStream(stream, name, ENTRY);
    return stream;
  }

  /** Closes the ZIP once every entry is in; resolves when the file is complete. */
  async finish(): Promise<void> {
    this.zip.end();
    try {
      await this.done;
    } catch (err) {
      await rm(this.zipPath, { force: true }); // a half-written ZIP would look valid to a glance at the directory
      throw new Error(
        `Could not write ${this.zipPath}: ${(err as Error).message}. Check that every input file exists and the output directory is writable.`,
        { cause: err },
      );
    }
  }

  /** Gives up (another writer failed): no partial ZIP is left behind. */
  async abort(): Promise<void> {
    for (const s of this.streams) s.destroy();
    (this.zip.outputStream as Readable).destroy(new Error('aborted'));
    await this.done.catch(() => undefined);
    await rm(this.zipPath, { force: true });
  }
}

/** Packs the given files from disk into a ZIP at `zipPath` (fixed mtime and mode); resolves once the file is closed. */
export async function writeZip(zipPath: string, files: { name: string; path: string }[]): Promise<void> {
  const packer = new ZipPacker(zipPath);
  for (const file of files) packer.addFile(file.name, file.path);
  await packer.finish();
}
