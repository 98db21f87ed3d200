import { readFile } from 'node:fs/promises';
import { SCHEMA_VERSION, type GuildExport } from './types.js';
import { checkSchemaVersion } from './version.js';
import { fromWire, schemaMajor } from './wire.js';
import { InputError } from '../cli/exit-codes.js';

/** Reads an export.json (or snapshot.json) from disk: see parseExportText. */
export async function readExportFile(file: string, warn: (line: string) => void = () => undefined): Promise<GuildExport> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new InputError(`Cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}. Pass the path of an export.json written by the export command.`);
  }
  return parseExportText(text, file, warn);
}

/**
 * Parses and checks an export.json or snapshot.json's text into the in-memory form; `file` names it in messages.
 * Throws InputError for anything that is not an export, NewerSchemaError for a newer major schema.
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
  // A newer major schema throws NewerSchemaError (exit 65); a newer minor one is a warning.
  const warning = checkSchemaVersion(exp, file);
  if (warning) warn(warning);
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
