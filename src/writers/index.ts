import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import type { GuildExport } from '../schema/types.js';
import { writeExportJson } from './json.js';
import { renderSnapshotMarkdown } from './markdown.js';
import { ZipPacker } from './zip.js';
import { renderSnapshotJson } from './snapshot-json.js';
import { redact } from '../config/redact.js';

export { writeExportJson } from './json.js';
export { renderSnapshotMarkdown } from './markdown.js';
export { renderSnapshotJson, toSnapshotJson, type SnapshotOptions } from './snapshot-json.js';
export { writeZip, ZipPacker } from './zip.js';

/** What every writer gets: the export, the output directory and the files written before it. */
export interface WriteContext {
  outDir: string;
  exp: GuildExport;
  /** The content of export.json's members array, streamed (see memberEntry; exp.members is used when absent). */
  members?: AsyncIterable<string | Buffer>;
  /** Files already written in this run, in order (the zip writer packs them when no ZIP is under way). */
  written: { name: string; path: string }[];
  /** export.json's bytes also go here (the ZIP entry compressed while the file is written). */
  mirror?: Writable;
  /** The ZIP under way (writeFormats starts it first), holding every file written before it. */
  zip?: ZipPacker;
  /** Values scrubbed from the text files (the bot token): nothing written carries one. */
  secrets?: readonly string[];
  /** Text files made outside the writers (ai-review.md), written beside the formats and packed into the ZIP. */
  extraFiles?: readonly { name: string; text: string }[];
}

/** Writes a text file into ctx.outDir, secrets scrubbed, and returns its path. */
async function writeText(ctx: WriteContext, fileName: string, text: string): Promise<string> {
  const path = join(ctx.outDir, fileName);
  await writeFile(path, redact(text, ctx.secrets ?? []));
  return path;
}

export interface Writer {
  fileName: string;
  /** Writes the file into ctx.outDir and returns its path. */
  write(ctx: WriteContext): Promise<string>;
}

const json: Writer = {
  fileName: 'export.json',
  async write(ctx) {
    const path = join(ctx.outDir, this.fileName);
    await writeExportJson(path, ctx.exp, ctx.members, ctx.mirror);
    return path;
  },
};

const markdown: Writer = {
  fileName: 'snapshot.md',
  write(ctx) {
    return writeText(ctx, this.fileName, renderSnapshotMarkdown(ctx.exp));
  },
};

/** snapshot.json: the privacy-filtered form the Action commits and the next run diffs against. */
const snapshot: Writer = {
  fileName: 'snapshot.json',
  write(ctx) {
    return writeText(ctx, this.fileName, renderSnapshotJson(ctx.exp));
  },
};

/** audit-prompt.md: the prompt the audit put in summary.llm_audit_prompt (the pipeline fills it before writing). */
const prompt: Writer = {
  fileName: 'audit-prompt.md',
  write(ctx) {
    return writeText(ctx, this.fileName, ctx.exp.summary.llm_audit_prompt);
  },
};

const zip: Writer = {
  fileName: 'export.zip',
  async write(ctx) {
    const path = join(ctx.outDir, this.fileName);
    let packer = ctx.zip;
    if (!packer) {
      packer = new ZipPacker(path);
      for (const file of ctx.written) packer.addFile(file.name, file.path);
    }
    await packer.finish();
    return path;
  },
};

/** The output formats, one strategy each. */
export const writers = { json, markdown, snapshot, prompt, zip } satisfies Record<string, Writer>;
export type Format = keyof typeof writers;

/** The order formats are written in: the ZIP last, since it packs the others. */
export const FORMAT_ORDER: readonly Format[] = ['json', 'markdown', 'snapshot', 'prompt', 'zip'];

/**
 * Writes the chosen formats in FORMAT_ORDER and returns the files written ({name, path}), ZIP included. The ZIP
 * is started first and takes each file as it is done; export.json goes into it while being written (compressed
 * beside the disk writes instead of read back afterwards).
 */
export async function writeFormats(formats: readonly Format[], ctx: Omit<WriteContext, 'written'>): Promise<{ name: string; path: string }[]> {
  const written: { name: string; path: string }[] = [];
  const zip = formats.includes('zip') ? new ZipPacker(join(ctx.outDir, writers.zip.fileName)) : undefined;
  const extras = async (): Promise<void> => {
    for (const file of ctx.extraFiles ?? []) {
      const path = await writeText({ ...ctx, written }, file.name, file.text);
      zip?.addFile(file.name, path);
      written.push({ name: file.name, path });
    }
  };
  try {
    for (const format of FORMAT_ORDER.filter((f) => formats.includes(f))) {
      if (format === 'zip') await extras();
      const writer = writers[format];
      const mirror = zip && format === 'json' ? zip.addStream(writer.fileName) : undefined;
      const path = await writer.write({ ...ctx, written: [...written], mirror, zip });
      if (zip && format !== 'json' && format !== 'zip') zip.addFile(writer.fileName, path);
      written.push({ name: writer.fileName, path });
    }
    if (!formats.includes('zip')) await extras();
  } catch (err) {
    await zip?.abort();
    throw err;
  }
  return written;
}
