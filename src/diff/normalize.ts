import type { GuildExport } from '../schema/types.js';
import { bitsOf } from '../discord/permissions.js';
import { fromWire } from '../schema/wire.js';
import { checkSchemaVersion } from '../schema/version.js';

const LIST_KEYS = [
  'roles', 'channels', 'members', 'threads', 'forums', 'voice', 'stage', 'automod', 'invites', 'bots', 'emojis',
  'stickers', 'events', 'webhooks', 'integrations', 'soundboard', 'access', 'errors',
] as const;

/** Lists matched by id: entries without a string id cannot be matched and are skipped. */
const ID_KEYED = new Set<string>(['roles', 'channels', 'threads', 'automod', 'bots', 'emojis', 'stickers', 'events',
  'webhooks', 'integrations']);

/** Thrown when a file is not an export the diff can read; the message says what to pass instead. */
export class DiffInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DiffInputError';
  }
}

/** Fills lists the snapshot form (or an older export) leaves out, so every comparison sees arrays. */
export function normalizeExport(value: unknown, label = 'input'): GuildExport {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new DiffInputError(`${label} is not a JSON object. Pass an export.json or snapshot.json written by discord-server-exporter.`);
  }
  checkSchemaVersion(value, label);
  const given = value as Record<string, unknown>;
  const listOrNull = (v: unknown) => Array.isArray(v) || v === null;
  if (!listOrNull(given.roles) || !listOrNull(given.channels)) {
    throw new DiffInputError(`${label} has no "roles" and "channels" lists, so it is not a guild export. ` +
      'Pass an export.json or snapshot.json written by discord-server-exporter.');
  }
  // Schema 2.x writes sections that were not collected as null or a marker: back to the in-memory form.
  const raw: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  if (raw.meta && typeof raw.meta === 'object') {
    const meta = raw.meta as Record<string, unknown>;
    raw.meta = { ...meta, collectors: meta.collectors && typeof meta.collectors === 'object' ? { ...(meta.collectors as object) } : {} };
  }
  fromWire(raw);
  if (!Array.isArray(raw.roles) || !Array.isArray(raw.channels)) {
    throw new DiffInputError(`${label} has no "roles" and "channels" lists, so it is not a guild export. ` +
      'Pass an export.json or snapshot.json written by discord-server-exporter.');
  }
  const out: Record<string, unknown> = { ...raw };
  for (const key of LIST_KEYS) {
    if (!Array.isArray(out[key])) out[key] = [];
    // Drop malformed entries rather than crash on them: a diff should still show everything else.
    // Entries are copied so filling gaps below never edits the caller's objects.
    out[key] = (out[key] as unknown[])
      .filter((x) => x !== null && typeof x === 'object')
      .filter((x) => !ID_KEYED.has(key) || typeof (x as { id?: unknown }).id === 'string')
      .map((x) => ({ ...(x as object) }));
  }
  fillBits(out.roles as Record<string, unknown>[], 'permissions', 'permission_names');
  fillBits(out.bots as Record<string, unknown>[], 'permissions', 'permission_names');
  for (const ch of out.channels as Record<string, unknown>[]) {
    ch.permission_overwrites = Array.isArray(ch.permission_overwrites)
      ? (ch.permission_overwrites as unknown[]).filter((o) => o !== null && typeof o === 'object').map((o) => ({ ...(o as object) }))
      : [];
    fillBits(ch.permission_overwrites as Record<string, unknown>[], 'allow', 'allow_names');
    fillBits(ch.permission_overwrites as Record<string, unknown>[], 'deny', 'deny_names');
  }
  const server = raw.server;
  out.server = server && typeof server === 'object' && !Array.isArray(server) ? server : null;
  return out as unknown as GuildExport;
}

// A trimmed snapshot may keep only the flag names: rebuild the bitfield from them.
function fillBits(items: Record<string, unknown>[], bitsKey: string, namesKey: string): void {
  for (const item of items) {
    if (typeof item[bitsKey] !== 'string' && Array.isArray(item[namesKey])) {
      item[bitsKey] = bitsOf(item[namesKey] as string[]).toString();
    }
  }
}
