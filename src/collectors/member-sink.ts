import { createReadStream, createWriteStream, rmSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { ExportMember } from '../schema/types.js';
import { memberEntry } from '../writers/json.js';

/** Where member records go while they are fetched, so memory does not grow with the guild. */
export interface MemberSink {
  /** Appends one page of records (one write, so a page costs one syscall, not a thousand). */
  add(members: ExportMember[]): Promise<void>;
  /** Flush and close the write side. */
  close(): Promise<void>;
  /** The records, in the order added, as the content of export.json's members array (after close). */
  jsonSection(): AsyncIterable<string | Buffer>;
  /** Remove any temporary storage. */
  dispose(): void;
}

/**
 * Spools records to a file on disk, already in the form they take in export.json (one compact record per line,
 * comma-separated), so writing export.json copies the bytes instead of parsing and printing 100,000 records.
 */
export class FileMemberSink implements MemberSink {
  private stream: WriteStream | null = null;
  private first = true;

  constructor(private readonly path: string) {}

  async add(members: ExportMember[]): Promise<void> {
    this.stream ??= createWriteStream(this.path, { encoding: 'utf8' });
    if (members.length === 0) return;
    let chunk = '';
    for (const m of members) {
      chunk += memberEntry(JSON.stringify(m), this.first);
      this.first = false;
    }
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    if (!this.stream) return;
    const stream = this.stream;
    if (stream.closed) return;
    await new Promise<void>((resolve, reject) => stream.end((err?: Error | null) => (err ? reject(err) : resolve())));
  }

  async *jsonSection(): AsyncIterable<Buffer> {
    if (!this.stream) return;
    yield* createReadStream(this.path, { highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>;
  }

  dispose(): void {
    rmSync(this.path, { force: true });
  }
}

/** Keeps nothing: for `--members counts|none`. */
export class NullMemberSink implements MemberSink {
  async add(): Promise<void> {}
  async close(): Promise<void> {}
  async *jsonSection(): AsyncIterable<Buffer> {}
  dispose(): void {}
}
