import { ChannelType, OverwriteType, type APIChannel, type APIGuildForumTag, type APIOverwrite, type APIThreadChannel } from 'discord-api-types/v10';
import { permissionNames } from '../discord/permissions.js';
import type { ChannelTypeName, ExportChannel, ExportOverwrite, ExportThread, ForumTag } from '../schema/types.js';
import { snowflakeDate, compareSnowflakes } from '../schema/snowflake.js';
import { idOrNull, intOrNull, reactionEmoji, textOrNull } from './optional-fields.js';

const TYPE_NAMES: Record<number, ChannelTypeName> = {
  [ChannelType.GuildText]: 'text',
  [ChannelType.GuildVoice]: 'voice',
  [ChannelType.GuildCategory]: 'category',
  [ChannelType.GuildAnnouncement]: 'announcement',
  [ChannelType.AnnouncementThread]: 'announcement_thread',
  [ChannelType.PublicThread]: 'public_thread',
  [ChannelType.PrivateThread]: 'private_thread',
  [ChannelType.GuildStageVoice]: 'stage',
  [ChannelType.GuildDirectory]: 'directory',
  [ChannelType.GuildForum]: 'forum',
  [ChannelType.GuildMedia]: 'media',
};

/** Readable name of a Discord channel type number. */
export function channelTypeName(type: number): ChannelTypeName {
  return TYPE_NAMES[type] ?? 'unknown';
}

/** Overwrites as {id, type, allow, deny} plus flag names, ordered by id for stable output. */
export function mapOverwrites(overwrites: APIOverwrite[] | undefined): ExportOverwrite[] {
  return (overwrites ?? [])
    .map((o) => ({
      id: o.id,
      type: o.type === OverwriteType.Member ? ('member' as const) : ('role' as const),
      allow: String(o.allow),
      deny: String(o.deny),
      allow_names: permissionNames(String(o.allow)),
      deny_names: permissionNames(String(o.deny)),
    }))
    .sort((a, b) => compareSnowflakes(a.id, b.id));
}

export function mapTags(tags: APIGuildForumTag[] | undefined): ForumTag[] {
  return (tags ?? []).map((t) => ({
    id: t.id, name: t.name, moderated: t.moderated === true, emoji: t.emoji_name ?? t.emoji_id ?? null,
    emoji_id: idOrNull(t.emoji_id), emoji_name: textOrNull(t.emoji_name),
  }));
}

type AnyChannel = APIChannel & Record<string, unknown>;

/** The schema's channel record for any guild channel payload. */
export function mapChannel(raw: APIChannel): ExportChannel {
  const c = raw as AnyChannel;
  const tags = c.available_tags as APIGuildForumTag[] | undefined;
  return {
    id: raw.id,
    name: (c.name as string | undefined) ?? '',
    type: raw.type,
    type_name: channelTypeName(raw.type),
    category: (c.parent_id as string | null | undefined) ?? null,
    position: (c.position as number | undefined) ?? 0,
    topic: (c.topic as string | null | undefined) ?? null,
    slowmode: (c.rate_limit_per_user as number | undefined) ?? 0,
    nsfw: c.nsfw === true,
    permission_overwrites: mapOverwrites(c.permission_overwrites as APIOverwrite[] | undefined),
    last_message_id: (c.last_message_id as string | null | undefined) ?? null,
    bitrate: (c.bitrate as number | undefined) ?? null,
    user_limit: (c.user_limit as number | undefined) ?? null,
    rtc_region: (c.rtc_region as string | null | undefined) ?? null,
    default_auto_archive_duration: (c.default_auto_archive_duration as number | undefined) ?? null,
    available_tags: raw.type === ChannelType.GuildForum || raw.type === ChannelType.GuildMedia ? mapTags(tags) : null,
    video_quality_mode: intOrNull(c.video_quality_mode),
    default_thread_rate_limit_per_user: intOrNull(c.default_thread_rate_limit_per_user),
    default_reaction_emoji: reactionEmoji(c.default_reaction_emoji),
    default_sort_order: intOrNull(c.default_sort_order),
    default_forum_layout: intOrNull(c.default_forum_layout),
  };
}

/** The schema's thread record. */
export function mapThread(t: APIThreadChannel): ExportThread {
  const meta = t.thread_metadata;
  return {
    id: t.id,
    name: t.name ?? '',
    parent: t.parent_id ?? null,
    type: t.type,
    type_name: channelTypeName(t.type),
    archived: meta?.archived === true,
    locked: meta?.locked === true,
    member_count: t.member_count ?? null,
    message_count: t.message_count ?? null,
    archive_timestamp: meta?.archive_timestamp ?? null,
    auto_archive_duration: meta?.auto_archive_duration ?? null,
    created_at: meta?.create_timestamp ?? snowflakeDate(t.id),
    applied_tags: [...(t.applied_tags ?? [])].sort(),
    last_message_id: t.last_message_id ?? null,
  };
}

/** Sort helper: by position, then id. */
export function byPositionThenId<T extends { position: number; id: string }>(a: T, b: T): number {
  return a.position - b.position || compareSnowflakes(a.id, b.id);
}

/** Sort helper: by id. */
export function byId<T extends { id: string }>(a: T, b: T): number {
  return compareSnowflakes(a.id, b.id);
}
