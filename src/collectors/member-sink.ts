import { createReadStream, createWriteStream, rmSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { ExportMember } from '../schema/types.js';

/** Where member records go while they are fetched, so memory does not grow with the guild. */
export interface MemberSink {
  /** Appends one page of records (one write, so a page costs one syscall, not a thousand). */
  add(members: ExportMember[]): Promise<void>;
  /** Flush and close the write side. */
  close(): Promise<void>;
  /** The records, in the order added (after close). */
  read(): AsyncIterable<ExportMember>;
  /** Remove any temporary storage. */
  dispose(): void;
}

/** Spools records to an NDJSON file on disk (one line each), read back when export.json is written. */
export class FileMemberSink implements MemberSink {
  private stream: WriteStream | null = null;

  constructor(private readonly path: string) {}

  async add(members: ExportMember[]): Promise<void> {
    this.stream ??= createWriteStream(this.path, { encoding: 'utf8' });
    if (members.length === 0) return;
    let chunk = '';
    for (const m of members) chunk += JSON.stringify(m) + '\n';
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    if (!this.stream) return;
    const stream = this.stream;
    if (stream.closed) return;
    await new Promise<void>((resolve, reject) => stream.end((err?: Error | null) => (err ? reject(err) : resolve())));
  }

  async *read(): AsyncIterable<ExportMember> {
    if (!this.stream) return;
    const lines = createInterface({ input: createReadStream(this.path, { encoding: 'utf8' }), crlfDelay: Infinity });
    for await (const line of lines) if (line) yield JSON.parse(line) as ExportMember;
  }

  dispose(): void {
    rmSync(this.path, { force: true });
  }
}

/** Keeps nothing: for `--members counts|none`. */
export class NullMemberSink implements MemberSink {
  async add(): Promise<void> {}
  async close(): Promise<void> {}
  async *read(): AsyncIterable<ExportMember> {}
  dispose(): void {}
}
