import type { APIEmoji } from 'discord-api-types/v10';
import { MISSING_PERMISSIONS, UNKNOWN_MEMBER, type Reply } from './errors.js';
import { canManageRole } from './bot-perms.js';
import { nextId } from './ids.js';
import { BodyReader, asObject } from './write-body.js';
import { MAX_EMOJIS, UNKNOWN_ROLE } from './write-errors.js';
import { noContent, ok, type WriteContext, type WriteRouteDef } from './write-route.js';

/** Emoji slots per premium tier (static and animated each). */
const EMOJI_SLOTS = [50, 100, 150, 250];
const EMOJI_URI = /^data:image\/(png|jpeg|gif|webp);base64,([A-Za-z0-9+/]+=*)$/;
const MAX_EMOJI_BYTES = 256 * 1024;

/**
 * Adds or removes one role of one member. Members made on demand (lazyMembers) are not stored, so a change to
 * one of them is answered but not kept: tests that read member roles back use built members.
 */
function memberRole(add: boolean) {
  return ({ guild: g, params }: WriteContext): Reply => {
    const role = g.guild.roles.find((x) => x.id === params.role);
    if (!role) return UNKNOWN_ROLE();
    const member = g.members.find((m) => m.user.id === params.user);
    if (!member && !g.lazyMembers?.byId(params.user)) return UNKNOWN_MEMBER();
    if (role.managed || role.id === g.guild.id || !canManageRole(g, role)) return MISSING_PERMISSIONS();
    if (member) member.roles = add ? [...new Set([...member.roles, role.id])] : member.roles.filter((id) => id !== role.id);
    return noContent();
  };
}

function createEmoji({ guild: g, body }: WriteContext): Reply {
  const r = new BodyReader(asObject(body) ?? {});
  const name = r.str('name', 2, 32, { required: true });
  if (name && !/^\w+$/.test(name)) r.fail('name', 'STRING_TYPE_REGEX', 'String value did not match validation regex.');
  const image = r.str('image', 1, 10_000_000, { required: true });
  const m = image ? EMOJI_URI.exec(image) : null;
  if (image && !m) r.fail('image', 'IMAGE_INVALID', 'Invalid image data');
  else if (m && Buffer.byteLength(m[2], 'base64') > MAX_EMOJI_BYTES) r.fail('image', 'BINARY_TYPE_MAX_SIZE', 'File cannot be larger than 256.0 kb.');
  const roles = r.snowflakes('roles', 250) ?? [];
  roles.forEach((id, i) => { if (!g.guild.roles.some((x) => x.id === id)) r.fail(`roles.${i}`, 'ROLE_INVALID', 'Unknown role'); });
  const bad = r.reply();
  if (bad) return bad;
  const animated = m?.[1] === 'gif';
  const slots = EMOJI_SLOTS[g.guild.premium_tier] ?? 50;
  if (g.guild.emojis.filter((e) => Boolean(e.animated) === animated).length >= slots) return MAX_EMOJIS();
  const emoji: APIEmoji = { id: nextId(g), name: name as string, roles, user: g.botUser, require_colons: true, managed: false, animated, available: true };
  g.guild.emojis.push(emoji);
  return ok(emoji, 201);
}

export const MEMBER_ROUTES: WriteRouteDef[] = [
  { method: 'PUT', pattern: '/guilds/:guild/members/:user/roles/:role', bucket: 'member-roles', needs: 'ManageRoles', handle: memberRole(true) },
  { method: 'DELETE', pattern: '/guilds/:guild/members/:user/roles/:role', bucket: 'member-roles', needs: 'ManageRoles', handle: memberRole(false) },
  { method: 'POST', pattern: '/guilds/:guild/emojis', bucket: 'emoji-create', needs: 'ManageGuildExpressions', handle: createEmoji },
];
