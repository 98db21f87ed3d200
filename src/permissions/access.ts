import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { ChannelAccess, GuildExport } from '../schema/types.js';
import { compareSnowflakes } from '../schema/snowflake.js';
import { toBits } from '../discord/permissions.js';
import { createPermissionResolver } from './effective.js';

const VIEW = PermissionFlagsBits.ViewChannel;
const SEND = PermissionFlagsBits.SendMessages;
// "Manage" means editing the channel itself (name, topic, overwrites need ManageRoles on top of it).
const MANAGE = PermissionFlagsBits.ManageChannels;

const has = (bits: bigint, flag: bigint): boolean => (bits & flag) === flag;

/** Per channel (threads excluded): whether it is private and which roles can view, send in and manage it. */
export function computeAccess(exp: GuildExport): ChannelAccess[] {
  const resolver = createPermissionResolver(exp);
  const roleIds = (exp.roles ?? []).map((r) => r.id).sort(compareSnowflakes);
  const channels = [...(exp.channels ?? [])].sort(
    (a, b) => (a.position ?? 0) - (b.position ?? 0) || compareSnowflakes(a.id, b.id),
  );
  return channels.map((ch) => {
    const everyone = resolver.channel(ch.id, { roleIds: [] });
    const canView: string[] = [];
    const canSend: string[] = [];
    const canManage: string[] = [];
    for (const roleId of roleIds) {
      const perms = roleId === resolver.everyoneId ? everyone : resolver.channel(ch.id, { roleIds: [roleId] });
      if (has(perms, VIEW)) canView.push(roleId);
      if (has(perms, VIEW | SEND)) canSend.push(roleId);
      if (has(perms, VIEW | MANAGE)) canManage.push(roleId);
    }
    const memberOverwrites = (ch.permission_overwrites ?? []).filter(
      (o) => o.type === 'member' && has(toBits(o.allow), VIEW),
    ).length;
    return {
      channel: ch.id,
      private: !has(everyone, VIEW),
      can_view: canView,
      can_send: canSend,
      can_manage: canManage,
      member_overwrites: memberOverwrites,
    };
  });
}
