import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { MemberSink } from '../collectors/member-sink.js';
import type { OutputFormat } from '../config/types.js';
import type { GuildExport } from '../schema/types.js';
import { draftPath, writeExportJson, writeFormats, type Format } from '../writers/index.js';
import { writeFailure } from '../writers/atomic.js';

/**
 * The record of a failed export (Discord refused it: bad token, unknown server, no connection), written beside the
 * last good export's files, which stay as they were. The next export that succeeds removes it.
 */
export const FAILURE_FILE = 'export-failed.json';

export interface OutputFiles {
  json: string | null;
  markdown: string | null;
  /** snapshot.json: the privacy-filtered, deterministic form the Action commits and diffs against. */
  snapshotJson: string | null;
  prompt: string | null;
  zip: string | null;
  /** ai-review.md, when an AI review was asked for and answered. */
  aiReview: string | null;
  /** export-failed.json, when the export failed (then no other file was written). */
  failed: string | null;
}

const NO_FILES: OutputFiles = { json: null, markdown: null, snapshotJson: null, prompt: null, zip: null, aiReview: null, failed: null };

/** Writes the requested formats into outDir through the writers registry; snapshot.json goes with the Markdown. */
export async function writeOutputs(
  exp: GuildExport,
  options: { outDir: string; formats: OutputFormat[]; members: MemberSink; secrets: string[]; inviteCodes?: boolean; extraFiles?: { name: string; text: string }[];
    zipOnly?: { name: string; data: Buffer }[] },
): Promise<OutputFiles> {
  const formats: Format[] = [...options.formats, ...(options.formats.includes('markdown') ? (['snapshot'] as const) : [])];
  const written = await writeFormats(formats, {
    outDir: options.outDir, exp, members: options.members.jsonSection(), secrets: options.secrets, inviteCodes: options.inviteCodes, extraFiles: options.extraFiles,
    zipOnly: options.zipOnly,
  });
  // This run's files replace the last good ones: a failure recorded by an earlier run no longer describes the folder.
  await rm(join(options.outDir, FAILURE_FILE), { force: true });
  const path = (name: string) => written.find((f) => f.name === name)?.path ?? null;
  return {
    json: path('export.json'),
    markdown: path('snapshot.md'),
    snapshotJson: path('snapshot.json'),
    prompt: path('audit-prompt.md'),
    zip: path('export.zip'),
    aiReview: path('ai-review.md'),
    failed: null,
  };
}

/**
 * A failed export: only export-failed.json is written (atomically), in export.json's form with meta.fatal saying why
 * and every section not collected. The last good export's files in outDir are never replaced by a failure.
 */
export async function writeFailureRecord(exp: GuildExport, options: { outDir: string }): Promise<OutputFiles> {
  const draft = draftPath(options.outDir, FAILURE_FILE);
  const path = join(options.outDir, FAILURE_FILE);
  try {
    await writeExportJson(draft, exp);
    await rename(draft, path);
  } catch (err) {
    await rm(draft, { force: true }).catch(() => undefined);
    throw writeFailure(err, options.outDir) ?? err;
  }
  return { ...NO_FILES, failed: path };
}
