import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { ConfigError } from '../config/validate.js';
import { PERMISSION_FLAGS } from '../discord/permissions.js';
import { parseExportText } from '../schema/read-export.js';
import type { GuildExport } from '../schema/types.js';
import { oneLine } from '../text/escape.js';
import type { RestoreSource } from './types.js';
import { readZip, ZipFormatError } from './zip-reader.js';

const KNOWN = new Set(PERMISSION_FLAGS.map(([name]) => name));
const IMAGE = /^images\/(emojis|stickers)\/\d{17,20}\.(png|gif|webp|apng|json)$/;

/**
 * Reads SOURCE (export.json, snapshot.json or export.zip) before any request. Anything that is not a usable export
 * is a usage error naming the file and, for a bad field, its JSON path.
 */
export async function loadSource(file: string, warn: (line: string) => void): Promise<RestoreSource> {
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch (err) {
    throw new ConfigError(`Cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}. Pass the export.json, snapshot.json or export.zip written by the export command.`);
  }
  return sourceFromBytes(data, file, warn);
}

/**
 * A source from a file's bytes (an export.json, snapshot.json or export.zip; `file` names it in messages): the same
 * checks as loadSource, for text that does not come from disk (the Action reads snapshot.json through GitHub's API).
 */
export function sourceFromBytes(data: Buffer, file: string, warn: (line: string) => void): RestoreSource {
  const sha = createHash('sha256').update(data).digest('hex');
  let text: string;
  let images = new Map<string, Buffer>();
  let name = file;
  if (data.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    let entries: Map<string, Buffer>;
    try {
      entries = readZip(data, (n) => n === 'export.json' || IMAGE.test(n));
    } catch (error) {
      if (error instanceof ZipFormatError) throw new ConfigError(`${file} cannot be read as a ZIP: ${error.message}. Pass the export.zip from an export run, or its export.json.`);
      throw error;
    }
    const json = entries.get('export.json');
    if (!json) throw new ConfigError(`${file} holds no export.json: pass the export.zip written by the export command (or the export.json itself).`);
    entries.delete('export.json');
    images = entries;
    text = json.toString('utf8');
    name = `${file}:export.json`;
  } else text = data.toString('utf8');
  let exp: GuildExport;
  try {
    exp = parseExportText(text, name, warn);
  } catch (error) {
    // Here a file that is not an export is a usage error: the command cannot start without one.
    if (error instanceof Error && (error.name === 'InputError' || error.name === 'NewerSchemaError')) throw new ConfigError(error.message);
    throw error;
  }
  checkFields(exp, name);
  const snapshot = Array.isArray(exp.meta.left_out) || basename(file) === 'snapshot.json';
  return { export: exp, file, sha: sha.slice(0, 8), snapshot, images };
}

/** The fields a restore reads, checked for type: a wrong one names its JSON path rather than sending garbage. */
function checkFields(exp: GuildExport, file: string): void {
  const fail = (path: string, what: string) => {
    throw new ConfigError(`${file}: ${path} ${what}. Fix that field (or re-run the export) and try again.`);
  };
  const expect = (value: unknown, path: string, type: 'string' | 'number' | 'boolean', nullable = false) => {
    if (value === undefined || (nullable && value === null)) return;
    if (typeof value !== type) fail(path, `must be a ${type}${nullable ? ' or null' : ''}, got ${value === null ? 'null' : typeof value}`);
  };
  const names = (value: unknown, path: string) => {
    if (value === undefined) return;
    if (!Array.isArray(value)) return fail(path, 'must be a list of permission names');
    value.forEach((n, i) => {
      if (typeof n !== 'string' || !KNOWN.has(n)) fail(`${path}[${i}]`, `"${oneLine(String(n), 64)}" is not a Discord permission name (e.g. ViewChannel, SendMessages, Administrator)`);
    });
  };
  if (exp.server !== null && typeof exp.server === 'object') expect(exp.server.name, 'server.name', 'string');
  exp.roles.forEach((r, i) => {
    const p = `roles[${i}]`;
    if (!r || typeof r !== 'object') return fail(p, 'must be an object');
    expect(r.id, `${p}.id`, 'string');
    expect(r.name, `${p}.name`, 'string');
    expect(r.position, `${p}.position`, 'number');
    expect(r.color, `${p}.color`, 'number');
    expect(r.permissions, `${p}.permissions`, 'string');
    names(r.permission_names, `${p}.permission_names`);
  });
  exp.channels.forEach((c, i) => {
    const p = `channels[${i}]`;
    if (!c || typeof c !== 'object') return fail(p, 'must be an object');
    expect(c.id, `${p}.id`, 'string');
    expect(c.name, `${p}.name`, 'string');
    expect(c.type, `${p}.type`, 'number');
    expect(c.position, `${p}.position`, 'number');
    expect(c.category, `${p}.category`, 'string', true);
    expect(c.topic, `${p}.topic`, 'string', true);
    if (c.permission_overwrites !== undefined && !Array.isArray(c.permission_overwrites)) fail(`${p}.permission_overwrites`, 'must be a list');
    c.permission_overwrites ??= [];
    c.permission_overwrites.forEach((o, j) => {
      const q = `${p}.permission_overwrites[${j}]`;
      if (!o || typeof o !== 'object') return fail(q, 'must be an object');
      expect(o.id, `${q}.id`, 'string');
      if (o.type !== 'role' && o.type !== 'member') fail(`${q}.type`, 'must be "role" or "member"');
      names(o.allow_names, `${q}.allow_names`);
      names(o.deny_names, `${q}.deny_names`);
    });
  });
}
