import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MemberSink } from '../collectors/member-sink.js';
import type { OutputFormat } from '../config/types.js';
import { redact } from '../config/redact.js';
import type { GuildExport } from '../schema/types.js';
import { writeExportJson } from '../writers/json.js';
import { renderSnapshotMarkdown } from '../writers/markdown.js';
import { renderSnapshotJson } from '../writers/snapshot-json.js';
import { writeZip } from '../writers/zip.js';

export interface OutputFiles {
  json: string | null;
  markdown: string | null;
  /** snapshot.json: the privacy-filtered, deterministic form the Action commits and diffs against. */
  snapshotJson: string | null;
  prompt: string | null;
  zip: string | null;
}

/** Writes the requested formats into outDir; the ZIP (last) holds every other file written. */
export async function writeOutputs(
  exp: GuildExport,
  options: { outDir: string; formats: OutputFormat[]; members: MemberSink; secrets: string[] },
): Promise<OutputFiles> {
  const { outDir, formats } = options;
  const files: OutputFiles = { json: null, markdown: null, snapshotJson: null, prompt: null, zip: null };
  const text = (name: string, body: string) => {
    const path = join(outDir, name);
    writeFileSync(path, redact(body, options.secrets), 'utf8');
    return path;
  };
  if (formats.includes('json')) {
    files.json = join(outDir, 'export.json');
    await writeExportJson(files.json, exp, options.members.read());
  }
  if (formats.includes('markdown')) {
    files.markdown = text('snapshot.md', renderSnapshotMarkdown(exp));
    files.snapshotJson = text('snapshot.json', renderSnapshotJson(exp));
  }
  if (formats.includes('prompt')) files.prompt = text('audit-prompt.md', exp.summary.llm_audit_prompt);
  if (formats.includes('zip')) {
    const entries = [
      ['export.json', files.json],
      ['snapshot.md', files.markdown],
      ['snapshot.json', files.snapshotJson],
      ['audit-prompt.md', files.prompt],
    ].filter((e): e is [string, string] => e[1] !== null);
    files.zip = join(outDir, 'export.zip');
    await writeZip(files.zip, entries.map(([name, path]) => ({ name, path })));
  }
  return files;
}
