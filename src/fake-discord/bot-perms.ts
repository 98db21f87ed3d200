import type { APIRole } from 'discord-api-types/v10';
import { ALL_PERMISSIONS, bitsOf, toBits } from '../discord/permissions.js';
import { compareSnowflakes } from '../schema/snowflake.js';
import type { FakeChannel, FakeGuild } from './types.js';

const ADMIN = bitsOf(['Administrator']);
const MANAGE_ROLES = bitsOf(['ManageRoles']);

/** True for the guild's owner, who stands above every role and holds every permission. */
export function botIsOwner(g: FakeGuild): boolean {
  return g.guild.owner_id === g.botUserId;
}

/** The ids of the roles the bot holds (from its member record), @everyone excluded. */
export function botRoleIds(g: FakeGuild): string[] {
  return g.members.find((m) => m.user.id === g.botUserId)?.roles ?? [];
}

/**
 * The bot's guild permissions: @everyone plus its roles (Administrator or ownership: everything), less what
 * the guild is set up to deny it (FakeGuild.missingPermissions), so read and write routes agree.
 */
export function botPermissions(g: FakeGuild): bigint {
  const ids = new Set([g.guild.id, ...botRoleIds(g)]);
  let bits = g.guild.roles.filter((r) => ids.has(r.id)).reduce((acc, r) => acc | toBits(r.permissions), 0n);
  if (botIsOwner(g) || (bits & ADMIN) === ADMIN) bits = ALL_PERMISSIONS;
  return bits & ~bitsOf(g.missingPermissions ?? []);
}

export const isAdmin = (g: FakeGuild): boolean => (botPermissions(g) & ADMIN) === ADMIN;
export const botHas = (g: FakeGuild, name: string): boolean => {
  const bit = bitsOf([name]);
  return bit !== 0n && (botPermissions(g) & bit) === bit;
};

/** Role order as Discord sorts it: by position, ties broken by id (the older role sits higher). */
export function compareRoles(a: APIRole, b: APIRole): number {
  return a.position !== b.position ? a.position - b.position : compareSnowflakes(b.id, a.id);
}

/** The bot's highest role (null when it holds none but @everyone). */
export function botTopRole(g: FakeGuild): APIRole | null {
  const ids = new Set(botRoleIds(g));
  const mine = g.guild.roles.filter((r) => ids.has(r.id)).sort(compareRoles);
  return mine.at(-1) ?? null;
}

/** Whether the bot may edit, move or delete a role: strictly below its highest role (the owner may touch all). */
export function canManageRole(g: FakeGuild, role: APIRole): boolean {
  if (botIsOwner(g)) return true;
  const top = botTopRole(g);
  return top !== null && compareRoles(role, top) < 0;
}

/** Bits in `wanted` the bot may not hand out: those it lacks itself (none when it is an administrator). */
export function ungrantable(g: FakeGuild, wanted: bigint): bigint {
  const mine = botPermissions(g);
  return (mine & ADMIN) === ADMIN ? 0n : wanted & ~mine;
}

/**
 * Bits an overwrite on `channel` may not allow or deny: Discord lets a bot set only permissions it has in the
 * guild, unless an overwrite on that channel allows it Manage Roles; Manage Roles itself only an administrator.
 */
export function ungrantableInChannel(g: FakeGuild, channel: FakeChannel | null, wanted: bigint): bigint {
  if (isAdmin(g)) return 0n;
  const mine = new Set([g.guild.id, g.botUserId, ...botRoleIds(g)]);
  const channelGrant = (channel?.permission_overwrites ?? []).some((o) => mine.has(o.id) && (toBits(o.allow) & MANAGE_ROLES) === MANAGE_ROLES);
  if (channelGrant) return 0n;
  return (wanted & ~botPermissions(g)) | (wanted & MANAGE_ROLES);
}

/** What a bot needs to restore a server: the exporter's reads plus managing roles, channels, settings and expressions. */
export const RESTORE_BOT_PERMISSIONS = bitsOf(['ViewChannel', 'ReadMessageHistory', 'ManageGuild', 'ManageWebhooks', 'BanMembers',
  'ViewAuditLog', 'ManageThreads', 'ManageChannels', 'ManageRoles', 'ManageGuildExpressions']);

/** Sets the permissions of the bot's own (managed) role, as a server admin does before running a restore. */
export function setBotPermissions(g: FakeGuild, bits: bigint): void {
  const own = g.guild.roles.find((r) => r.tags?.bot_id === g.botUserId) ?? botTopRole(g);
  if (!own) throw new Error(`The fake guild ${g.guild.id} gives its bot no role; add one to its member record first.`);
  own.permissions = String(bits);
}
