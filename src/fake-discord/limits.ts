import { createHash } from 'node:crypto';
import type { BucketLimit, RateLimitConfig } from './types.js';

/**
 * Discord publishes only the global figure (50 requests per second per bot token). The per-route figures
 * below are what bots commonly observe in X-RateLimit-Limit / -Reset-After headers and are assumptions:
 * most GET routes 5 per 5 s per guild or channel; the members list 10 per 10 s; bans report 5 per 60 s
 * (discord/discord-api-docs#3803). Override them with `limits` when a test needs something else.
 *
 * Writes, assumptions in the same spirit: role creation reports X-RateLimit-Limit 250 with a reset of a day or two
 * (discord/discord-api-docs#1480), modelled as 250 per 48 h per guild; a channel's name or topic edits are held to
 * about 2 per 10 minutes per channel on top of the channel's edit bucket; emoji uploads run in the tens per hour.
 * The other writes: 5 per 5 s (channel create, edit and delete per channel, both bulk position routes, server
 * settings), 10 per 10 s (role edits and deletes per guild, overwrites per channel, member roles per guild).
 */
export const DEFAULT_LIMITS: RateLimitConfig = {
  globalLimit: 50,
  globalWindowMs: 1000,
  defaultRoute: { limit: 5, windowMs: 5000 },
  routes: {
    'members': { limit: 10, windowMs: 10_000 },
    'bans': { limit: 5, windowMs: 60_000 },
    'archived-threads': { limit: 5, windowMs: 5000 },
    'audit-logs': { limit: 5, windowMs: 5000 },
    'role-create': { limit: 250, windowMs: 48 * 3600_000 },
    'role-write': { limit: 10, windowMs: 10_000 },
    'channel-name-topic': { limit: 2, windowMs: 600_000 },
    'overwrite': { limit: 10, windowMs: 10_000 },
    'member-roles': { limit: 10, windowMs: 10_000 },
    'emoji-create': { limit: 30, windowMs: 3600_000 },
  },
};

/** Merges partial limits over the defaults (routes merge per bucket name). */
export function resolveLimits(partial: Partial<RateLimitConfig> = {}): RateLimitConfig {
  return { ...DEFAULT_LIMITS, ...partial, routes: { ...DEFAULT_LIMITS.routes, ...(partial.routes ?? {}) },
    defaultRoute: partial.defaultRoute ?? DEFAULT_LIMITS.defaultRoute };
}

/** The X-RateLimit-Bucket value for a bucket name: an opaque hash that holds no ids, like Discord's. */
export function bucketHash(name: string): string {
  return createHash('sha1').update(`fake-discord:${name}`).digest('hex').slice(0, 32);
}

/** A fixed window that opens on the first request after the previous one closed (as Discord's buckets do). */
export class FixedWindow {
  private start = -Infinity;
  private count = 0;
  constructor(readonly limit: number, readonly windowMs: number) {}

  /** The window's state at `now` without taking a slot. */
  peek(now: number): { remaining: number; resetAt: number } {
    if (now >= this.start + this.windowMs) return { remaining: this.limit, resetAt: now + this.windowMs };
    return { remaining: this.limit - this.count, resetAt: this.start + this.windowMs };
  }

  /** Takes one slot at `now`; `ok` false means over the limit until `resetAt`. */
  take(now: number): { ok: boolean; remaining: number; resetAt: number } {
    if (now >= this.start + this.windowMs) {
      this.start = now;
      this.count = 0;
    }
    const resetAt = this.start + this.windowMs;
    if (this.count >= this.limit) return { ok: false, remaining: 0, resetAt };
    this.count++;
    return { ok: true, remaining: this.limit - this.count, resetAt };
  }
}

export interface LimitDecision {
  kind: 'ok' | 'global' | 'route';
  bucket: BucketLimit & { name: string; hash: string; remaining: number; resetAt: number };
  retryAfterMs: number;
}

/** The global budget plus one window per bucket + major parameter, all scaled by timeScale. */
export class RateLimiter {
  private global: FixedWindow;
  private buckets = new Map<string, FixedWindow>();
  constructor(private config: RateLimitConfig, private timeScale: number) {
    this.global = new FixedWindow(config.globalLimit, config.globalWindowMs * timeScale);
  }

  /** The effective (scaled) limit of a bucket name. */
  limitOf(name: string): BucketLimit {
    const l = this.config.routes[name] ?? this.config.defaultRoute;
    return { limit: l.limit, windowMs: l.windowMs * this.timeScale };
  }

  get globalLimit(): BucketLimit {
    return { limit: this.config.globalLimit, windowMs: this.config.globalWindowMs * this.timeScale };
  }

  /** Decides one request: the route bucket is checked first so a 429'd route does not spend global budget. */
  take(bucketName: string, major: string, now: number): LimitDecision {
    const key = `${bucketName}:${major}`;
    const lim = this.limitOf(bucketName);
    let w = this.buckets.get(key);
    if (!w) this.buckets.set(key, (w = new FixedWindow(lim.limit, lim.windowMs)));
    const base = { name: bucketName, hash: bucketHash(bucketName), ...lim };
    const before = w.peek(now);
    if (before.remaining === 0) {
      return { kind: 'route', bucket: { ...base, ...before }, retryAfterMs: before.resetAt - now };
    }
    const g = this.global.take(now);
    if (!g.ok) return { kind: 'global', bucket: { ...base, ...before }, retryAfterMs: g.resetAt - now };
    const r = w.take(now);
    return { kind: 'ok', bucket: { ...base, remaining: r.remaining, resetAt: r.resetAt }, retryAfterMs: 0 };
  }
}
