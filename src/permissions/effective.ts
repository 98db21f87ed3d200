import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { ExportChannel, ExportOverwrite, GuildExport } from '../schema/types.js';
import { ALL_PERMISSIONS, toBits } from '../discord/permissions.js';

const ADMINISTRATOR = PermissionFlagsBits.Administrator;
const VIEW_CHANNEL = PermissionFlagsBits.ViewChannel;

/** Who the permissions are computed for: a set of roles, optionally a specific member. */
export interface PermissionSubject {
  roleIds: string[];
  memberId?: string;
  isOwner?: boolean;
}

/** Precomputed lookups over one export, so computing many (role, channel) pairs stays cheap. */
export interface PermissionResolver {
  everyoneId: string;
  base(roleIds: string[], isOwner?: boolean): bigint;
  channel(channelId: string, subject: PermissionSubject): bigint;
}

/** The @everyone role id: the role flagged is_everyone, else the guild id (Discord uses the same snowflake). */
export function everyoneRoleId(exp: GuildExport): string {
  const flagged = (exp.roles ?? []).find((r) => r.is_everyone);
  return flagged?.id ?? exp.server?.id ?? exp.meta?.scope?.guild_id ?? '';
}

/** Builds a resolver implementing Discord's documented permission algorithm over `exp`. */
export function createPermissionResolver(exp: GuildExport): PermissionResolver {
  const everyoneId = everyoneRoleId(exp);
  const rolePerms = new Map<string, bigint>();
  for (const role of exp.roles ?? []) rolePerms.set(role.id, toBits(role.permissions));
  const channels = new Map<string, ExportChannel>();
  for (const ch of exp.channels ?? []) channels.set(ch.id, ch);
  const threadParent = new Map<string, string | null>();
  for (const t of exp.threads ?? []) threadParent.set(t.id, t.parent);
  const ownerId = exp.server?.owner ?? null;

  const base = (roleIds: string[], isOwner = false): bigint => {
    if (isOwner) return ALL_PERMISSIONS;
    let perms = rolePerms.get(everyoneId) ?? 0n;
    for (const id of roleIds) perms |= rolePerms.get(id) ?? 0n;
    return (perms & ADMINISTRATOR) === ADMINISTRATOR ? ALL_PERMISSIONS : perms;
  };

  // Threads carry no overwrites of their own: Discord evaluates them against the parent channel.
  const resolveChannel = (channelId: string): ExportChannel | undefined => {
    let id: string | null | undefined = channelId;
    for (let hops = 0; id && hops < 4; hops++) {
      const ch = channels.get(id);
      if (ch) return ch;
      id = threadParent.get(id);
    }
    return undefined;
  };

  const channel = (channelId: string, subject: PermissionSubject): bigint => {
    const ch = resolveChannel(channelId);
    if (!ch) return 0n;
    const isOwner = subject.isOwner === true || (!!subject.memberId && subject.memberId === ownerId);
    const basePerms = base(subject.roleIds, isOwner);
    if ((basePerms & ADMINISTRATOR) === ADMINISTRATOR) return ALL_PERMISSIONS;
    const perms = applyOverwrites(basePerms, ch.permission_overwrites ?? [], everyoneId, subject);
    return (perms & VIEW_CHANNEL) === VIEW_CHANNEL ? perms : 0n;
  };

  return { everyoneId, base, channel };
}

function applyOverwrites(
  basePerms: bigint,
  overwrites: ExportOverwrite[],
  everyoneId: string,
  subject: PermissionSubject,
): bigint {
  let perms = basePerms;
  const everyone = overwrites.find((o) => o.id === everyoneId);
  if (everyone) perms = (perms & ~toBits(everyone.deny)) | toBits(everyone.allow);

  // Role overwrites are merged before applying, so role order never matters (a role allow beats another's deny).
  const held = new Set(subject.roleIds.filter((id) => id !== everyoneId));
  let allow = 0n;
  let deny = 0n;
  for (const o of overwrites) {
    if (o.type === 'role' && held.has(o.id)) {
      allow |= toBits(o.allow);
      deny |= toBits(o.deny);
    }
  }
  perms = (perms & ~deny) | allow;

  if (subject.memberId) {
    const member = overwrites.find((o) => o.type === 'member' && o.id === subject.memberId);
    if (member) perms = (perms & ~toBits(member.deny)) | toBits(member.allow);
  }
  return perms;
}

/** Guild-level permissions of a member holding `roleIds` (plus @everyone); the owner and Administrator get all. */
export function basePermissions(exp: GuildExport, roleIds: string[], options: { isOwner?: boolean } = {}): bigint {
  return createPermissionResolver(exp).base(roleIds, options.isOwner === true);
}

/** Effective permissions in a channel; 0n when the subject cannot view it. A thread gets its parent's
 * permissions: posting in it takes SendMessagesInThreads, not SendMessages (Discord does not inherit that one). */
export function channelPermissions(exp: GuildExport, channelId: string, subject: PermissionSubject): bigint {
  return createPermissionResolver(exp).channel(channelId, subject);
}
