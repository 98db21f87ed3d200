import { createWriteStream, type WriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import type { ExportMember, GuildExport } from '../schema/types.js';
import { emptyExport } from '../schema/empty.js';

/** Top-level keys in GuildExport's declared order (emptyExport builds them in that order). */
const TOP_LEVEL_KEYS = Object.keys(emptyExport('0')) as (keyof GuildExport)[];

// Small writes are batched: one fs write per ~64 KiB instead of one per member.
const FLUSH_AT = 64 * 1024;

/** Writes export.json to `path`, streaming `members` (or exp.members) last, one record at a time, with flat memory. */
export async function writeExportJson(
  path: string,
  exp: GuildExport,
  members?: AsyncIterable<ExportMember>,
): Promise<void> {
  const sink = new JsonSink(createWriteStream(path), path);
  try {
    const head = TOP_LEVEL_KEYS.filter((key) => key !== 'members')
      .map((key) => `  ${JSON.stringify(key)}: ${indent(JSON.stringify(exp[key] ?? null, null, 2), '  ')}`)
      .join(',\n');
    await sink.write(`{\n${head},\n  "members": [`);
    let count = 0;
    for await (const member of members ?? toAsync(exp.members)) {
      await sink.write(`${count === 0 ? '' : ','}\n    ${indent(JSON.stringify(member, null, 2), '    ')}`);
      count++;
    }
    await sink.write(count === 0 ? ']\n}' : '\n  ]\n}');
    await sink.end();
  } catch (err) {
    sink.destroy();
    throw err;
  }
}

/** Re-indents a pretty-printed JSON value nested `prefix` deep (its first line is already placed). */
function indent(json: string, prefix: string): string {
  return json.includes('\n') ? json.replace(/\n/g, `\n${prefix}`) : json;
}

async function* toAsync<T>(items: readonly T[]): AsyncIterable<T> {
  yield* items;
}

/** A write stream with batching, backpressure ('drain') and errors turned into rejections. */
class JsonSink {
  private pending = '';
  private failure: Error | null = null;

  constructor(private readonly out: WriteStream, private readonly path: string) {
    // Without a listener an 'error' (e.g. missing directory) would crash the process instead of rejecting.
    out.on('error', (err) => {
      this.failure ??= err;
    });
  }

  async write(text: string): Promise<void> {
    this.pending += text;
    if (this.pending.length >= FLUSH_AT) await this.flush();
  }

  async end(): Promise<void> {
    await this.flush();
    this.out.end();
    try {
      await finished(this.out);
    } catch (err) {
      throw this.wrap(err as Error);
    }
    if (this.failure) throw this.wrap(this.failure);
  }

  destroy(): void {
    this.out.destroy();
  }

  private async flush(): Promise<void> {
    if (this.failure) throw this.wrap(this.failure);
    const chunk = this.pending;
    this.pending = '';
    if (chunk && !this.out.write(chunk)) await this.drain();
  }

  private drain(): Promise<void> {
    return new Promise((resolve, reject) => {
      const done = (err?: Error) => {
        this.out.off('drain', onDrain).off('error', onError).off('close', onClose);
        if (err) reject(this.wrap(err));
        else resolve();
      };
      const onDrain = () => done();
      const onError = (err: Error) => done(err);
      const onClose = () => done(this.failure ?? new Error('stream closed before drain'));
      this.out.on('drain', onDrain).on('error', onError).on('close', onClose);
    });
  }

  private wrap(err: Error): Error {
    return new Error(`Could not write ${this.path}: ${err.message}. Check that the output directory exists and is writable.`, { cause: err });
  }
}
