import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { ExportMember, GuildExport } from '../schema/types.js';
import { emptyExport } from '../schema/empty.js';
import { toWire } from '../schema/wire.js';
import { applyExportPrivacy, type ExportPrivacy } from './export-privacy.js';
import { draftStream } from './atomic.js';

/** Top-level keys in GuildExport's declared order (emptyExport builds them in that order). */
const TOP_LEVEL_KEYS = Object.keys(emptyExport('0')) as (keyof GuildExport)[];

// Small writes are batched: one fs write per ~64 KiB.
const FLUSH_AT = 64 * 1024;

/** How one member record sits in export.json's members array: the scan's spool writes them in this form. */
export function memberEntry(json: string, first: boolean): string {
  return `${first ? '' : ','}\n    ${json}`;
}

/**
 * Writes export.json to `path`: pretty-printed, except the members, which come last, one compact record per
 * line (a 100,000-member guild is ~40 % of the size that way, and a line per member still diffs and greps well).
 * `memberSection` is the members array's content, already in that form (memberEntry): the scan's spool, copied
 * as bytes rather than parsed and printed again; without it, exp.members is used. Memory stays flat.
 * `mirror` gets the same bytes (the ZIP entry, compressed meanwhile) and is ended with the file.
 * What is written keeps the export's privacy promises (see applyExportPrivacy).
 */
export async function writeExportJson(
  path: string,
  full: GuildExport,
  memberSection?: AsyncIterable<string | Buffer>,
  mirror?: Writable,
  privacy?: ExportPrivacy,
): Promise<void> {
  const exp = applyExportPrivacy(full, privacy);
  const sink = new JsonSink([draftStream(path), ...(mirror ? [mirror] : [])], path);
  try {
    // Sections that were not collected are written as null (lists) or {"not_collected": why} (objects).
    const wire = toWire(exp);
    const head = TOP_LEVEL_KEYS.filter((key) => key !== 'members')
      .map((key) => `  ${JSON.stringify(key)}: ${indent(JSON.stringify(wire[key] ?? null, null, 2), '  ')}`)
      .join(',\n');
    if (wire.members === null) {
      await sink.write(`{\n${head},\n  "members": null\n}`);
      await sink.end();
      return;
    }
    await sink.write(`{\n${head},\n  "members": [`);
    let empty = true;
    for await (const chunk of memberSection ?? section(exp.members)) {
      if (chunk.length === 0) continue;
      empty = false;
      await sink.write(chunk);
    }
    await sink.write(empty ? ']\n}' : '\n  ]\n}');
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

/** An in-memory member list in the streamed spool's shape (one chunk: the writer reads both alike). */
function section(members: readonly ExportMember[]): AsyncIterable<string> {
  const chunk = members.map((m, i) => memberEntry(JSON.stringify(m), i === 0)).join('');
  return (async function* () {
    yield await Promise.resolve(chunk);
  })();
}

/** Write streams fed the same bytes, with batching, backpressure ('drain') and errors turned into rejections. */
class JsonSink {
  private pending = '';
  private failure: Error | null = null;

  constructor(private readonly outs: Writable[], private readonly path: string) {
    // Without a listener an 'error' (e.g. missing directory) would crash the process instead of rejecting.
    for (const out of outs) {
      out.on('error', (err) => {
        this.failure ??= err;
      });
    }
  }

  /** Small text is batched; a big chunk (a read of the spool) goes out as it is. */
  async write(data: string | Buffer): Promise<void> {
    if (typeof data === 'string' && data.length < FLUSH_AT) {
      this.pending += data;
      if (this.pending.length >= FLUSH_AT) await this.flush();
      return;
    }
    await this.flush();
    await this.send(typeof data === 'string' ? Buffer.from(data) : data);
  }

  async end(): Promise<void> {
    await this.flush();
    for (const out of this.outs) out.end();
    try {
      await Promise.all(this.outs.map((out) => finished(out)));
    } catch (err) {
      throw this.wrap(err as Error);
    }
    if (this.failure) throw this.wrap(this.failure);
  }

  destroy(): void {
    for (const out of this.outs) out.destroy();
  }

  private async flush(): Promise<void> {
    const chunk = this.pending;
    this.pending = '';
    // One buffer for every output, so the text is encoded once.
    if (chunk) await this.send(Buffer.from(chunk));
  }

  private async send(bytes: Buffer): Promise<void> {
    if (this.failure) throw this.wrap(this.failure);
    const full = this.outs.filter((out) => !out.write(bytes));
    await Promise.all(full.map((out) => this.drain(out)));
  }

  private drain(out: Writable): Promise<void> {
    return new Promise((resolve, reject) => {
      const done = (err?: Error) => {
        out.off('drain', onDrain).off('error', onError).off('close', onClose);
        if (err) reject(this.wrap(err));
        else resolve();
      };
      const onDrain = () => done();
      const onError = (err: Error) => done(err);
      const onClose = () => done(this.failure ?? new Error('stream closed before drain'));
      out.on('drain', onDrain).on('error', onError).on('close', onClose);
    });
  }

  private wrap(err: Error): Error {
    return new Error(`Could not write ${this.path}: ${err.message}. Check that the output directory exists and is writable.`, { cause: err });
  }
}
