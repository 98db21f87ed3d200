import type { DiffChange, DiffResult } from '../diff/types.js';
import type { ChannelAccess, ExportBot, ExportRole, GuildExport } from '../schema/types.js';
import { DANGEROUS_PERMISSIONS } from '../discord/permissions.js';

/** One escalation as an alert reads it: what changed, who holds the new access, and what they can now do. */
export interface Escalation {
  severity: 'critical' | 'high';
  entity: string;
  id: string;
  name: string;
  /** The diff's own sentence ("gained Administrator", "private channel is now readable by @everyone"). */
  change: string;
  /** Who holds it: "@Moderators (12 members)", "bot Helper", "@everyone (everyone in the server)". */
  who: string;
  /** What they can do now, from their effective permissions in the newer export. */
  can: string;
}

/**
 * The changes an escalation alert is about: widened access or lowered protection of severity high or critical
 * (a role or bot gaining Administrator or another dangerous permission, @everyone gaining one, a private channel
 * readable by @everyone, a new bot with Administrator, 2FA or verification lowered), with who and what from `after`.
 */
export function escalationsFrom(diff: DiffResult, after: GuildExport): Escalation[] {
  const roles = new Map((after.roles ?? []).map((r) => [r.id, r]));
  const bots = new Map((after.bots ?? []).map((b) => [b.id, b]));
  const access = new Map((after.access ?? []).map((a) => [a.channel, a]));
  return diff.changes
    .filter((c): c is DiffChange & { severity: 'critical' | 'high' } => c.escalation && (c.severity === 'critical' || c.severity === 'high'))
    .map((c) => ({ severity: c.severity, entity: c.entity, id: c.id, name: c.name, change: c.summary, ...whoCan(c, roles, bots, access) }));
}

function whoCan(c: DiffChange, roles: Map<string, ExportRole>, bots: Map<string, ExportBot>, access: Map<string, ChannelAccess>): { who: string; can: string } {
  if (c.entity === 'role') {
    const role = roles.get(c.id);
    if (!role) return { who: `role ${c.name}`, can: 'unknown (roles not collected)' };
    return { who: roleHolders(role), can: powers(role.permission_names) };
  }
  if (c.entity === 'bot') {
    const bot = bots.get(c.id);
    return { who: `bot ${c.name}`, can: bot ? powers(bot.permission_names) : 'unknown (bots not collected)' };
  }
  if (c.entity === 'guild') return { who: 'anyone who joins or moderates', can: c.summary };
  // A channel: who can view and send in it now, by role.
  const acc = access.get(c.id);
  if (!acc) return { who: '@everyone', can: `view ${c.name}` };
  const everyoneSends = acc.can_send.some((id) => roles.get(id)?.is_everyone);
  return { who: '@everyone (everyone in the server)', can: everyoneSends ? 'view it and send messages in it' : 'view it and read its history where allowed' };
}

function roleHolders(role: ExportRole): string {
  if (role.is_everyone) return '@everyone (everyone in the server)';
  const count = role.member_count === null ? 'member count not collected' : `${role.member_count} member${role.member_count === 1 ? '' : 's'}`;
  return `@${role.name} (${count})`;
}

/** The permissions that matter, in words: Administrator is everything, else the dangerous ones held. */
function powers(names: readonly string[]): string {
  if (names.includes('Administrator')) return 'everything: Administrator bypasses every channel permission';
  const dangerous = names.filter((n) => DANGEROUS_PERMISSIONS.includes(n));
  return dangerous.length === 0 ? 'no dangerous permission' : dangerous.join(', ');
}
