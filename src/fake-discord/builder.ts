import { ChannelType, OverwriteType } from 'discord-api-types/v10';
import type { APIGuild, APIGuildMember, APIOverwrite, APIRole, APIThreadChannel, APIUser } from 'discord-api-types/v10';
import { makeSnowflake, snowflakeTime } from '../schema/snowflake.js';
import { createRng, type Rng } from './prng.js';
import type { FakeChannel, FakeGuild } from './types.js';

const DAY = 86_400_000;
const START_2019 = Date.UTC(2019, 0, 1);

/** Today at 00:00 UTC, so every run on the same day generates the same payloads. */
export function startOfUtcDay(date = new Date()): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

export interface ChannelOptions {
  parentId?: string | null;
  topic?: string | null;
  overwrites?: APIOverwrite[];
  /** Days before `now` of the last message; null = no message id. */
  lastMessageDaysAgo?: number | null;
  nsfw?: boolean;
}

/**
 * Accumulates a guild's payloads with unique, time-ordered snowflakes from one seeded Rng.
 * Both generateGuild and demoGuild build through it so their shapes match.
 */
export class GuildBuilder {
  readonly rng: Rng;
  readonly now: number;
  readonly state: FakeGuild;
  private seq = 0;

  constructor(seed: number | string, id: string | undefined, name: string, now: Date) {
    this.rng = createRng(seed);
    this.now = now.getTime();
    const guildId = id ?? this.idAt(this.randomTime(START_2019, START_2019 + 400 * DAY));
    const botUserId = this.idAt(this.randomTime(START_2019, this.now - 30 * DAY));
    const botUser = this.user(botUserId, 'Server Exporter', true);
    this.state = {
      guild: baseGuild(guildId, name, botUserId),
      channels: [], threads: [], members: [], invites: [], webhooks: [], stickers: [], events: [],
      automodRules: [], integrations: [], welcomeScreen: null, bans: [], auditLog: [], auditLogUsers: [],
      soundboardSounds: [], vanityUses: 0, widget: { enabled: false, channel_id: null },
      onboarding: { guild_id: guildId, prompts: [], default_channel_ids: [], enabled: false, mode: 0 },
      botUserId, botUser,
    };
    this.role('@everyone', '1071698660929', { id: guildId, position: 0 });
  }

  get guildId(): string { return this.state.guild.id; }

  /** A unique snowflake for a moment (the sequence bits keep equal times distinct). */
  idAt(timeMs: number): string {
    this.seq = (this.seq + 1) & 0x3fffff;
    return makeSnowflake(Math.floor(timeMs), this.seq);
  }

  randomTime(from: number, to: number): number {
    return from + Math.floor(this.rng.next() * Math.max(1, to - from));
  }

  /** An id created some time between 2019 and `now`. */
  newId(): string { return this.idAt(this.randomTime(START_2019, this.now - DAY)); }

  daysAgo(days: number): number { return this.now - days * DAY; }

  user(id: string, name: string, bot = false): APIUser {
    const username = name.toLowerCase().replace(/[^a-z0-9_.]/g, '');
    const u: APIUser = { id, username, discriminator: bot ? String(this.rng.int(1000, 9999)) : '0',
      global_name: bot ? null : name, avatar: this.rng.chance(0.7) ? this.hash() : null };
    if (bot) u.bot = true;
    return u;
  }

  hash(): string {
    let s = '';
    for (let i = 0; i < 32; i++) s += '0123456789abcdef'[this.rng.int(0, 15)];
    return s;
  }

  role(name: string, permissions: string, opts: Partial<APIRole> = {}): APIRole {
    const roles = this.state.guild.roles;
    const color = opts.color ?? (name === '@everyone' ? 0 : this.rng.int(0, 0xffffff));
    const role: APIRole = {
      id: opts.id ?? this.newId(), name, color, colors: { primary_color: color, secondary_color: null, tertiary_color: null },
      hoist: false, icon: null, unicode_emoji: null, position: opts.position ?? roles.length, permissions,
      managed: false, mentionable: false, flags: 0 as APIRole['flags'], ...opts,
    };
    roles.push(role);
    return role;
  }

  channel(type: FakeChannel['type'], name: string, o: ChannelOptions = {}): FakeChannel {
    const siblings = this.state.channels.filter((c) => (c as { parent_id?: string | null }).parent_id === (o.parentId ?? null));
    const id = this.newId();
    const ch: Record<string, unknown> = {
      id, type, guild_id: this.guildId, name, position: siblings.length, flags: 0,
      permission_overwrites: o.overwrites ?? [], parent_id: o.parentId ?? null, nsfw: o.nsfw ?? false,
    };
    if (type !== ChannelType.GuildCategory) {
      ch.last_message_id = o.lastMessageDaysAgo == null ? null : this.idAt(this.daysAgo(o.lastMessageDaysAgo) + this.rng.int(0, 3600_000));
      ch.rate_limit_per_user = 0;
    }
    if (type === ChannelType.GuildText || type === ChannelType.GuildAnnouncement || type === ChannelType.GuildForum || type === ChannelType.GuildMedia) {
      ch.topic = o.topic ?? null;
      ch.default_auto_archive_duration = 1440;
    }
    if (type === ChannelType.GuildVoice || type === ChannelType.GuildStageVoice) {
      Object.assign(ch, { bitrate: 64000, user_limit: 0, rtc_region: null, video_quality_mode: 1 });
    }
    if (type === ChannelType.GuildForum || type === ChannelType.GuildMedia) {
      Object.assign(ch, {
        available_tags: ['Question', 'Solved', 'Showcase'].map((tag) => ({ id: this.newId(), name: tag, moderated: tag === 'Solved', emoji_id: null, emoji_name: null })),
        default_reaction_emoji: null, default_thread_rate_limit_per_user: 0, default_sort_order: null, default_forum_layout: 0,
      });
    }
    this.state.channels.push(ch as unknown as FakeChannel);
    return ch as unknown as FakeChannel;
  }

  overwrite(id: string, type: 'role' | 'member', allow: bigint, deny: bigint): APIOverwrite {
    return { id, type: type === 'role' ? OverwriteType.Role : OverwriteType.Member, allow: String(allow), deny: String(deny) };
  }

  member(user: APIUser, roles: string[], joinedDaysAgo: number): APIGuildMember {
    // Nobody joins before their account exists; the random seconds keep join times from all being midnight.
    const joined = Math.max(snowflakeTime(user.id) + DAY, this.daysAgo(joinedDaysAgo) + this.rng.int(0, DAY - 1));
    const m: APIGuildMember = {
      user, nick: null, avatar: null, banner: null, roles, joined_at: new Date(Math.min(joined, this.now)).toISOString(),
      premium_since: null, deaf: false, mute: false, flags: 0 as APIGuildMember['flags'], pending: false, communication_disabled_until: null,
    };
    this.state.members.push(m);
    return m;
  }

  /** A thread under `parent`; archived ones get archive_timestamp `archivedAt` (ms). */
  thread(parent: FakeChannel, name: string, privateThread: boolean, archivedAt: number | null): APIThreadChannel {
    const created = archivedAt === null ? this.daysAgo(this.rng.int(1, 6)) : archivedAt - this.rng.int(2, 30) * DAY;
    const id = this.idAt(Math.max(created, START_2019 + DAY));
    const type = privateThread ? ChannelType.PrivateThread : parent.type === ChannelType.GuildAnnouncement ? ChannelType.AnnouncementThread : ChannelType.PublicThread;
    const t = {
      id, type, guild_id: this.guildId, parent_id: parent.id, name, owner_id: this.state.botUserId,
      last_message_id: null, rate_limit_per_user: 0, message_count: this.rng.int(1, 200), member_count: this.rng.int(1, 50),
      total_message_sent: 0, flags: 0, applied_tags: [],
      thread_metadata: {
        archived: archivedAt !== null, auto_archive_duration: 1440, locked: false,
        archive_timestamp: new Date(archivedAt ?? created).toISOString(), create_timestamp: new Date(created).toISOString(),
        ...(privateThread ? { invitable: true } : {}),
      },
    };
    this.state.threads.push(t as unknown as APIThreadChannel);
    return t as unknown as APIThreadChannel;
  }

  /** Sorts members and bans by id (the order the API pages them in) and returns the state. */
  finish(): FakeGuild {
    const byUser = (a: { user: APIUser }, b: { user: APIUser }) => cmp(a.user.id, b.user.id);
    this.state.members.sort(byUser);
    this.state.bans.sort(byUser);
    return this.state;
  }
}

function cmp(a: string, b: string): number {
  return a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;
}

function baseGuild(id: string, name: string, ownerId: string): APIGuild {
  return {
    id, name, icon: null, icon_hash: null, splash: null, discovery_splash: null, owner_id: ownerId, afk_channel_id: null, afk_timeout: 300,
    widget_enabled: false, widget_channel_id: null, verification_level: 2, default_message_notifications: 1, explicit_content_filter: 2,
    roles: [], emojis: [], stickers: [], features: [], mfa_level: 1, application_id: null, system_channel_id: null, system_channel_flags: 0 as APIGuild['system_channel_flags'],
    rules_channel_id: null, max_presences: null, max_members: 500000, vanity_url_code: null, description: null, banner: null,
    premium_tier: 0, premium_subscription_count: 0, preferred_locale: 'en-US' as APIGuild['preferred_locale'], public_updates_channel_id: null,
    max_video_channel_users: 25, max_stage_video_channel_users: 50, nsfw_level: 0, premium_progress_bar_enabled: false,
    hub_type: null, safety_alerts_channel_id: null, incidents_data: null,
  };
}
