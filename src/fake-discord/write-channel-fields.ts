import { ChannelType, OverwriteType, type APIOverwrite } from 'discord-api-types/v10';
import { MISSING_PERMISSIONS, type Reply } from './errors.js';
import { ungrantableInChannel } from './bot-perms.js';
import type { BodyReader } from './write-body.js';
import { CATEGORY_FULL, fieldError } from './write-errors.js';
import type { FakeChannel, FakeGuild } from './types.js';

const T = ChannelType;
export const GUILD_CHANNEL_TYPES = [T.GuildText, T.GuildVoice, T.GuildCategory, T.GuildAnnouncement, T.GuildStageVoice, T.GuildForum, T.GuildMedia] as const;
export const MAX_PER_CATEGORY = 50;
const TEXTLIKE: number[] = [T.GuildText, T.GuildAnnouncement, T.GuildForum, T.GuildMedia];
const VOICE: number[] = [T.GuildVoice, T.GuildStageVoice];
const FORUM: number[] = [T.GuildForum, T.GuildMedia];

type Fields = Record<string, unknown>;

/** A new channel's fields as Discord answers them for its type, before the body is applied. */
export function channelDefaults(id: string, guildId: string, type: number): Fields {
  const ch: Fields = { id, type, guild_id: guildId, name: '', position: 0, flags: 0, permission_overwrites: [], parent_id: null, nsfw: false };
  if (type !== T.GuildCategory) Object.assign(ch, { last_message_id: null, rate_limit_per_user: 0 });
  if (TEXTLIKE.includes(type)) Object.assign(ch, { topic: null, default_auto_archive_duration: 1440 });
  if (VOICE.includes(type)) Object.assign(ch, { bitrate: 64000, user_limit: 0, rtc_region: null, video_quality_mode: 1 });
  if (FORUM.includes(type)) Object.assign(ch, { available_tags: [], default_reaction_emoji: null, default_thread_rate_limit_per_user: 0,
    default_sort_order: null, default_forum_layout: 0 });
  return ch;
}

/**
 * Reads the channel fields Discord accepts on create and edit for a channel of `type`; fields the type does not
 * have are ignored, as Discord ignores them. `newId` numbers new forum tags.
 */
export function readChannelFields(r: BodyReader, type: number, newId: () => string): Fields {
  const f: Fields = {};
  const put = (key: string, v: unknown) => { if (v !== undefined) f[key] = v; };
  put('name', r.str('name', 1, 100));
  put('nsfw', r.bool('nsfw'));
  put('position', r.int('position', 0, 10_000, { nullable: true }) ?? undefined);
  if (type !== T.GuildCategory) put('rate_limit_per_user', r.int('rate_limit_per_user', 0, 21_600));
  if (TEXTLIKE.includes(type)) {
    put('topic', r.str('topic', 0, FORUM.includes(type) ? 4096 : 1024, { nullable: true }));
    put('default_auto_archive_duration', r.choice('default_auto_archive_duration', [60, 1440, 4320, 10080]));
  }
  if (VOICE.includes(type)) {
    put('bitrate', r.int('bitrate', 8000, 384_000));
    put('user_limit', r.int('user_limit', 0, type === T.GuildStageVoice ? 10_000 : 99));
    put('rtc_region', r.str('rtc_region', 1, 100, { nullable: true }));
    put('video_quality_mode', r.choice('video_quality_mode', [1, 2]));
  }
  if (FORUM.includes(type)) {
    put('default_thread_rate_limit_per_user', r.int('default_thread_rate_limit_per_user', 0, 21_600));
    put('default_sort_order', r.choice('default_sort_order', [0, 1], { nullable: true }));
    put('default_forum_layout', r.choice('default_forum_layout', [0, 1, 2]));
    if (r.body.default_reaction_emoji === null) f.default_reaction_emoji = null;
    else if (r.has('default_reaction_emoji')) {
      const e = r.child('default_reaction_emoji', r.body.default_reaction_emoji);
      if (e) f.default_reaction_emoji = { emoji_id: e.snowflake('emoji_id', { nullable: true }) ?? null, emoji_name: e.str('emoji_name', 1, 100, { nullable: true }) ?? null };
    }
    if (r.has('available_tags')) f.available_tags = readTags(r, newId);
  }
  return f;
}

function readTags(r: BodyReader, newId: () => string): unknown[] | undefined {
  const raw = r.body.available_tags;
  if (!Array.isArray(raw)) { r.fail('available_tags', 'BASE_TYPE_ARRAY', 'Must be an array.'); return undefined; }
  if (raw.length > 20) { r.fail('available_tags', 'BASE_TYPE_MAX_LENGTH', 'Must be 20 or fewer in length.'); return undefined; }
  return raw.map((item, i) => {
    const t = r.child(`available_tags.${i}`, item);
    if (!t) return null;
    return { id: t.snowflake('id') ?? newId(), name: t.str('name', 1, 20, { required: true }) ?? '', moderated: t.bool('moderated') ?? false,
      emoji_id: t.snowflake('emoji_id', { nullable: true }) ?? null, emoji_name: t.str('emoji_name', 1, 100, { nullable: true }) ?? null };
  });
}

/** Reads permission_overwrites; role targets must exist. Returns overwrites, or a refusal. */
export function readOverwrites(r: BodyReader, g: FakeGuild, channel: FakeChannel | null): APIOverwrite[] | Reply | undefined {
  const raw = r.body.permission_overwrites;
  if (raw === undefined || raw === null) return undefined;
  if (!Array.isArray(raw)) { r.fail('permission_overwrites', 'BASE_TYPE_ARRAY', 'Must be an array.'); return undefined; }
  if (raw.length > 100) { r.fail('permission_overwrites', 'BASE_TYPE_MAX_LENGTH', 'Must be 100 or fewer in length.'); return undefined; }
  const out: APIOverwrite[] = [];
  let wanted = 0n;
  raw.forEach((item, i) => {
    const o = r.child(`permission_overwrites.${i}`, item);
    if (!o) return;
    const id = o.snowflake('id', { required: true });
    const type = o.choice('type', [OverwriteType.Role, OverwriteType.Member], { required: true });
    const allow = o.bits('allow') ?? 0n;
    const deny = o.bits('deny') ?? 0n;
    if (!id || type == null) return;
    if (type === OverwriteType.Role && !g.guild.roles.some((x) => x.id === id)) {
      o.fail('id', 'UNKNOWN_ROLE', 'Unknown role');
      return;
    }
    wanted |= allow | deny;
    out.push({ id, type: type as OverwriteType, allow: String(allow), deny: String(deny) });
  });
  if (r.errors.length) return undefined;
  if (ungrantableInChannel(g, channel, wanted) !== 0n) return MISSING_PERMISSIONS();
  return out;
}

/** Checks a parent: an existing category of this guild, with room, and the child not a category itself. */
export function checkParent(g: FakeGuild, parentId: string | null | undefined, childType: number, childId: string | null): Reply | null {
  if (parentId == null) return null;
  const parent = g.channels.find((c) => c.id === parentId);
  if (!parent || parent.type !== T.GuildCategory || childType === T.GuildCategory) {
    return fieldError('parent_id', 'CHANNEL_PARENT_INVALID', 'Not a category');
  }
  const children = g.channels.filter((c) => (c as { parent_id?: string | null }).parent_id === parentId && c.id !== childId);
  return children.length >= MAX_PER_CATEGORY ? CATEGORY_FULL() : null;
}
