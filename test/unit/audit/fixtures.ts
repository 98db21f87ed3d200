import { emptyExport } from '../../../src/schema/empty.js';
import { makeSnowflake } from '../../../src/schema/snowflake.js';
import { bitsOf } from '../../../src/discord/permissions.js';
import type { ExportChannel, ExportOverwrite, ExportRole, ExportServer, GuildExport } from '../../../src/schema/types.js';

export const GUILD = '100000000000000001';
/** "Now" for every fixture: the export timestamp the audit measures staleness from. */
export const NOW = Date.parse('2026-06-01T00:00:00Z');
const DAY = 86_400_000;

let seq = 1;
/** A fresh snowflake for a moment `daysAgo` before NOW. */
export function sf(daysAgo = 400): string {
  return makeSnowflake(NOW - daysAgo * DAY, seq++);
}

/** Permission names Discord gives @everyone by default, minus Mention @everyone (added explicitly where wanted). */
export const EVERYONE_SAFE = ['CreateInstantInvite', 'AddReactions', 'Stream', 'ViewChannel', 'SendMessages', 'EmbedLinks', 'AttachFiles',
  'ReadMessageHistory', 'UseExternalEmojis', 'Connect', 'Speak', 'UseVAD', 'ChangeNickname', 'UseApplicationCommands', 'SendMessagesInThreads'];

export function role(over: Partial<ExportRole> & { name: string }, perms: string[] = []): ExportRole {
  return {
    id: sf(), color: 0, permissions: bitsOf(perms).toString(), permission_names: [...perms], position: 1, member_count: 5,
    hoist: false, managed: false, mentionable: false, is_everyone: false, bot_id: null, integration_id: null, ...over,
  };
}

export function everyoneRole(perms: string[] = EVERYONE_SAFE, members = 12): ExportRole {
  return role({ id: GUILD, name: '@everyone', is_everyone: true, position: 0, member_count: members }, perms);
}

export function overwrite(id: string, allow: string[], deny: string[], type: 'role' | 'member' = 'role'): ExportOverwrite {
  return { id, type, allow: bitsOf(allow).toString(), deny: bitsOf(deny).toString(), allow_names: allow, deny_names: deny };
}

const TYPE_NUMBERS: Record<string, number> = { text: 0, voice: 2, category: 4, announcement: 5, forum: 15, stage: 13 };

export function channel(over: Partial<ExportChannel> & { name: string }): ExportChannel {
  const type_name = over.type_name ?? 'text';
  return {
    id: sf(), type: TYPE_NUMBERS[type_name] ?? 0, type_name, category: null, position: 0, topic: null, slowmode: 0, nsfw: false,
    permission_overwrites: [], last_message_id: type_name === 'text' ? sf(1) : null, bitrate: null, user_limit: null, rtc_region: null,
    default_auto_archive_duration: null, available_tags: null, ...over,
  };
}

export function server(over: Partial<ExportServer> = {}): ExportServer {
  return {
    id: GUILD, name: 'Fixture Guild', owner: '100000000000000099', created_at: '2024-01-01T00:00:00.000Z', member_count: 12,
    presence_count: 5, boost_level: 0, boost_count: 0, features: [], description: null, icon: null, preferred_locale: 'en-US',
    verification_level: 2, explicit_content_filter: 2, mfa_level: 1, default_message_notifications: 1, nsfw_level: 0,
    system_channel_id: null, rules_channel_id: null, public_updates_channel_id: null, safety_alerts_channel_id: null,
    afk_channel_id: null, afk_timeout: 300, vanity_url_code: null, premium_progress_bar_enabled: false, max_members: 500000, widget_enabled: false, widget_channel_id: null, ...over,
  };
}

/** An export with a server object and @everyone, all collectors ok. */
export function base(serverOver: Partial<ExportServer> = {}): GuildExport {
  const exp = emptyExport(GUILD);
  exp.meta.exported_at = new Date(NOW).toISOString();
  exp.server = server(serverOver);
  exp.roles = [everyoneRole(EVERYONE_SAFE, exp.server.member_count)];
  return exp;
}

/** Marks a collector as failed the way the pipeline records it. */
export function failCollector(exp: GuildExport, name: string): GuildExport {
  exp.meta.collectors[name] = { status: 'failed', count: 0, duration_ms: 1 };
  exp.errors.push({ collector: name, status: 'failed', code: 50013, http_status: 403, message: 'Missing Permissions', hint: 'grant the bot access' });
  return exp;
}

/** A carefully run 2,500-member community: every core check passes. */
export function wellRun(): GuildExport {
  const exp = base({ member_count: 2500, presence_count: 600 });
  exp.roles = [everyoneRole(EVERYONE_SAFE, 2500)];
  const admin = role({ name: 'Admin', position: 10, member_count: 2 }, ['Administrator']);
  const mod = role({ name: 'Moderator', position: 9, member_count: 6 }, ['KickMembers', 'BanMembers', 'ManageMessages', 'ModerateMembers', 'ViewAuditLog']);
  const member = role({ name: 'Member', position: 2, member_count: 2100 }, []);
  const botRole = role({ name: 'ModBot', position: 11, managed: true, bot_id: '100000000000000777', member_count: 1 }, ['KickMembers', 'BanMembers', 'ManageMessages', 'ManageRoles', 'ModerateMembers']);
  exp.roles.push(admin, mod, member, botRole);
  const info = channel({ name: 'Info', type_name: 'category', position: 0 });
  const talk = channel({ name: 'Community', type_name: 'category', position: 1 });
  const staff = channel({ name: 'Staff', type_name: 'category', position: 2, permission_overwrites: [overwrite(GUILD, [], ['ViewChannel']), overwrite(mod.id, ['ViewChannel'], [])] });
  const voice = channel({ name: 'Voice', type_name: 'category', position: 3 });
  const rules = channel({ name: 'rules', category: info.id, last_message_id: sf(300), permission_overwrites: [overwrite(GUILD, [], ['SendMessages'])] });
  const announcements = channel({ name: 'announcements', type_name: 'announcement', category: info.id, last_message_id: sf(10) });
  const general = channel({ name: 'general', category: talk.id, last_message_id: sf(0) });
  const help = channel({ name: 'help', category: talk.id, position: 1, last_message_id: sf(2) });
  const modLog = channel({ name: 'mod-log', category: staff.id, last_message_id: sf(1), permission_overwrites: [overwrite(GUILD, [], ['ViewChannel'])] });
  const lounge = channel({ name: 'Lounge', type_name: 'voice', category: voice.id });
  exp.channels = [info, talk, staff, voice, rules, announcements, general, help, modLog, lounge];
  exp.server!.rules_channel_id = rules.id;
  exp.server!.safety_alerts_channel_id = modLog.id;
  exp.automod = [
    { id: sf(), name: 'Block spam', trigger: 'spam', trigger_metadata: {}, actions: [{ type: 'block_message', metadata: {} }], enabled: true, event_type: 1, exempt_roles: [mod.id], exempt_channels: [] },
    { id: sf(), name: 'Mention spam', trigger: 'mention_spam', trigger_metadata: { mention_total_limit: 5 }, actions: [{ type: 'block_message', metadata: {} }, { type: 'send_alert_message', metadata: { channel_id: modLog.id } }], enabled: true, event_type: 1, exempt_roles: [], exempt_channels: [] },
  ];
  exp.invites = [{ code: 'abcdEF12', uses: 40, max_uses: 0, max_age: 604800, temporary: false, created_by: '100000000000000099', channel: rules.id, created_at: '2026-05-28T00:00:00.000Z', expires_at: '2026-06-04T00:00:00.000Z' }];
  exp.bots = [{ id: '100000000000000777', name: 'ModBot', permissions: botRole.permissions, permission_names: botRole.permission_names, roles: [botRole.id], managed_role: botRole.id, added_by: null, added_at: null }];
  exp.access = exp.channels.filter((c) => c.type_name !== 'category').map((c) => ({
    channel: c.id, private: c.id === modLog.id, can_view: [], can_send: [], can_manage: [], member_overwrites: 0,
  }));
  return exp;
}

/** A brand-new 12-member server with Discord's defaults: 1 text + 1 voice channel in the default categories. */
export function tinyDefault(): GuildExport {
  const exp = base({ member_count: 12, presence_count: 4, verification_level: 0, explicit_content_filter: 0, mfa_level: 0, default_message_notifications: 0 });
  exp.roles = [everyoneRole([...EVERYONE_SAFE, 'MentionEveryone'], 12)];
  const text = channel({ name: 'Text Channels', type_name: 'category', position: 0 });
  const voice = channel({ name: 'Voice Channels', type_name: 'category', position: 1 });
  exp.channels = [text, voice, channel({ name: 'general', category: text.id, last_message_id: sf(3) }), channel({ name: 'General', type_name: 'voice', category: voice.id })];
  exp.invites = [{ code: 'zzzz', uses: 11, max_uses: 0, max_age: 604800, temporary: false, created_by: null, channel: exp.channels[2].id, created_at: '2026-05-30T00:00:00.000Z', expires_at: '2026-06-06T00:00:00.000Z' }];
  return exp;
}
