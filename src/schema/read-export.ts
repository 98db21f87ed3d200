import { open } from 'node:fs/promises';
import { SCHEMA_VERSION, type GuildExport } from './types.js';
import { checkSchemaVersion } from './version.js';
import { checkExportShape } from './validate.js';
import { fromWire, schemaMajor } from './wire.js';
import { InputError } from '../cli/exit-codes.js';

/**
 * The largest export file read: 512 MiB, about a million members' records. Past it, reading the file whole and
 * parsing it would take gigabytes of memory (and V8's longest string is just under 512 Mi characters).
 */
export const MAX_EXPORT_BYTES = 512 * 1024 * 1024;

export interface ReadExportOptions {
  /** The size cap in bytes (default MAX_EXPORT_BYTES). */
  maxBytes?: number;
}

/** Reads an export.json (or snapshot.json) from disk: see parseExportText. */
export async function readExportFile(file: string, warn: (line: string) => void = () => undefined, options: ReadExportOptions = {}): Promise<GuildExport> {
  const max = options.maxBytes ?? MAX_EXPORT_BYTES;
  const cannotRead = (err: unknown) => new InputError(`Cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}. Pass the path of an export.json written by the export command.`, { cause: err });
  const tooLarge = (size: string) => new InputError(`${file} is ${size}, larger than the ${mib(max)} an export file may be. Pass an export.json written by the export command (a larger one can be cut with --max-members).`);
  let text: string;
  try {
    const handle = await open(file, 'r');
    try {
      const stat = await handle.stat();
      if (!stat.isFile()) throw new InputError(`${file} is not a file. Pass the path of an export.json written by the export command.`);
      if (stat.size > max) throw tooLarge(mib(stat.size));
      // Read at most one byte past the cap: a file that grows meanwhile (or a device that never ends) stops there.
      const buffer = Buffer.alloc(Math.min(max + 1, stat.size + 1));
      let length = 0;
      while (length < buffer.length) {
        const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
        if (bytesRead === 0) break;
        length += bytesRead;
      }
      if (length > max) throw tooLarge(`over ${mib(max)}`);
      text = buffer.toString('utf8', 0, length);
    } finally {
      await handle.close();
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw cannotRead(err);
  }
  return parseExportText(text, file, warn);
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MiB`;
}

/**
 * Parses and checks an export.json or snapshot.json's text into the in-memory form; `file` names it in messages.
 * Throws InputError for anything that is not an export (its structure or types wrong: the message names the JSON
 * paths of the first problems), NewerSchemaError for a newer major schema. Files written by older 1.x and 2.x
 * versions, which lack fields added since, are read: only structure and types are checked, not completeness.
 */
export function parseExportText(text: string, file: string, warn: (line: string) => void = () => undefined): GuildExport {
  let exp: GuildExport;
  try {
    exp = JSON.parse(text) as GuildExport;
  } catch (err) {
    throw new InputError(`${file} is not valid JSON (${(err as Error).message}). Re-run the export to get a complete file.`);
  }
  if (!exp || typeof exp !== 'object' || Array.isArray(exp) || !exp.meta || typeof exp.meta !== 'object') {
    throw new InputError(`${file} does not look like an export (no meta, roles or channels). Pass the export.json from an export run.`);
  }
  // A newer major schema throws NewerSchemaError (exit 65): its shapes may differ, so it is not checked against ours.
  const warning = checkSchemaVersion(exp, file);
  if (warning) warn(warning);
  // The file form is checked (null lists and {"not_collected": why} markers are valid) before it is converted.
  const problems = checkExportShape(exp, 3);
  if (problems.length) {
    throw new InputError(`${file} is not a valid export: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}. Pass an export.json or snapshot.json written by discord-server-exporter, unedited.`);
  }
  // A 1.x file is rewritten in the 2.x form: its version says so.
  if (schemaMajor(exp) < schemaMajor({ meta: { schema_version: SCHEMA_VERSION } })) exp.meta.schema_version = SCHEMA_VERSION;
  // Sections written as null or {"not_collected": why} come back as empty and stay "not collected".
  fromWire(exp as unknown as Record<string, unknown>);
  if (!Array.isArray(exp.roles) || !Array.isArray(exp.channels)) {
    throw new InputError(`${file} does not look like an export (no meta, roles or channels). Pass the export.json from an export run.`);
  }
  // Older or hand-edited exports may lack optional arrays; treat them as empty rather than crash every check.
  for (const key of ['members', 'threads', 'automod', 'invites', 'bots', 'webhooks', 'access', 'errors'] as const) {
    if (!Array.isArray(exp[key])) (exp as unknown as Record<string, unknown>)[key] = [];
  }
  exp.meta.collectors ??= {};
  return exp;
}
