import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import type { GuildExport } from '../schema/types.js';
import { writeExportJson } from './json.js';
import { renderSnapshotMarkdown } from './markdown.js';
import { ZipPacker } from './zip.js';
import { renderSnapshotJson } from './snapshot-json.js';
import { redact } from '../config/redact.js';
import { tempPath } from '../pipeline/temp-files.js';

export { writeExportJson } from './json.js';
export { renderSnapshotMarkdown } from './markdown.js';
export { renderSnapshotJson, toSnapshotJson, type SnapshotOptions } from './snapshot-json.js';
export { writeZip, ZipPacker } from './zip.js';

/** What every writer gets: the export, the output directory and the files written before it (at their drafts). */
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
  /** Keep live invite codes in export.json (default true); snapshot files never hold them. */
  inviteCodes?: boolean;
  /** Files for export.zip alone (kept emoji and sticker images): never written beside the other files. */
  zipOnly?: readonly { name: string; data: Buffer }[];
  /** Text files made outside the writers (ai-review.md), written beside the formats and packed into the ZIP. */
  extraFiles?: readonly { name: string; text: string }[];
}

/**
 * Where a file is written while the run is under way: a temporary name beside the final one, renamed into place
 * with the rest of its generation once every file is complete (see writeFormats).
 */
export function draftPath(outDir: string, fileName: string): string {
  return tempPath(outDir, fileName);
}

/** Writes a text file's draft into ctx.outDir, secrets scrubbed, and returns its path. */
async function writeText(ctx: WriteContext, fileName: string, text: string): Promise<string> {
  const path = draftPath(ctx.outDir, fileName);
  await writeFile(path, redact(text, ctx.secrets ?? []));
  return path;
}

export interface Writer {
  fileName: string;
  /** Writes the file's draft into ctx.outDir (draftPath) and returns its path. */
  write(ctx: WriteContext): Promise<string>;
}

const json: Writer = {
  fileName: 'export.json',
  async write(ctx) {
    const path = draftPath(ctx.outDir, this.fileName);
    await writeExportJson(path, ctx.exp, ctx.members, ctx.mirror, { inviteCodes: ctx.inviteCodes });
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
    const path = draftPath(ctx.outDir, this.fileName);
    let packer = ctx.zip;
    if (!packer) {
      packer = new ZipPacker(path);
      for (const file of ctx.written) packer.addFile(file.name, file.path);
    }
    for (const file of ctx.zipOnly ?? []) packer.addBuffer(file.name, file.data);
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
 *
 * One generation at a time: every file is written under a temporary name in the same folder, and only when all of
 * them are complete are they renamed into place (a rename within a folder replaces the old file whole). A run that
 * fails or is killed while writing leaves the previous files as they were, never a cut export.json beside an old
 * snapshot.md; what a killed run leaves is named as a temporary (see pipeline/temp-files) and removed later.
 */
export async function writeFormats(formats: readonly Format[], ctx: Omit<WriteContext, 'written'>): Promise<{ name: string; path: string }[]> {
  const chosen = FORMAT_ORDER.filter((f) => formats.includes(f));
  const drafts: { name: string; path: string }[] = [];
  const zip = chosen.includes('zip') ? new ZipPacker(draftPath(ctx.outDir, writers.zip.fileName)) : undefined;
  // Files made outside the writers (ai-review.md): written and packed before the ZIP is finished.
  const extras = async (): Promise<void> => {
    for (const file of ctx.extraFiles ?? []) {
      const path = await writeText({ ...ctx, written: drafts }, file.name, file.text);
      zip?.addFile(file.name, path);
      drafts.push({ name: file.name, path });
    }
  };
  try {
    for (const format of chosen) {
      if (format === 'zip') await extras();
      const writer = writers[format];
      const mirror = zip && format === 'json' ? zip.addStream(writer.fileName) : undefined;
      const path = await writer.write({ ...ctx, written: [...drafts], mirror, zip });
      if (zip && format !== 'json' && format !== 'zip') zip.addFile(writer.fileName, path);
      drafts.push({ name: writer.fileName, path });
    }
    if (!chosen.includes('zip')) await extras();
    for (const draft of drafts) await rename(draft.path, join(ctx.outDir, draft.name));
  } catch (err) {
    await zip?.abort();
    // Whatever was not renamed yet (a draft cut short included) goes; the files in place stay whole.
    const names = [...chosen.map((f) => writers[f].fileName), ...(ctx.extraFiles ?? []).map((f) => f.name)];
    await Promise.all(names.map((name) => rm(draftPath(ctx.outDir, name), { force: true })));
    throw err;
  }
  return drafts.map((d) => ({ name: d.name, path: join(ctx.outDir, d.name) }));
}
