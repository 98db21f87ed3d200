import { createHash } from 'node:crypto';
import type { APIRole } from 'discord-api-types/v10';
import { toBits } from '../discord/permissions.js';
import { MISSING_PERMISSIONS, apiError, type Reply } from './errors.js';
import { canManageRole, compareRoles, ungrantable } from './bot-perms.js';
import { nextId } from './ids.js';
import { BodyReader, asObject } from './write-body.js';
import { MAX_ROLES, UNKNOWN_ROLE, fieldError } from './write-errors.js';
import { noContent, ok, type WriteContext, type WriteRouteDef } from './write-route.js';
import type { FakeGuild } from './types.js';

/** Discord's cap on a guild's roles (@everyone not counted). */
export const MAX_GUILD_ROLES = 250;

/** The stored hash for an uploaded image: derived from its bytes, so the same image keeps the same hash. */
export function imageHash(dataUri: string): string {
  return createHash('sha1').update(dataUri).digest('hex').slice(0, 32);
}

const DATA_URI = /^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/]+=*$/;

/** Reads the role fields Discord accepts on create and edit; errors land in `r`. */
function readRoleFields(r: BodyReader): Partial<APIRole> & { perms?: bigint } {
  const out: Partial<APIRole> & { perms?: bigint } = {};
  const name = r.str('name', 1, 100);
  if (name != null) out.name = name;
  const perms = r.bits('permissions');
  if (perms !== undefined) out.perms = perms;
  const color = r.int('color', 0, 0xffffff);
  if (color != null) out.color = color;
  if (r.has('colors')) {
    const c = r.child('colors', r.body.colors);
    if (c) {
      const primary = c.int('primary_color', 0, 0xffffff) ?? out.color ?? 0;
      out.colors = { primary_color: primary, secondary_color: c.int('secondary_color', 0, 0xffffff, { nullable: true }) ?? null,
        tertiary_color: c.int('tertiary_color', 0, 0xffffff, { nullable: true }) ?? null };
      out.color = primary;
    }
  }
  for (const key of ['hoist', 'mentionable'] as const) {
    const v = r.bool(key);
    if (v !== undefined) out[key] = v;
  }
  const icon = r.str('icon', 0, 10_000_000, { nullable: true });
  if (typeof icon === 'string' && !DATA_URI.test(icon)) r.fail('icon', 'IMAGE_INVALID', 'Invalid image data');
  else if (icon !== undefined) out.icon = icon === null ? null : imageHash(icon);
  const emoji = r.str('unicode_emoji', 0, 100, { nullable: true });
  if (emoji !== undefined) out.unicode_emoji = emoji;
  return out;
}

function applyFields(role: APIRole, f: Partial<APIRole> & { perms?: bigint }): void {
  const { perms, ...rest } = f;
  Object.assign(role, rest);
  if (perms !== undefined) role.permissions = String(perms);
  if (f.color !== undefined && !f.colors) role.colors = { ...(role.colors ?? { secondary_color: null, tertiary_color: null }), primary_color: f.color };
}

/** Renumbers roles 1..n in their current order (@everyone stays 0), as Discord keeps them. */
function renumber(g: FakeGuild): void {
  const rest = g.guild.roles.filter((r) => r.id !== g.guild.id).sort(compareRoles);
  rest.forEach((r, i) => { r.position = i + 1; });
  const everyone = g.guild.roles.find((r) => r.id === g.guild.id);
  g.guild.roles = [...(everyone ? [everyone] : []), ...rest];
}

function createRole({ guild: g, body }: WriteContext): Reply {
  if (g.guild.roles.filter((r) => r.id !== g.guild.id).length >= MAX_GUILD_ROLES) return MAX_ROLES();
  const r = new BodyReader(asObject(body) ?? {});
  const f = readRoleFields(r);
  const bad = r.reply();
  if (bad) return bad;
  const everyone = g.guild.roles.find((x) => x.id === g.guild.id);
  const perms = f.perms ?? toBits(everyone?.permissions);
  if (ungrantable(g, perms) !== 0n) return MISSING_PERMISSIONS();
  const color = f.color ?? 0;
  const role: APIRole = { id: nextId(g), name: 'new role', color, colors: { primary_color: color, secondary_color: null, tertiary_color: null },
    hoist: false, icon: null, unicode_emoji: null, position: 1, permissions: '0', managed: false, mentionable: false, flags: 0 as APIRole['flags'] };
  applyFields(role, { ...f, perms });
  for (const x of g.guild.roles) if (x.id !== g.guild.id) x.position++;
  g.guild.roles.push(role);
  renumber(g);
  return ok(role);
}

function editRole({ guild: g, params, body }: WriteContext): Reply {
  const role = g.guild.roles.find((x) => x.id === params.role);
  if (!role) return UNKNOWN_ROLE();
  if (!canManageRole(g, role)) return MISSING_PERMISSIONS();
  const r = new BodyReader(asObject(body) ?? {});
  const f = readRoleFields(r);
  const bad = r.reply();
  if (bad) return bad;
  const old = toBits(role.permissions);
  if (f.perms !== undefined && f.perms !== old) {
    if (role.managed) return MISSING_PERMISSIONS();
    if (ungrantable(g, f.perms & ~old) !== 0n) return MISSING_PERMISSIONS();
  }
  // @everyone keeps its name; Discord ignores a rename of it.
  if (role.id === g.guild.id) delete f.name;
  applyFields(role, f);
  return ok(role);
}

function deleteRole({ guild: g, params }: WriteContext): Reply {
  const role = g.guild.roles.find((x) => x.id === params.role);
  if (!role) return UNKNOWN_ROLE();
  if (role.id === g.guild.id) return apiError(400, 50028, 'Invalid Role');
  if (role.managed || !canManageRole(g, role)) return MISSING_PERMISSIONS();
  g.guild.roles = g.guild.roles.filter((x) => x !== role);
  for (const m of g.members) if (m.roles.includes(role.id)) m.roles = m.roles.filter((id) => id !== role.id);
  for (const c of g.channels) if (c.permission_overwrites?.some((o) => o.id === role.id)) c.permission_overwrites = c.permission_overwrites.filter((o) => o.id !== role.id);
  renumber(g);
  return noContent();
}

/** Bulk move: each listed role must be below the bot and land below it; the rest keep their order. */
function moveRoles({ guild: g, body }: WriteContext): Reply {
  if (!Array.isArray(body)) return fieldError('_errors', 'BASE_TYPE_ARRAY', 'Must be an array.');
  const top = g.guild.roles.filter((x) => !canManageRole(g, x) && x.id !== g.guild.id).sort(compareRoles)[0];
  const moves: { role: APIRole; position: number }[] = [];
  const errors = new BodyReader({});
  for (const [i, item] of body.entries()) {
    const r = errors.child(String(i), item);
    if (!r) continue;
    const id = r.snowflake('id', { required: true });
    const position = r.int('position', 0, 1000, { nullable: true });
    if (!id) continue;
    const role = g.guild.roles.find((x) => x.id === id);
    if (!role) return UNKNOWN_ROLE();
    if (typeof position !== 'number' || position === role.position) continue;
    if (role.id === g.guild.id || !canManageRole(g, role) || (top && position >= top.position)) return MISSING_PERMISSIONS();
    moves.push({ role, position });
  }
  const bad = errors.reply();
  if (bad) return bad;
  // Moved roles sort just under whatever already held their new position, so a one-role move does what it says.
  for (const { role, position } of moves) role.position = position + (position > role.position ? 0.25 : -0.25);
  renumber(g);
  return ok([...g.guild.roles].sort(compareRoles));
}

export const ROLE_ROUTES: WriteRouteDef[] = [
  { method: 'POST', pattern: '/guilds/:guild/roles', bucket: 'role-create', needs: 'ManageRoles', handle: createRole },
  { method: 'PATCH', pattern: '/guilds/:guild/roles', bucket: 'role-positions', needs: 'ManageRoles', handle: moveRoles },
  { method: 'PATCH', pattern: '/guilds/:guild/roles/:role', bucket: 'role-write', needs: 'ManageRoles', handle: editRole },
  { method: 'DELETE', pattern: '/guilds/:guild/roles/:role', bucket: 'role-write', needs: 'ManageRoles', handle: deleteRole },
];
