import type { MemberSink } from '../collectors/member-sink.js';
import type { OutputFormat } from '../config/types.js';
import type { GuildExport } from '../schema/types.js';
import { writeFormats, type Format } from '../writers/index.js';

export interface OutputFiles {
  json: string | null;
  markdown: string | null;
  /** snapshot.json: the privacy-filtered, deterministic form the Action commits and diffs against. */
  snapshotJson: string | null;
  prompt: string | null;
  zip: string | null;
  /** ai-review.md, when an AI review was asked for and answered. */
  aiReview: string | null;
}

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
  const path = (name: string) => written.find((f) => f.name === name)?.path ?? null;
  return {
    json: path('export.json'),
    markdown: path('snapshot.md'),
    snapshotJson: path('snapshot.json'),
    prompt: path('audit-prompt.md'),
    zip: path('export.zip'),
    aiReview: path('ai-review.md'),
  };
}
