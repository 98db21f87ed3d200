import type { APIThreadChannel, APIUser } from 'discord-api-types/v10';
import { compareSnowflakes } from '../schema/snowflake.js';
import { UNKNOWN_MEMBER, apiError, intParam, type Reply } from './errors.js';
import type { FakeChannel, FakeGuild } from './types.js';
import { findMember, lazyPage, memberTotal } from './lazy-members.js';

export interface RouteContext {
  guild: FakeGuild;
  channel: FakeChannel | null;
  params: Record<string, string>;
  query: URLSearchParams;
  /** The bot user the token belongs to. */
  me: APIUser;
}

export interface RouteDef {
  /** '/guilds/:guild/members' style; :guild, :channel and :user are resolved/validated by the server. */
  pattern: string;
  /** Rate-limit bucket name (routes sharing a name share a limit and X-RateLimit-Bucket). */
  bucket: string;
  /** A permission (PermissionFlagsBits name) the bot needs, else 403 50013. */
  needs?: string;
  /** Query parameter that chains pages (each page needs the previous response). */
  cursor?: 'after' | 'before';
  handle(ctx: RouteContext): Reply;
}

const ok = (body: unknown): Reply => ({ status: 200, body });
const isReply = (v: unknown): v is Reply => typeof v === 'object' && v !== null && 'status' in v;

/** Ascending page of items keyed by a user id, after `after` (members, bans; the lists are kept sorted by id). */
function pageByUser<T extends { user: { id: string } }>(items: T[], query: URLSearchParams, def: number): Reply {
  const limit = intParam(query, 'limit', def, 1, 1000);
  if (isReply(limit)) return limit;
  const after = query.get('after') ?? '0';
  const before = query.get('before');
  // Binary search for the first id above `after`: big guilds page 100k+ members.
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareSnowflakes(items[mid].user.id, after) > 0) hi = mid;
    else lo = mid + 1;
  }
  const out = items.slice(lo, lo + limit);
  return ok(before ? out.filter((it) => compareSnowflakes(it.user.id, before) < 0) : out);
}

/** Archived threads of a channel, newest archive_timestamp first, before an ISO timestamp. */
function archived(ctx: RouteContext, isPrivate: boolean): Reply {
  const limit = intParam(ctx.query, 'limit', 50, 2, 100);
  if (isReply(limit)) return limit;
  const beforeRaw = ctx.query.get('before');
  const before = beforeRaw ? Date.parse(beforeRaw) : Infinity;
  if (Number.isNaN(before)) return apiError(400, 50035, 'Invalid Form Body');
  const all = ctx.guild.threads
    .filter((t) => t.parent_id === ctx.channel?.id && t.thread_metadata?.archived && (t.type === 12) === isPrivate)
    .filter((t) => Date.parse(t.thread_metadata!.archive_timestamp) < before)
    .sort((a, b) => Date.parse(b.thread_metadata!.archive_timestamp) - Date.parse(a.thread_metadata!.archive_timestamp));
  return ok({ threads: all.slice(0, limit), members: [], has_more: all.length > limit });
}

/** The GET routes the fake serves, Discord's paths under /api/v10. */
export const ROUTES: RouteDef[] = [
  { pattern: '/users/@me', bucket: 'users-me', handle: ({ me }) => ok(me) },
  { pattern: '/guilds/:guild', bucket: 'guild', handle: ({ guild, query }) => {
    const g = { ...guild.guild };
    if (query.get('with_counts') === 'true') {
      const total = memberTotal(guild);
      Object.assign(g, { approximate_member_count: total, approximate_presence_count: Math.floor(total * 0.31) });
    }
    return ok(g);
  } },
  { pattern: '/guilds/:guild/channels', bucket: 'guild-channels', handle: ({ guild }) => ok(guild.channels) },
  { pattern: '/guilds/:guild/roles', bucket: 'roles', handle: ({ guild }) => ok(guild.guild.roles) },
  { pattern: '/guilds/:guild/roles/member-counts', bucket: 'role-member-counts', handle: ({ guild }) => {
    // A Map, not `{}`: a role id may be "constructor" or "__proto__".
    const counts = new Map<string, number>();
    for (const r of guild.guild.roles) if (r.id !== guild.guild.id) counts.set(r.id, 0);
    for (const m of guild.members) for (const id of m.roles) if (counts.has(id)) counts.set(id, counts.get(id)! + 1);
    for (const [id, n] of Object.entries(guild.lazyMembers?.roleCounts() ?? {})) if (counts.has(id)) counts.set(id, counts.get(id)! + n);
    return ok(Object.fromEntries(counts));
  } },
  { pattern: '/guilds/:guild/members', bucket: 'members', cursor: 'after', handle: ({ guild, query }) => {
    if (!guild.lazyMembers) return pageByUser(guild.members, query, 1);
    const limit = intParam(query, 'limit', 1, 1, 1000);
    return isReply(limit) ? limit : ok(lazyPage(guild, guild.lazyMembers, query.get('after') ?? '0', limit));
  } },
  { pattern: '/guilds/:guild/members/:user', bucket: 'member', handle: ({ guild, params }) => {
    const m = findMember(guild, params.user);
    return m ? ok(m) : UNKNOWN_MEMBER();
  } },
  { pattern: '/guilds/:guild/threads/active', bucket: 'active-threads', handle: ({ guild }) =>
    ok({ threads: guild.threads.filter((t) => !t.thread_metadata?.archived) as APIThreadChannel[], members: [] }) },
  { pattern: '/channels/:channel/threads/archived/public', bucket: 'archived-threads', cursor: 'before', handle: (c) => archived(c, false) },
  { pattern: '/channels/:channel/threads/archived/private', bucket: 'archived-threads', cursor: 'before', needs: 'ManageThreads', handle: (c) => archived(c, true) },
  { pattern: '/guilds/:guild/auto-moderation/rules', bucket: 'automod', needs: 'ManageGuild', handle: ({ guild }) => ok(guild.automodRules) },
  { pattern: '/guilds/:guild/invites', bucket: 'invites', needs: 'ManageGuild', handle: ({ guild }) => ok(guild.invites) },
  { pattern: '/guilds/:guild/webhooks', bucket: 'webhooks', needs: 'ManageWebhooks', handle: ({ guild }) => ok(guild.webhooks) },
  { pattern: '/guilds/:guild/emojis', bucket: 'emojis', handle: ({ guild }) => ok(guild.guild.emojis) },
  { pattern: '/guilds/:guild/stickers', bucket: 'stickers', handle: ({ guild }) => ok(guild.stickers) },
  { pattern: '/guilds/:guild/scheduled-events', bucket: 'events', handle: ({ guild, query }) => {
    const withCount = query.get('with_user_count') === 'true';
    return ok(guild.events.map((e) => { if (withCount) return e; const { user_count: _drop, ...rest } = e; return rest; }));
  } },
  { pattern: '/guilds/:guild/bans', bucket: 'bans', needs: 'BanMembers', cursor: 'after', handle: ({ guild, query }) => pageByUser(guild.bans, query, 1000) },
  { pattern: '/guilds/:guild/audit-logs', bucket: 'audit-logs', needs: 'ViewAuditLog', cursor: 'before', handle: ({ guild, query }) => {
    const limit = intParam(query, 'limit', 50, 1, 100);
    if (isReply(limit)) return limit;
    const type = query.get('action_type');
    const before = query.get('before');
    const after = query.get('after');
    const entries = guild.auditLog
      .filter((e) => (!type || String(e.action_type) === type) && (!before || compareSnowflakes(e.id, before) < 0) && (!after || compareSnowflakes(e.id, after) > 0))
      .sort((a, b) => compareSnowflakes(b.id, a.id)).slice(0, limit);
    const ids = new Set(entries.flatMap((e) => [e.user_id, e.target_id]));
    return ok({ audit_log_entries: entries, users: guild.auditLogUsers.filter((u) => ids.has(u.id)), integrations: [], webhooks: [],
      guild_scheduled_events: [], threads: [], application_commands: [], auto_moderation_rules: [] });
  } },
  { pattern: '/guilds/:guild/integrations', bucket: 'integrations', needs: 'ManageGuild', handle: ({ guild }) => ok(guild.integrations) },
  { pattern: '/guilds/:guild/welcome-screen', bucket: 'welcome-screen', handle: ({ guild }) =>
    guild.welcomeScreen ? ok(guild.welcomeScreen) : apiError(404, 10069, 'Unknown Guild Welcome Screen') },
  { pattern: '/guilds/:guild/onboarding', bucket: 'onboarding', handle: ({ guild }) => ok(guild.onboarding) },
  { pattern: '/guilds/:guild/soundboard-sounds', bucket: 'soundboard', handle: ({ guild }) => ok({ items: guild.soundboardSounds }) },
  { pattern: '/guilds/:guild/vanity-url', bucket: 'vanity', needs: 'ManageGuild', handle: ({ guild }) =>
    ok({ code: guild.guild.vanity_url_code, uses: guild.vanityUses }) },
  { pattern: '/guilds/:guild/widget', bucket: 'widget', needs: 'ManageGuild', handle: ({ guild }) => ok(guild.widget) },
];

/** Finds the route for a path (relative to /api/v10) and its :params. */
export function matchRoute(path: string): { route: RouteDef; params: Record<string, string> } | null {
  const segs = path.split('/').filter(Boolean).map((s) => { try { return decodeURIComponent(s); } catch { return s; } });
  for (const route of ROUTES) {
    const pat = route.pattern.split('/').filter(Boolean);
    if (pat.length !== segs.length) continue;
    const params: Record<string, string> = {};
    if (pat.every((p, i) => (p.startsWith(':') ? ((params[p.slice(1)] = segs[i]), true) : p === segs[i]))) return { route, params };
  }
  return null;
}
