/**
 * The versioned export schema (export.json). Every module reads and writes these types;
 * the JSON Schema in export.schema.json describes the same shape for outside consumers.
 *
 * Rules: everything keyed by snowflake id (strings), permissions as Discord's bitfield
 * string plus flag names, timestamps as ISO 8601 strings, absent values as null (never undefined).
 */

export const SCHEMA_VERSION = '2.2.0';

/*
 * "Not collected" is never "none" (schema 2.x). In export.json and snapshot.json a section whose collector failed or
 * was skipped, or whose inputs were not collected, is written as null when it is a list, and as
 * {"not_collected": "<why>"} when it is an object (server, member_stats, welcome_screen, onboarding, bans: there
 * null means "none"). In memory such a list stays empty and src/schema/coverage.ts says whether it was collected;
 * src/schema/wire.ts converts at the file boundary. A partial section keeps what was read; meta.collectors and
 * errors say it is partial.
 *
 * Fields added in 2.2.0 (what a restore needs: role icons, forum defaults, emoji ids, onboarding choices) are optional
 * in these types: files written before 2.2.0 lack them, and an absent field means "not in the export", never "none".
 * The collectors always write them, as null when Discord's answer leaves them out.
 */

export type Snowflake = string;
export type IsoDate = string;

/** How much member data an export keeps. `none`: no member list and no member counts per role;
 * `counts`: aggregates only (role member counts, totals, bots); `full`: every member record. */
export type MembersMode = 'none' | 'counts' | 'full';

export interface ExportServer {
  id: Snowflake;
  name: string;
  /** Owner's user id. */
  owner: Snowflake;
  created_at: IsoDate;
  /** approximate_member_count from `with_counts=true`. */
  member_count: number;
  /** approximate_presence_count: volatile, never written to snapshot.md. */
  presence_count: number | null;
  /** premium_tier 0..3 */
  boost_level: number;
  boost_count: number;
  /** Sorted. */
  features: string[];
  description: string | null;
  icon: string | null;
  preferred_locale: string;
  /** 0 none .. 4 very high */
  verification_level: number;
  /** 0 disabled, 1 members without roles, 2 all members */
  explicit_content_filter: number;
  /** 0 none, 1 2FA required for moderation actions */
  mfa_level: number;
  /** 0 all messages, 1 only mentions */
  default_message_notifications: number;
  nsfw_level: number;
  system_channel_id: Snowflake | null;
  rules_channel_id: Snowflake | null;
  public_updates_channel_id: Snowflake | null;
  safety_alerts_channel_id: Snowflake | null;
  afk_channel_id: Snowflake | null;
  afk_timeout: number;
  vanity_url_code: string | null;
  premium_progress_bar_enabled: boolean;
  max_members: number | null;
  /** Server widget (public JSON/embed of online members and an invite channel). */
  widget_enabled: boolean | null;
  widget_channel_id: Snowflake | null;
}

export interface ExportRole {
  id: Snowflake;
  name: string;
  /** Integer RGB, 0 = no colour. */
  color: number;
  /** Discord's permission bitfield as a decimal string. */
  permissions: string;
  /** Flag names of `permissions` (PermissionFlagsBits keys), sorted by bit. */
  permission_names: string[];
  position: number;
  /** Members holding the role; null when members were not counted (`members: none` or collector failed).
   * For @everyone: the guild's member count. */
  member_count: number | null;
  hoist: boolean;
  managed: boolean;
  mentionable: boolean;
  /** True for the @everyone role (id = guild id). */
  is_everyone: boolean;
  /** tags.bot_id: the bot this managed role belongs to. */
  bot_id: Snowflake | null;
  /** tags.integration_id */
  integration_id: Snowflake | null;
  /** Role icon hash (2.2.0+). */
  icon?: string | null;
  /** Unicode emoji shown as the role's icon (2.2.0+). */
  unicode_emoji?: string | null;
}

export interface ExportOverwrite {
  /** Role id or user id. */
  id: Snowflake;
  type: 'role' | 'member';
  allow: string;
  deny: string;
  allow_names: string[];
  deny_names: string[];
}

export type ChannelTypeName =
  | 'text' | 'voice' | 'category' | 'announcement' | 'announcement_thread' | 'public_thread'
  | 'private_thread' | 'stage' | 'directory' | 'forum' | 'media' | 'unknown';

export interface ForumTag {
  id: Snowflake;
  name: string;
  moderated: boolean;
  /** emoji_name, else emoji_id: for reading; a restore needs the two below. */
  emoji: string | null;
  /** Custom emoji id (2.2.0+). */
  emoji_id?: Snowflake | null;
  /** Unicode emoji (2.2.0+). */
  emoji_name?: string | null;
}

/** A forum's default reaction: a custom emoji id or a unicode emoji. */
export interface DefaultReactionEmoji {
  emoji_id: Snowflake | null;
  emoji_name: string | null;
}

export interface ExportChannel {
  id: Snowflake;
  name: string;
  /** Discord's numeric channel type. */
  type: number;
  type_name: ChannelTypeName;
  /** Parent category id, null for top-level channels and categories. */
  category: Snowflake | null;
  position: number;
  topic: string | null;
  /** rate_limit_per_user in seconds. */
  slowmode: number;
  nsfw: boolean;
  permission_overwrites: ExportOverwrite[];
  /** Snowflake of the newest message (its timestamp tells activity); null when never used or not a text channel. */
  last_message_id: Snowflake | null;
  bitrate: number | null;
  user_limit: number | null;
  rtc_region: string | null;
  default_auto_archive_duration: number | null;
  /** Forum and media channels only. */
  available_tags: ForumTag[] | null;
  /** Voice and stage: 1 auto, 2 full (720p) (2.2.0+). */
  video_quality_mode?: number | null;
  /** Slowmode (seconds) that new threads start with (2.2.0+). */
  default_thread_rate_limit_per_user?: number | null;
  /** Forum and media (2.2.0+). */
  default_reaction_emoji?: DefaultReactionEmoji | null;
  /** Forum and media: 0 latest activity, 1 creation date (2.2.0+). */
  default_sort_order?: number | null;
  /** Forum: 0 not set, 1 list, 2 gallery (2.2.0+). */
  default_forum_layout?: number | null;
}

export interface ExportMember {
  id: Snowflake;
  /** username */
  name: string;
  display_name: string | null;
  nick: string | null;
  roles: Snowflake[];
  joined_at: IsoDate | null;
  bot: boolean;
  pending: boolean;
  premium_since: IsoDate | null;
  communication_disabled_until: IsoDate | null;
}

export interface ExportThread {
  id: Snowflake;
  name: string;
  /** Parent channel id. */
  parent: Snowflake | null;
  type: number;
  type_name: ChannelTypeName;
  archived: boolean;
  locked: boolean;
  member_count: number | null;
  message_count: number | null;
  archive_timestamp: IsoDate | null;
  auto_archive_duration: number | null;
  created_at: IsoDate | null;
  applied_tags: Snowflake[];
  last_message_id: Snowflake | null;
}

export interface ExportForum {
  id: Snowflake;
  name: string;
  topic: string | null;
  type: number;
  /** Threads (posts) found in this forum: active plus archived. */
  post_count: number;
  tags: ForumTag[];
  category: Snowflake | null;
}

export interface ExportVoice {
  id: Snowflake;
  name: string;
  bitrate: number | null;
  user_limit: number | null;
  /** rtc_region, null = automatic. */
  region: string | null;
  category: Snowflake | null;
}

export interface ExportStage {
  id: Snowflake;
  name: string;
  topic: string | null;
  /** Roles that can moderate the stage (MANAGE_CHANNELS + MUTE_MEMBERS + MOVE_MEMBERS through role or overwrite). */
  moderators: { id: Snowflake; name: string }[];
  category: Snowflake | null;
}

export interface ExportAutomodRule {
  id: Snowflake;
  name: string;
  /** keyword | spam | keyword_preset | mention_spam | member_profile | unknown */
  trigger: string;
  trigger_metadata: Record<string, unknown>;
  /** block_message | send_alert_message | timeout | block_member_interaction | unknown, with metadata. */
  actions: { type: string; metadata: Record<string, unknown> }[];
  enabled: boolean;
  event_type: number;
  exempt_roles: Snowflake[];
  exempt_channels: Snowflake[];
}

export interface ExportInvite {
  code: string;
  uses: number;
  /** 0 = unlimited */
  max_uses: number;
  /** seconds, 0 = never expires */
  max_age: number;
  temporary: boolean;
  /** Inviter's user id. */
  created_by: Snowflake | null;
  channel: Snowflake | null;
  created_at: IsoDate | null;
  /** null = permanent */
  expires_at: IsoDate | null;
}

export interface ExportBot {
  id: Snowflake;
  name: string;
  /** Union of the bot's roles' permissions (plus @everyone), bitfield string. */
  permissions: string;
  permission_names: string[];
  roles: Snowflake[];
  /** The role Discord manages for this bot, if any. */
  managed_role: Snowflake | null;
  /** User id that added the bot, from the audit log (action 28); null when unreadable. */
  added_by: Snowflake | null;
  added_at: IsoDate | null;
}

export interface ExportWebhook {
  id: Snowflake;
  name: string | null;
  /** 1 incoming, 2 channel follower, 3 application */
  type: number;
  channel: Snowflake | null;
  application_id: Snowflake | null;
  created_by: Snowflake | null;
  // Never: token, url.
}

export interface ExportEmoji {
  id: Snowflake;
  name: string;
  animated: boolean;
  managed: boolean;
  available: boolean;
  roles: Snowflake[];
}

export interface ExportSticker {
  id: Snowflake;
  name: string;
  description: string | null;
  tags: string;
  format_type: number;
  available: boolean;
}

export interface ExportEvent {
  id: Snowflake;
  name: string;
  description: string | null;
  /** 1 scheduled, 2 active, 3 completed, 4 canceled */
  status: number;
  /** 1 stage, 2 voice, 3 external */
  entity_type: number;
  channel: Snowflake | null;
  location: string | null;
  scheduled_start_time: IsoDate;
  scheduled_end_time: IsoDate | null;
  user_count: number | null;
  creator_id: Snowflake | null;
}

export interface ExportIntegration {
  id: Snowflake;
  name: string;
  type: string;
  enabled: boolean;
  account_name: string | null;
  application_id: Snowflake | null;
  role_id: Snowflake | null;
}

export interface ExportWelcomeScreen {
  description: string | null;
  /** emoji_id: a custom emoji (2.2.0+). */
  channels: { channel_id: Snowflake; description: string; emoji_name: string | null; emoji_id?: Snowflake | null }[];
}

/** One answer of an onboarding prompt: what choosing it gives (2.2.0+). */
export interface OnboardingChoice {
  id: Snowflake;
  title: string;
  description: string | null;
  emoji_id: Snowflake | null;
  emoji_name: string | null;
  role_ids: Snowflake[];
  channel_ids: Snowflake[];
}

export interface OnboardingPrompt {
  id: Snowflake;
  title: string;
  /** 0 multiple choice, 1 dropdown */
  type: number;
  required: boolean;
  /** How many choices the prompt offers. */
  options: number;
  /** 2.2.0+ */
  single_select?: boolean;
  /** False: shown only in Channels & Roles (2.2.0+). */
  in_onboarding?: boolean;
  /** 2.2.0+ */
  choices?: OnboardingChoice[];
}

export interface ExportOnboarding {
  enabled: boolean;
  mode: number;
  default_channel_ids: Snowflake[];
  prompts: OnboardingPrompt[];
}

export interface ExportBans {
  count: number;
  /** True when counting stopped at the page cap (count is then a lower bound). */
  capped: boolean;
}

export interface ExportSoundboardSound {
  id: Snowflake;
  name: string;
  volume: number;
  available: boolean;
}

/** Effective access of one channel (issue: effective permissions). */
export interface ChannelAccess {
  channel: Snowflake;
  /** True when @everyone cannot view it. */
  private: boolean;
  /** Role ids (sorted) whose holders can view / send / manage the channel. */
  can_view: Snowflake[];
  can_send: Snowflake[];
  can_manage: Snowflake[];
  /** Member-specific overwrites granting view, counted (ids never in committed output). */
  member_overwrites: number;
}

export type CollectorStatus = 'ok' | 'failed' | 'skipped' | 'partial';

export interface ExportError {
  collector: string;
  status: 'failed' | 'partial';
  /** Discord's JSON error code (e.g. 50013), or a transport code (ETIMEDOUT, INVALID_JSON, HTTP_5XX, RATE_LIMITED). */
  code: string | number | null;
  /** HTTP status when there was one. */
  http_status: number | null;
  message: string;
  /** What to do about it. */
  hint: string;
}

export interface CollectorRecord {
  status: CollectorStatus;
  /** Items collected (array length, or 1 for objects). */
  count: number;
  duration_ms: number;
  /** Why it was skipped, when skipped; otherwise a note on how it collected (e.g. members: counts read the member list after all). */
  reason?: string;
}

export interface ExportMeta {
  schema_version: string;
  exporter: { name: string; version: string };
  exported_at: IsoDate;
  duration_ms: number;
  scope: {
    guild_id: Snowflake;
    members: MembersMode;
    /** null = no limit */
    max_members: number | null;
    /** True when `max_members` stopped member collection early. */
    members_truncated: boolean;
    demo: boolean;
  };
  /** Per collector: its status, so consumers can tell "none" from "not collected". */
  collectors: Record<string, CollectorRecord>;
  /** snapshot.json only: fields ("section.field") it holds a placeholder for instead of data (dates, codes, ids,
   * activity). An audit over a snapshot treats them as not collected. */
  left_out?: string[];
  /** Set when the export failed as a whole (bad token, unknown server): nothing was collected or scored. */
  fatal?: { message: string; hint: string } | null;
}

export interface CheckOutcomeRecord {
  id: string;
  title: string;
  category: string;
  severity: Severity;
  weight: number;
  outcome: CheckOutcome;
  /** 0..1 for conclusive checks, null otherwise. */
  score: number | null;
  message: string;
  disabled_reason?: string;
}

export type Severity = 'critical' | 'high' | 'medium' | 'low';
export type CheckOutcome = 'pass' | 'fail' | 'not_applicable' | 'error';

export interface Finding {
  id: string;
  check: string;
  title: string;
  severity: Severity;
  category: string;
  outcome: CheckOutcome;
  message: string;
  /** The ids and names involved. */
  evidence: { id: string; name: string; detail?: string }[];
  remediation: { text: string; effort: 'low' | 'medium' | 'high' };
}

export interface ExportSummary {
  /** null when nothing conclusive was scored, and always when the export failed as a whole. */
  health_score: number | null;
  /** Totals are null when what they count was not collected (never 0 for "unknown"). */
  total_roles: number | null;
  total_channels: number | null;
  total_members: number | null;
  total_bots: number | null;
  /** Ids of failing checks. */
  issues_found: string[];
  llm_audit_prompt: string;
  findings: Finding[];
  checks: CheckOutcomeRecord[];
}

export interface GuildExport {
  meta: ExportMeta;
  server: ExportServer | null;
  roles: ExportRole[];
  channels: ExportChannel[];
  /** Empty unless members mode is `full`. Written last and streamed. */
  members: ExportMember[];
  /** Aggregates over all members (null when members were not collected). */
  member_stats: MemberStats | null;
  threads: ExportThread[];
  forums: ExportForum[];
  voice: ExportVoice[];
  stage: ExportStage[];
  automod: ExportAutomodRule[];
  invites: ExportInvite[];
  bots: ExportBot[];
  emojis: ExportEmoji[];
  stickers: ExportSticker[];
  events: ExportEvent[];
  webhooks: ExportWebhook[];
  integrations: ExportIntegration[];
  welcome_screen: ExportWelcomeScreen | null;
  onboarding: ExportOnboarding | null;
  bans: ExportBans | null;
  soundboard: ExportSoundboardSound[];
  access: ChannelAccess[];
  summary: ExportSummary;
  errors: ExportError[];
}

/** Keys a collector can fill. */
export type CollectedKey = Exclude<keyof GuildExport, 'meta' | 'summary' | 'errors' | 'access' | 'member_stats'>;

/**
 * Member aggregates kept in memory while members stream to disk (memory stays flat). With `members: full` they are
 * counted from the member list; with `members: counts` (schema 2.1+) they come from Discord's counts without reading
 * the list, and what only the list can tell (without_roles, pending, timed_out) is null: not collected, never 0.
 */
export interface MemberStats {
  /**
   * Where the figures come from: 'member_list' (every member read), or 'counts' (the guild's approximate member
   * count, GET /guilds/{id}/roles/member-counts and the bots' integrations). Absent in files before 2.1: member_list.
   */
  source?: 'member_list' | 'counts';
  /** Members counted, or Discord's approximate member count with source 'counts'. */
  total: number;
  bots: number;
  /** total - bots with source 'counts' (approximate like total). */
  humans: number;
  /** role id -> members holding it */
  role_counts: Record<Snowflake, number>;
  /** Members with no role besides @everyone; null when not collected (source 'counts'). */
  without_roles: number | null;
  /** Members who have not passed membership screening; null when not collected. */
  pending: number | null;
  /** Members timed out at export time; null when not collected. */
  timed_out: number | null;
}
