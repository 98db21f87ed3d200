import type { ExportChannel, ExportOverwrite, GuildExport, MemberStats } from '../schema/types.js';
import { DANGEROUS_PERMISSIONS } from '../discord/permissions.js';
import { compareSnowflakes, isSnowflake, snowflakeTime } from '../schema/snowflake.js';
import { plural } from './helpers.js';
import { compareText } from '../schema/order.js';
import { coverageOf, notCollected, type Section } from '../schema/coverage.js';
import { totalsOf } from '../schema/totals.js';

/*
 * Compact, identity-free renderings of the export for the audit prompt. Members appear only as counts;
 * invites only by shape (never codes or inviters); no ids are needed, names carry the meaning.
 */

const VERIFICATION = ['none', 'low', 'medium', 'high', 'very high'];
const CONTENT_FILTER = ['disabled', 'members without roles', 'all members'];

/** Settings and data-coverage facts; always kept whole. */
export function settingsFacts(exp: GuildExport): string[] {
  const s = exp.server;
  const name = (id: string | null): string => (id ? `#${exp.channels.find((c) => c.id === id)?.name ?? 'unknown'}` : 'not set');
  const lines: string[] = [];
  if (!s) lines.push('- Server settings: not collected.');
  else {
    lines.push(
      `- Members: ${memberLine(exp)}; online now: ${s.presence_count ?? 'unknown'}`,
      `- Created: ${s.created_at.slice(0, 10)}; boost level ${s.boost_level} (${plural(s.boost_count, 'boost')}); locale ${s.preferred_locale}`,
      `- Features: ${s.features.length ? [...s.features].sort().join(', ') : 'none'}`,
      `- Verification level: ${VERIFICATION[s.verification_level] ?? s.verification_level}; explicit media filter: ${CONTENT_FILTER[s.explicit_content_filter] ?? s.explicit_content_filter}; 2FA for moderators: ${s.mfa_level ? 'required' : 'not required'}`,
      `- Default notifications: ${s.default_message_notifications === 1 ? 'only @mentions' : 'all messages'}; NSFW level ${s.nsfw_level}`,
      `- Rules channel: ${name(s.rules_channel_id)}; system channel: ${name(s.system_channel_id)}; safety alerts channel: ${name(s.safety_alerts_channel_id)}; public updates channel: ${name(s.public_updates_channel_id)}`,
      `- Vanity URL: ${s.vanity_url_code ? 'set' : 'none'}; AFK channel: ${name(s.afk_channel_id)}`,
    );
  }
  // A section that was not collected says so: never "none" or a count of 0.
  const known = (section: Section, text: () => string): string => (notCollected(exp, section) === null ? text() : 'not collected');
  lines.push(`- Onboarding: ${known('onboarding', () => (exp.onboarding ? (exp.onboarding.enabled ? `enabled, ${plural(exp.onboarding.prompts.length, 'prompt')}` : 'configured but disabled') : 'none'))}; welcome screen: ${known('welcome_screen', () => (exp.welcome_screen ? plural(exp.welcome_screen.channels.length, 'channel') : 'none'))}; bans: ${known('bans', () => (exp.bans ? `${exp.bans.count}${exp.bans.capped ? '+' : ''}` : 'unknown'))}`);
  lines.push(`- Emojis ${known('emojis', () => String(exp.emojis.length))}, stickers ${known('stickers', () => String(exp.stickers.length))}, scheduled events ${known('events', () => String(exp.events.length))}, integrations ${known('integrations', () => String(exp.integrations.length))}, webhooks ${known('webhooks', () => `${exp.webhooks.length} (${exp.webhooks.filter((w) => w.type === 1).length} incoming)`)}`);
  const gaps = Object.entries(exp.meta.collectors).filter(([, r]) => r.status !== 'ok').map(([n, r]) => `${n} (${r.status})`).sort();
  lines.push(`- Member data kept: ${exp.meta.scope.members}${exp.meta.scope.members_truncated ? ' (truncated)' : ''}; data not fully collected: ${gaps.length ? gaps.join(', ') : 'none'}`);
  return lines;
}

/** Invites by shape only: counts, expiry, limits, channels. */
export function inviteFacts(exp: GuildExport): string[] {
  const inv = exp.invites;
  if (inv.length === 0) return ['- No active invites.'];
  const permanent = inv.filter((i) => i.max_age === 0 || i.expires_at === null).length;
  const unlimited = inv.filter((i) => i.max_uses === 0).length;
  const temporary = inv.filter((i) => i.temporary).length;
  const channels = new Map<string, number>();
  for (const i of inv) {
    const name = i.channel ? `#${exp.channels.find((c) => c.id === i.channel)?.name ?? 'unknown'}` : 'unknown';
    channels.set(name, (channels.get(name) ?? 0) + 1);
  }
  const where = [...channels].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0])).slice(0, 10).map(([n, k]) => `${n} ${k}`).join(', ');
  return [`- ${plural(inv.length, 'invite')}: ${permanent} permanent, ${unlimited} with unlimited uses, ${temporary} granting temporary membership, ${plural(inv.reduce((s, i) => s + i.uses, 0), 'use')} in total; by channel: ${where}`];
}

/** Roles, highest first. `dangerousOnly` lists only roles holding dangerous permissions, with just those, and counts the rest. */
export function roleLines(exp: GuildExport, dangerousOnly: boolean): string[] {
  const all = [...exp.roles].sort((a, b) => b.position - a.position || compareSnowflakes(a.id, b.id));
  const roles = dangerousOnly ? all.filter((r) => r.permission_names.some((p) => DANGEROUS_PERMISSIONS.includes(p))) : all;
  const rest = all.length - roles.length;
  const lines = roles.map((r) => {
    const perms = dangerousOnly ? r.permission_names.filter((p) => DANGEROUS_PERMISSIONS.includes(p)) : r.permission_names;
    const tags = [
      r.member_count === null ? null : plural(r.member_count, 'member'),
      r.managed ? (r.bot_id ? 'bot role' : 'managed') : null,
      r.hoist ? 'hoisted' : null,
      r.mentionable ? 'mentionable' : null,
    ].filter(Boolean);
    const label = r.is_everyone ? '@everyone' : r.name;
    const permText = perms.includes('Administrator') ? 'Administrator' : perms.join(', ') || 'none';
    return `- ${label} (pos ${r.position}${tags.length ? `, ${tags.join(', ')}` : ''}): ${dangerousOnly ? 'dangerous: ' : ''}${permText}`;
  });
  // Kept last so capping the list keeps the dangerous roles and drops this line first.
  if (dangerousOnly && rest > 0) lines.push(`- (${plural(rest, 'more role holds', 'more roles hold')} no dangerous permission)`);
  return lines;
}

function overwriteText(exp: GuildExport, o: ExportOverwrite): string {
  const role = o.id === exp.meta.scope.guild_id ? null : exp.roles.find((r) => r.id === o.id);
  const missing = notCollected(exp, 'roles') !== null;
  const who = o.id === exp.meta.scope.guild_id ? '@everyone' : role ? `@${role.name}` : missing ? `role ${o.id} (not collected)` : '@deleted role';
  const parts = [...o.allow_names.map((p) => `+${p}`), ...o.deny_names.map((p) => `-${p}`)];
  return `${who} ${parts.join(' ') || '(neutral)'}`;
}

function channelLine(exp: GuildExport, c: ExportChannel, withOverwrites: boolean, now: number): string {
  const info: string[] = [c.type_name];
  if (c.last_message_id && isSnowflake(c.last_message_id)) info.push(`last message ${Math.floor((now - snowflakeTime(c.last_message_id)) / 86_400_000)}d ago`);
  if (c.slowmode) info.push(`slowmode ${c.slowmode}s`);
  if (c.nsfw) info.push('nsfw');
  const access = exp.access.find((a) => a.channel === c.id);
  if (access?.private) info.push('private');
  const members = c.permission_overwrites.filter((o) => o.type === 'member').length;
  if (members) info.push(`${members} member overwrite${members === 1 ? '' : 's'}`);
  const prefix = c.type_name === 'category' ? '[category] ' : c.type_name === 'voice' || c.type_name === 'stage' ? '(voice) ' : '#';
  let line = `${prefix}${c.name} (${info.join(', ')})`;
  const roleOws = c.permission_overwrites.filter((o) => o.type === 'role');
  if (withOverwrites && roleOws.length) line += `: ${roleOws.map((o) => overwriteText(exp, o)).sort().join('; ')}`;
  return line;
}

/** The channel tree: categories in position order with their channels indented, top-level channels first. */
export function channelLines(exp: GuildExport, withOverwrites: boolean): string[] {
  const now = Date.parse(exp.meta.exported_at) || 0;
  const order = (a: ExportChannel, b: ExportChannel): number => a.position - b.position || compareSnowflakes(a.id, b.id);
  const children = new Map<string | null, ExportChannel[]>();
  for (const c of exp.channels) {
    if (c.type_name === 'category') continue;
    const key = c.category && exp.channels.some((p) => p.id === c.category) ? c.category : null;
    children.set(key, [...(children.get(key) ?? []), c]);
  }
  const lines = (children.get(null) ?? []).sort(order).map((c) => `- ${channelLine(exp, c, withOverwrites, now)}`);
  for (const cat of exp.channels.filter((c) => c.type_name === 'category').sort(order)) {
    lines.push(`- ${channelLine(exp, cat, withOverwrites, now)}`);
    for (const c of (children.get(cat.id) ?? []).sort(order)) lines.push(`  - ${channelLine(exp, c, withOverwrites, now)}`);
  }
  return lines;
}

/** AutoMod rules: trigger, actions, exemptions (keyword lists are counted, not quoted). */
export function automodLines(exp: GuildExport): string[] {
  return [...exp.automod].sort((a, b) => compareText(a.name, b.name)).map((r) => {
    const keywords = Array.isArray(r.trigger_metadata.keyword_filter) ? ` (${plural(r.trigger_metadata.keyword_filter.length, 'keyword')})` : '';
    const actions = r.actions.map((a) => a.type).join(', ');
    return `- ${r.name}: ${r.enabled ? 'enabled' : 'DISABLED'}, trigger ${r.trigger}${keywords}, actions ${actions || 'none'}, exempt ${plural(r.exempt_roles.length, 'role')} / ${plural(r.exempt_channels.length, 'channel')}`;
  });
}

/** Bots with their dangerous permissions. */
export function botLines(exp: GuildExport): string[] {
  return [...exp.bots].sort((a, b) => compareText(a.name, b.name) || compareSnowflakes(a.id, b.id)).map((b) => {
    const danger = b.permission_names.includes('Administrator') ? ['Administrator'] : b.permission_names.filter((p) => DANGEROUS_PERMISSIONS.includes(p));
    return `- ${b.name}: ${danger.length ? danger.join(', ') : 'no dangerous permissions'}${b.added_at ? `; added ${b.added_at.slice(0, 10)}` : ''}`;
  });
}

/** The member total with its breakdown; counted from part of the member list, the server's count and why no breakdown. */
function memberLine(exp: GuildExport): string {
  const total = totalsOf(exp).members;
  const stats = coverageOf(exp, 'member_stats');
  if (stats.state === 'collected' && exp.member_stats) return `${total ?? 'not collected'} (${memberBreakdown(exp.member_stats, totalsOf(exp).bots)})`;
  const breakdown = `bots, members without roles and pending screening not collected${'reason' in stats ? ` (${stats.reason.replace(/\s+/g, ' ').trim()})` : ''}`;
  return total === null ? `not collected; ${breakdown}` : `${total} (the server's count; ${breakdown})`;
}

/** "3 bots, 12 without roles, 0 pending screening"; a figure that was not collected (`members: counts`) says so. */
function memberBreakdown(stats: MemberStats, bots: number | null): string {
  const figure = (n: number | null, what: string): string => (n === null ? `${what}: not collected` : `${n} ${what}`);
  const parts = [figure(bots, 'bots'), figure(stats.without_roles, 'without roles'), figure(stats.pending, 'pending screening')];
  return stats.source === 'counts' ? `approximate, from Discord's counts; ${parts.join(', ')}` : parts.join(', ');
}
