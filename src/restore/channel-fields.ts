import type { ExportChannel } from '../schema/types.js';

/** What a restore may set on each channel type (Discord ignores or refuses the rest). */
const TEXT = ['topic', 'nsfw', 'rate_limit_per_user', 'default_auto_archive_duration', 'default_thread_rate_limit_per_user'];
const VOICE = ['bitrate', 'user_limit', 'rtc_region', 'video_quality_mode', 'nsfw'];
const FORUM = [...TEXT, 'available_tags', 'default_reaction_emoji', 'default_sort_order', 'default_forum_layout'];
const FIELDS: Record<number, string[]> = {
  0: TEXT, 5: TEXT.filter((f) => f !== 'rate_limit_per_user'), 2: VOICE, 13: VOICE, 15: FORUM, 16: FORUM.filter((f) => f !== 'default_forum_layout'), 4: [],
};

/** Channel types a bot can create (directory channels and unknown types it cannot). */
export const CREATABLE_TYPES = new Set([0, 2, 4, 5, 13, 15, 16]);
/** Types that need the server to be a Community server. */
export const COMMUNITY_TYPES = new Set([5, 13]);

type Extra = ExportChannel & {
  video_quality_mode?: number | null;
  default_thread_rate_limit_per_user?: number | null;
  default_reaction_emoji?: { emoji_id: string | null; emoji_name: string | null } | null;
  default_sort_order?: number | null;
  default_forum_layout?: number | null;
};

type Tag = { id?: string; name: string; moderated: boolean; emoji_id: string | null; emoji_name: string | null };

/** The source channel's settable fields in Discord's names; undefined where the export does not hold the field. */
export function wantedChannel(c: ExportChannel): Record<string, unknown> {
  const x = c as Extra;
  const all: Record<string, unknown> = {
    topic: c.topic,
    nsfw: c.nsfw,
    rate_limit_per_user: c.slowmode,
    default_auto_archive_duration: c.default_auto_archive_duration ?? undefined,
    default_thread_rate_limit_per_user: x.default_thread_rate_limit_per_user ?? undefined,
    bitrate: c.bitrate ?? undefined,
    user_limit: c.user_limit ?? undefined,
    rtc_region: c.rtc_region,
    video_quality_mode: x.video_quality_mode ?? undefined,
    available_tags: c.available_tags ? byTagId(c.available_tags).map((t) => sourceTag(t)) : undefined,
    default_reaction_emoji: x.default_reaction_emoji === undefined ? undefined : x.default_reaction_emoji && { emoji_id: x.default_reaction_emoji.emoji_id ?? null, emoji_name: x.default_reaction_emoji.emoji_name ?? null },
    default_sort_order: x.default_sort_order,
    default_forum_layout: x.default_forum_layout ?? undefined,
  };
  return { name: c.name, ...pick(all, FIELDS[c.type] ?? []) };
}

/** The live channel in the same terms. */
export function currentChannel(raw: Record<string, unknown>): Record<string, unknown> {
  const tags = Array.isArray(raw.available_tags) ? byTagId(raw.available_tags as { id?: unknown }[] as Record<string, unknown>[]).map((t) => ({
    name: t.name, moderated: t.moderated === true, emoji_id: t.emoji_id ?? null, emoji_name: t.emoji_name ?? null,
  })) : null;
  const reaction = raw.default_reaction_emoji as { emoji_id?: string | null; emoji_name?: string | null } | null | undefined;
  return {
    name: raw.name,
    topic: raw.topic ?? null,
    nsfw: raw.nsfw === true,
    rate_limit_per_user: raw.rate_limit_per_user ?? 0,
    default_auto_archive_duration: raw.default_auto_archive_duration ?? null,
    default_thread_rate_limit_per_user: raw.default_thread_rate_limit_per_user ?? null,
    bitrate: raw.bitrate ?? null,
    user_limit: raw.user_limit ?? null,
    rtc_region: raw.rtc_region ?? null,
    video_quality_mode: raw.video_quality_mode ?? null,
    available_tags: tags,
    default_reaction_emoji: reaction ? { emoji_id: reaction.emoji_id ?? null, emoji_name: reaction.emoji_name ?? null } : null,
    default_sort_order: raw.default_sort_order ?? null,
    default_forum_layout: raw.default_forum_layout ?? null,
  };
}

/** Tags go by name: a tag the live forum has keeps its id (posts that carry it keep it). */
export function tagsBody(wanted: Tag[], raw: Record<string, unknown>): Tag[] {
  const live = Array.isArray(raw.available_tags) ? (raw.available_tags as { id: string; name: string }[]) : [];
  return wanted.map((t) => {
    const same = live.find((l) => l.name === t.name);
    return same ? { ...t, id: same.id } : t;
  });
}

function sourceTag(t: { name: string; moderated: boolean; emoji: string | null; emoji_id?: string | null; emoji_name?: string | null }): Tag {
  // Before 2.2 a tag held one `emoji` (a name or an id): a run of digits is a custom emoji's id.
  const legacyId = t.emoji && /^\d{17,20}$/.test(t.emoji) ? t.emoji : null;
  return {
    name: t.name,
    moderated: t.moderated === true,
    emoji_id: t.emoji_id !== undefined ? t.emoji_id : legacyId,
    emoji_name: t.emoji_name !== undefined ? t.emoji_name : legacyId ? null : t.emoji,
  };
}

/**
 * Tags in the order of their ids (their creation order): snapshot.json keeps them sorted that way, so comparing in
 * Discord's display order would plan a change for every forum whose tags were ever reordered.
 */
function byTagId<T extends { id?: unknown }>(tags: T[]): T[] {
  const key = (t: T) => (typeof t.id === 'string' ? t.id.padStart(20, '0') : '');
  return [...tags].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function pick(all: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, all[k]]));
}
