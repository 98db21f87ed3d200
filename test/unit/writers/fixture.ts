import { emptyExport } from '../../../src/schema/empty.js';
import { makeSnowflake } from '../../../src/schema/snowflake.js';
import type { ExportMember, GuildExport } from '../../../src/schema/types.js';
import { permissionNames } from '../../../src/discord/permissions.js';

const T0 = Date.UTC(2021, 0, 1);
/** A deterministic snowflake: distinct per `n`. */
export const sf = (n: number): string => makeSnowflake(T0 + n * 1000, n);

export const GUILD = sf(1);
export const OWNER = sf(900);
export const INVITER = sf(901);
export const HOOK_MAKER = sf(902);
export const BOT_ADDER = sf(903);
export const EVENT_HOST = sf(904);
export const OVERWRITE_MEMBER = sf(905);
export const MEMBER_NAMES = ['zelda_secret_user', 'mallory_private'];
export const INVITE_CODES = ['AbCdEf12', 'ZyXwVu98'];
export const WEBHOOK_TOKEN = 'whtoken_SHOULD_NEVER_APPEAR_abcdef0123456789';

/** A member record for tests (ids from 10_000 up). */
export function member(i: number): ExportMember {
  return {
    id: sf(10_000 + i),
    name: `user${i}`,
    display_name: i % 3 === 0 ? null : `User ${i}`,
    nick: null,
    roles: i % 2 ? [sf(3)] : [],
    joined_at: new Date(T0 + i * 60_000).toISOString(),
    bot: false,
    pending: false,
    premium_since: null,
    communication_disabled_until: null,
  };
}

/** A small but complete guild export: every section has data, including things that must never be published. */
export function fixtureExport(): GuildExport {
  const exp = emptyExport(GUILD, { members: 'full' });
  exp.meta.exported_at = '2026-11-25T12:00:00.000Z';
  exp.meta.duration_ms = 1234;
  exp.meta.collectors = {
    server: { status: 'ok', count: 1, duration_ms: 12 },
    members: { status: 'ok', count: 1437, duration_ms: 345 },
    soundboard: { status: 'skipped', count: 0, duration_ms: 0, reason: 'disabled by --skip' },
  };
  exp.server = {
    id: GUILD, name: 'Test | Guild', owner: OWNER, created_at: '2021-01-01T00:00:00.000Z', member_count: 1437,
    presence_count: 321, boost_level: 2, boost_count: 9, features: ['NEWS', 'COMMUNITY'], description: null, icon: null,
    preferred_locale: 'en-US', verification_level: 1, explicit_content_filter: 0, mfa_level: 0,
    default_message_notifications: 0, nsfw_level: 0, system_channel_id: sf(20), rules_channel_id: null,
    public_updates_channel_id: null, safety_alerts_channel_id: null, afk_channel_id: null, afk_timeout: 300,
    vanity_url_code: 'testvanity', premium_progress_bar_enabled: false, max_members: 500000, widget_enabled: true, widget_channel_id: null,
  };
  const role = (id: string, name: string, position: number, permissions: bigint, count: number | null, extra = {}) => ({
    id, name, color: position * 0x1100, permissions: permissions.toString(), permission_names: permissionNames(permissions),
    position, member_count: count, hoist: false, managed: false, mentionable: false, is_everyone: id === GUILD,
    bot_id: null, integration_id: null, ...extra,
  });
  exp.roles = [
    role(GUILD, '@everyone', 0, 1024n | 2048n, 1437),
    role(sf(2), 'Admin', 3, 8n, 2),
    role(sf(3), 'Moderators', 2, 8192n, 12, { icon: null, unicode_emoji: '🛡️' }),
    role(sf(4), 'Helper Bot', 1, 2048n, 1, { managed: true, bot_id: sf(50) }),
  ];
  const channel = (id: string, name: string, type: number, type_name: GuildExport['channels'][number]['type_name'], category: string | null, position: number) => ({
    id, name, type, type_name, category, position, topic: null as string | null, slowmode: 0, nsfw: false,
    permission_overwrites: [] as GuildExport['channels'][number]['permission_overwrites'], last_message_id: null as string | null,
    bitrate: null, user_limit: null, rtc_region: null, default_auto_archive_duration: null, available_tags: null,
  });
  const general = { ...channel(sf(20), 'general', 0, 'text', sf(10), 0), topic: 'Say hi\nand | be nice', slowmode: 5, last_message_id: sf(5000) };
  const staff = channel(sf(21), 'staff', 0, 'text', sf(10), 1);
  staff.permission_overwrites = [
    { id: GUILD, type: 'role', allow: '0', deny: '1024', allow_names: [], deny_names: ['ViewChannel'] },
    { id: sf(3), type: 'role', allow: '1024', deny: '0', allow_names: ['ViewChannel'], deny_names: [] },
    { id: OVERWRITE_MEMBER, type: 'member', allow: '1024', deny: '0', allow_names: ['ViewChannel'], deny_names: [] },
  ];
  exp.channels = [
    channel(sf(10), 'Text', 4, 'category', null, 0),
    general,
    staff,
    { ...channel(sf(22), 'lobby', 2, 'voice', null, 2), video_quality_mode: 2 },
    { ...channel(sf(23), 'ideas', 15, 'forum', sf(10), 3), default_thread_rate_limit_per_user: 60,
      default_reaction_emoji: { emoji_id: sf(70), emoji_name: null }, default_sort_order: 1, default_forum_layout: 2 },
  ];
  exp.members = MEMBER_NAMES.map((name, i) => ({ ...member(i), id: sf(800 + i), name, nick: `${name}_nick` }));
  exp.member_stats = { total: 1437, bots: 1, humans: 1436, role_counts: { [sf(3)]: 12 }, without_roles: 1200, pending: 3, timed_out: 0 };
  exp.threads = [
    { id: sf(30), name: 'thread a', parent: sf(20), type: 11, type_name: 'public_thread', archived: false, locked: false, member_count: 4, message_count: 50, archive_timestamp: null, auto_archive_duration: 1440, created_at: null, applied_tags: [], last_message_id: sf(5001) },
    { id: sf(31), name: 'thread b', parent: sf(20), type: 12, type_name: 'private_thread', archived: true, locked: true, member_count: 2, message_count: 5, archive_timestamp: '2024-01-01T00:00:00.000Z', auto_archive_duration: 60, created_at: null, applied_tags: [], last_message_id: null },
  ];
  exp.forums = [{ id: sf(23), name: 'ideas', topic: 'Post ideas', type: 15, post_count: 7, tags: [{ id: sf(40), name: 'bug', moderated: false, emoji: '🐛', emoji_id: null, emoji_name: '🐛' }, { id: sf(41), name: 'feature', moderated: true, emoji: sf(70), emoji_id: sf(70), emoji_name: null }], category: sf(10) }];
  exp.voice = [{ id: sf(22), name: 'lobby', bitrate: 64000, user_limit: 0, region: null, category: null }];
  exp.stage = [{ id: sf(24), name: 'townhall', topic: null, moderators: [{ id: sf(3), name: 'Moderators' }], category: null }];
  exp.automod = [{ id: sf(60), name: 'No slurs', trigger: 'keyword', trigger_metadata: { keyword_filter: ['bad'] }, actions: [{ type: 'block_message', metadata: {} }], enabled: true, event_type: 1, exempt_roles: [sf(2)], exempt_channels: [sf(21)] }];
  exp.invites = [
    { code: INVITE_CODES[0], uses: 17, max_uses: 0, max_age: 0, temporary: false, created_by: INVITER, channel: sf(20), created_at: '2024-01-01T00:00:00.000Z', expires_at: null },
    { code: INVITE_CODES[1], uses: 2, max_uses: 10, max_age: 86400, temporary: false, created_by: INVITER, channel: sf(20), created_at: '2026-11-25T00:00:00.000Z', expires_at: '2026-11-26T00:00:00.000Z' },
  ];
  exp.bots = [{ id: sf(50), name: 'HelperBot', permissions: '2048', permission_names: ['SendMessages'], roles: [sf(4)], managed_role: sf(4), added_by: BOT_ADDER, added_at: '2022-01-01T00:00:00.000Z' }];
  exp.emojis = [{ id: sf(70), name: 'party', animated: false, managed: false, available: true, roles: [] }];
  exp.stickers = [{ id: sf(71), name: 'wave', description: 'hello', tags: 'wave', format_type: 1, available: true }];
  exp.events = [{ id: sf(72), name: 'Game night', description: null, status: 1, entity_type: 2, channel: sf(22), location: null, scheduled_start_time: '2026-12-01T20:00:00.000Z', scheduled_end_time: null, user_count: 14, creator_id: EVENT_HOST }];
  exp.webhooks = [{ id: sf(80), name: 'GitHub feed', type: 1, channel: sf(20), application_id: null, created_by: HOOK_MAKER }];
  exp.integrations = [{ id: sf(81), name: 'HelperBot', type: 'discord', enabled: true, account_name: 'helper-account', application_id: sf(50), role_id: sf(4) }];
  exp.welcome_screen = { description: 'Welcome!', channels: [{ channel_id: sf(20), description: 'Chat here', emoji_name: 'party', emoji_id: sf(70) }] };
  exp.onboarding = { enabled: true, mode: 0, default_channel_ids: [sf(20)], prompts: [{ id: sf(82), title: 'What brings you here?', type: 0, required: false, options: 3,
    single_select: false, in_onboarding: true, choices: [sf(86), sf(85), sf(84)].map((id, i) => ({ id, title: `Choice ${i}`,
      description: i ? null : 'The first', emoji_id: i === 1 ? sf(70) : null, emoji_name: i === 1 ? null : '✨', role_ids: [sf(3)], channel_ids: i ? [] : [sf(20), sf(21)] })) }] };
  exp.bans = { count: 4, capped: false };
  exp.soundboard = [{ id: sf(83), name: 'airhorn', volume: 0.5, available: true }];
  exp.access = [
    { channel: sf(20), private: false, can_view: [GUILD], can_send: [GUILD], can_manage: [sf(2)], member_overwrites: 0 },
    { channel: sf(21), private: true, can_view: [sf(3), sf(2)], can_send: [sf(3)], can_manage: [sf(2)], member_overwrites: 1 },
  ];
  exp.summary = {
    health_score: 72, total_roles: 4, total_channels: 5, total_members: 1437, total_bots: 1, issues_found: ['verification_level_low'],
    llm_audit_prompt: `Audit this server owned by ${OWNER}`,
    findings: [{
      id: 'verification_level_low', check: 'verification_level_low', title: 'Low verification', severity: 'medium', category: 'safety',
      outcome: 'fail', message: `Owner ${OWNER} left verification low`, evidence: [{ id: OWNER, name: MEMBER_NAMES[0] }, { id: GUILD, name: 'Test | Guild' }],
      remediation: { text: 'Raise it', effort: 'low' },
    }],
    checks: [{ id: 'verification_level_low', title: 'Low verification', category: 'safety', severity: 'medium', weight: 2, outcome: 'fail', score: 0, message: 'Verification is Low' }],
  };
  exp.errors = [{ collector: 'bans', status: 'failed', code: 50013, http_status: 403, message: 'Missing Permissions', hint: 'Give the bot Ban Members' }];
  return exp;
}

/** Every top-level array of the export shuffled (deterministically), to show output does not depend on input order. */
export function shuffled(exp: GuildExport): GuildExport {
  const copy = structuredClone(exp);
  for (const [key, value] of Object.entries(copy)) {
    if (Array.isArray(value)) (copy as unknown as Record<string, unknown[]>)[key] = [...value].reverse();
  }
  copy.channels.forEach((c) => c.permission_overwrites.reverse());
  copy.access.forEach((a) => a.can_view.reverse());
  copy.forums.forEach((f) => f.tags.reverse());
  copy.server?.features.reverse();
  return copy;
}
