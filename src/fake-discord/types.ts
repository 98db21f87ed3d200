import type {
  APIAuditLogEntry, APIAutoModerationRule, APIBan, APIChannel, APIExtendedInvite, APIGuild,
  APIGuildIntegration, APIGuildMember, APIGuildOnboarding, APIGuildScheduledEvent, APIGuildWelcomeScreen,
  APIGuildWidgetSettings, APISoundboardSound, APISticker, APIThreadChannel, APIUser, APIWebhook,
} from 'discord-api-types/v10';
import type { LazyMembers } from './lazy-members.js';

/** A guild channel that is not a thread (what GET /guilds/:g/channels returns). */
export type FakeChannel = Exclude<APIChannel, APIThreadChannel | { type: 1 } | { type: 3 }>;

/**
 * The live state of one fake guild: raw Discord payloads exactly as the API returns them.
 * Roles and emojis live in `guild.roles` / `guild.emojis` (one source of truth, as Discord's guild object).
 * Mutate it freely in tests; the server reads it on every request.
 */
export interface FakeGuild {
  guild: APIGuild;
  channels: FakeChannel[];
  /** Active and archived threads (archived ones have thread_metadata.archived = true). */
  threads: APIThreadChannel[];
  /** Sorted ascending by user id (the order the members list pages in). */
  members: APIGuildMember[];
  /** More members, made on demand page by page (a 1,000,000-member guild without a million objects). */
  lazyMembers?: LazyMembers;
  invites: APIExtendedInvite[];
  /** Incoming webhooks carry `token` and `url`, as Discord returns them: the exporter must drop them. */
  webhooks: APIWebhook[];
  stickers: APISticker[];
  /** Each has user_count; the server strips it unless with_user_count=true. */
  events: APIGuildScheduledEvent[];
  automodRules: APIAutoModerationRule[];
  integrations: APIGuildIntegration[];
  /** null -> GET welcome-screen answers 404 10069. */
  welcomeScreen: APIGuildWelcomeScreen | null;
  onboarding: APIGuildOnboarding;
  /** Sorted ascending by user id. */
  bans: APIBan[];
  /** Audit log entries (bot adds are action_type 28); users referenced are in auditLogUsers. */
  auditLog: APIAuditLogEntry[];
  auditLogUsers: APIUser[];
  soundboardSounds: APISoundboardSound[];
  vanityUses: number;
  widget: APIGuildWidgetSettings;
  /** The bot the token belongs to (also a member of the guild). */
  botUserId: string;
  botUser: APIUser;
  /** Members list answers 403 50001 "Missing Access" (the GUILD_MEMBERS intent is off). */
  noMembersIntent?: boolean;
  /** Roles cannot be read: the guild answer carries no `roles` and GET /guilds/:g/roles answers 403 50013. */
  rolesUnreadable?: boolean;
  /** The guild answer carries no member count at all: neither the approximate counts nor (in sparse mode) `member_count`. */
  noMemberCount?: boolean;
  /** Permission names (PermissionFlagsBits keys) the bot lacks: routes needing them answer 403 50013. */
  missingPermissions?: string[];
}

/** Counts for generateGuild; every field optional, defaults make a small guild. */
export interface GuildSpec {
  seed?: number | string;
  id?: string;
  name?: string;
  members?: number;
  /** Make the members (all but the owner) on demand instead of holding them: for guilds of a million. */
  membersOnDemand?: boolean;
  roles?: number;
  text?: number;
  voice?: number;
  categories?: number;
  announcement?: number;
  stage?: number;
  forum?: number;
  media?: number;
  threadsPerChannel?: number;
  archivedThreadsPerChannel?: number;
  invites?: number;
  webhooks?: number;
  emojis?: number;
  stickers?: number;
  events?: number;
  automodRules?: number;
  bans?: number;
  /** Reference "now" for timestamps; default: today 00:00 UTC (so a day's exports are identical). */
  now?: Date;
}

/** One rate-limit bucket: `limit` requests per `windowMs` (before timeScale). */
export interface BucketLimit {
  limit: number;
  windowMs: number;
}

export interface RateLimitConfig {
  /** Requests per global window for the token (Discord: 50 per second). */
  globalLimit: number;
  globalWindowMs: number;
  /** Per-bucket limits by bucket name (see routes.ts); missing names use defaultRoute. */
  routes: Record<string, BucketLimit>;
  defaultRoute: BucketLimit;
}

/** 'hang' never answers (the request stays open until the client gives up or the fake closes). */
export type FaultKind = 'status' | 'slow' | 'truncate' | 'reset' | 'ratelimit' | 'cloudflare-ban' | 'non-json' | 'hang';

export interface FaultRule {
  /** 'GET /guilds/:guild/members' style (ids replaced by :guild/:channel/:user), '*' (every request) or 'writes' (every non-GET request). */
  route: string;
  kind: FaultKind;
  status?: number;
  delayMs?: number;
  /** Seconds, for 'ratelimit' and 'cloudflare-ban'. */
  retryAfter?: number;
  /** Apply this many times, then stop (default: always). */
  times?: number;
  /** Let this many matching requests through first (default 0). */
  after?: number;
}

export interface FakeDiscordOptions {
  guilds?: FakeGuild[];
  token?: string;
  limits?: Partial<RateLimitConfig>;
  timeScale?: number;
  latencyMs?: number;
  /**
   * What opening a connection costs (ms): Discord is reached over TLS, so a new connection takes a TCP and a TLS
   * handshake before its first request can arrive. Requests on a connection younger than this count as arriving
   * when it is ready (and are answered latencyMs after that). Default 0: connections are free.
   */
  connectLatencyMs?: number;
  faults?: FaultRule[];
  /**
   * Act as a Discord-compatible server that is not Discord (see sparse.ts): the guild answer without `roles` and
   * approximate counts, member items without `user`, threads inside the channel list, 404 on the events,
   * onboarding, soundboard and thread routes, and 400 with code 40001 for a bad token.
   */
  sparse?: boolean;
  /** Keep a timeline of every request (for benchmarks that want to see what waited behind what). */
  trace?: boolean;
}

/** One request in the timeline, times in ms since the first request. */
export interface TraceEntry {
  path: string;
  arrivedMs: number;
  sentMs: number | null;
  status: number | null;
}

/** One write request (any method but GET) the fake received. */
export interface WriteRecord {
  method: string;
  /** The path under /api/v10, query excluded. */
  path: string;
  /** The status answered; null while unanswered, 0 when the connection was reset instead. */
  status: number | null;
  /** The X-Audit-Log-Reason header, URL-decoded; null when absent. */
  reason: string | null;
}

export interface FakeStats {
  requests: number;
  /** Every write request received, in arrival order. */
  writes: WriteRecord[];
  /** Writes answered 4xx other than 429: what Discord would have refused (each counts as an invalid request). */
  refusedWrites: number;
  byRoute: Record<string, number>;
  ratelimited: number;
  globalRatelimited: number;
  status: Record<number, number>;
  /** Connections the fake accepted. */
  connections: number;
  firstRequestAt: number | null;
  lastResponseAt: number | null;
  lowerBoundMs: number;
  lowerBoundDetail: string;
  /** With `trace`: every request in arrival order. */
  trace?: TraceEntry[];
}

export interface FakeDiscord {
  url: string;
  apiBase: string;
  guild(id: string): FakeGuild;
  stats(): FakeStats;
  resetStats(): void;
  setFaults(rules: FaultRule[]): void;
  /**
   * Resolves once `n` writes have been answered 2xx since the last resetStats (at once if they have): with a
   * 'hang' fault on 'writes' after n, a test can stop an apply at an exact point and kill it there.
   */
  waitForWrites(n: number): Promise<void>;
  close(): Promise<void>;
}
