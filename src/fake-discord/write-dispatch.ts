import { MISSING_PERMISSIONS, NOT_FOUND, UNKNOWN_CHANNEL, UNKNOWN_GUILD, type Reply } from './errors.js';
import { botHas } from './bot-perms.js';
import { limitHeaders, rateLimitedReply } from './limit-headers.js';
import type { RateLimiter } from './limits.js';
import type { LowerBoundTracker } from './lower-bound.js';
import type { StatsRecorder } from './stats.js';
import { INVALID_JSON, METHOD_NOT_ALLOWED, TOO_LARGE } from './write-errors.js';
import { matchWriteRoute } from './write-routes.js';
import type { FakeChannel, FakeGuild } from './types.js';

/** Request bodies above this are refused unread (Discord caps JSON bodies well below it). */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface WriteDeps {
  guilds: Map<string, FakeGuild>;
  findChannel(id: string): { guild: FakeGuild; channel: FakeChannel } | null;
  limiter: RateLimiter;
  bound: LowerBoundTracker;
  stats: StatsRecorder;
  timeScale: number;
}

/** The route key a write is counted under in stats().byRoute and matched by faults ('PATCH /channels/:channel'). */
export function writeRouteKey(method: string, path: string): string {
  const m = matchWriteRoute(method, path);
  return `${method} ${typeof m === 'object' ? m.route.pattern : path.replace(/\d{17,20}/g, ':id')}`;
}

/**
 * Serves one write the way Discord orders its checks: route, body, rate limit, the guild or channel, the bot's
 * permission, the long bucket some edits spend, then the route's own validation and the change itself.
 */
export function serveWrite(d: WriteDeps, method: string, path: string, raw: Buffer | 'too-large'): { reply: Reply; headers: Record<string, string> } {
  const m = matchWriteRoute(method, path);
  if (m === 'none') return { reply: NOT_FOUND(), headers: {} };
  if (m === 'method') return { reply: METHOD_NOT_ALLOWED(), headers: {} };
  if (raw === 'too-large') return { reply: TOO_LARGE(), headers: {} };
  let body: unknown;
  if (raw.length > 0) {
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return { reply: INVALID_JSON(), headers: {} };
    }
  }
  const { route, params } = m;
  const major = params.guild ?? params.channel ?? 'global';
  const now = Date.now();
  const taken = d.limiter.take(route.bucket, major, now);
  if (taken.kind !== 'ok') {
    d.stats.ratelimited(taken.kind === 'global');
    return { reply: rateLimitedReply(taken), headers: limitHeaders(taken, now, d.timeScale) };
  }
  d.bound.record(`${route.bucket}:${major}`, { limit: taken.bucket.limit, windowMs: taken.bucket.windowMs }, null, null);
  let headers = limitHeaders(taken, now, d.timeScale);
  let guild: FakeGuild | undefined;
  let channel: FakeChannel | null = null;
  if (params.guild) {
    guild = d.guilds.get(params.guild);
    if (!guild) return { reply: UNKNOWN_GUILD(), headers };
  } else if (params.channel) {
    const found = d.findChannel(params.channel);
    if (!found) return { reply: UNKNOWN_CHANNEL(), headers };
    ({ guild, channel } = found);
  }
  if (!guild) return { reply: NOT_FOUND(), headers };
  if (route.needs && !botHas(guild, route.needs)) return { reply: MISSING_PERMISSIONS(), headers };
  const ctx = { guild, channel, params, body };
  const extra = route.extraBucket?.(ctx);
  if (extra) {
    const long = d.limiter.take(extra, major, now);
    if (long.kind !== 'ok') {
      d.stats.ratelimited(long.kind === 'global');
      return { reply: rateLimitedReply(long), headers: limitHeaders(long, now, d.timeScale) };
    }
    d.bound.recordExtra(`${extra}:${major}`, { limit: long.bucket.limit, windowMs: long.bucket.windowMs });
    headers = limitHeaders(long, now, d.timeScale);
  }
  return { reply: route.handle(ctx), headers };
}
