import { SCHEMA_VERSION } from './types.js';

/** Exit status of `audit` and `diff` for a file written by a newer major schema (EX_DATAERR). */
export const EXIT_NEWER_SCHEMA = 65;

/** A file written by a newer major version of the schema: its sections may mean something this version cannot tell. */
export class NewerSchemaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NewerSchemaError';
  }
}

/** [major, minor] of a "x.y.z" version string, or null when it is not one. */
function parts(version: unknown): [number, number] | null {
  const m = typeof version === 'string' ? /^(\d+)\.(\d+)\.\d+/.exec(version) : null;
  return m ? [Number(m[1]), Number(m[2])] : null;
}

/**
 * Checks a parsed file's meta.schema_version against the schema this exporter writes: a newer major version throws
 * NewerSchemaError (reading it with this version's meaning could turn "not collected" into "none"); a newer minor
 * version returns a warning (new fields are ignored); anything else returns null.
 */
export function checkSchemaVersion(raw: unknown, label: string): string | null {
  const version = (raw as { meta?: { schema_version?: unknown } } | null)?.meta?.schema_version;
  const theirs = parts(version);
  const ours = parts(SCHEMA_VERSION)!;
  if (!theirs) return null;
  if (theirs[0] > ours[0]) {
    throw new NewerSchemaError(`${label} was written with export schema ${String(version)}, newer than the ${SCHEMA_VERSION} this version of discord-server-exporter reads. Update discord-server-exporter to read it.`);
  }
  if (theirs[0] === ours[0] && theirs[1] > ours[1]) {
    return `Warning: ${label} was written with export schema ${String(version)}, newer than ${SCHEMA_VERSION}; fields this version does not know are ignored. Update discord-server-exporter for the full picture.`;
  }
  return null;
}
