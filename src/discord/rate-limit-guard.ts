import { ExportNotice, routeName } from './errors.js';

/** Longest rate-limit wait sat through; longer means a Cloudflare ban or a broken proxy: fail instead of hanging. */
export const MAX_RATE_LIMIT_WAIT_MS = 60_000;

/**
 * The wait taken from a 429 whose own figure cannot be used (Retry-After and retry_after missing, zero, negative
 * or not a number). Retrying at once would hammer the server: every 429 counts toward Discord's invalid-request
 * limit (10,000 in 10 minutes, then a Cloudflare ban of the IP).
 */
export const MIN_RATE_LIMIT_WAIT_MS = 1_000;

/** 429s in a row on one route (each sent after the previous one's wait) before that read is given up. */
export const MAX_ROUTE_429S = 5;

/** Global 429s in a row (each sent after the previous one's wait) before the whole run is given up. */
export const MAX_GLOBAL_429S = 20;

const STUCK_HINT =
  'Wait a few minutes and run again. If it keeps happening, something between the exporter and Discord (a proxy given with --api-base / DISCORD_API_BASE, or another program using the same bot token) is using up the rate limit.';

/** One route was answered 429 MAX_ROUTE_429S times in a row: that read is given up, the rest of the export goes on. */
export class RateLimitedRepeatedlyError extends ExportNotice {
  constructor(method: string, path: string, times: number) {
    super(`Rate limited ${times} times in a row on ${method} ${routeName(path)}; Discord or a proxy in between is not letting requests through, so this part was given up.`,
      STUCK_HINT, 'RATE_LIMITED_REPEATEDLY', 429);
    this.name = 'RateLimitedRepeatedlyError';
  }
}

/** The global limit answered MAX_GLOBAL_429S times in a row, or asked for a wait past a minute: nothing more is sent this run. */
export class GlobalRateLimitError extends ExportNotice {
  constructor(message: string, hint = STUCK_HINT) {
    super(message, hint, 'GLOBAL_RATE_LIMITED', 429);
    this.name = 'GlobalRateLimitError';
  }
}

/** A 429 asked for a wait longer than MAX_RATE_LIMIT_WAIT_MS: given up rather than slept through. */
export class RateLimitTooLongError extends ExportNotice {
  constructor(method: string, path: string, waitMs: number) {
    super(`Discord asked to wait ${Math.round(waitMs / 1000)} s before ${method} ${routeName(path)}: longer than a minute, so this part was given up.`,
      'A wait this long usually means a Cloudflare ban after too many invalid (401/403/429) requests from this IP. Wait for it to lift (often about an hour), then run again; fix the cause of the invalid requests first.',
      'RATE_LIMITED', 429);
    this.name = 'RateLimitTooLongError';
  }
}

/** Raised for requests still waiting out a rate limit when the run is closed. */
export class RunClosedError extends Error {
  constructor() {
    super('The run ended while this request was waiting out a rate limit.');
    this.name = 'RunClosedError';
  }
}

interface Streak {
  count: number;
  /** When the last 429 of the streak arrived: one sent before that was already under way and does not add to it. */
  lastAt: number;
}

export interface RateLimitVerdict {
  /** Wait this long (ms), then send the request again. */
  retryInMs: number;
}

/**
 * Every 429 of a run, seen in the client's HTTP call (so reads and writes alike), before @discordjs/rest sees it:
 * the client retries a 429 without bound and at once when its wait is 0 or unreadable, and keeps a timer for a
 * refused long wait alive after the run. Here a 429 is waited out (an unusable wait as MIN_RATE_LIMIT_WAIT_MS) and
 * sent again, a route answered 429 MAX_ROUTE_429S times in a row is given up, a global limit answered
 * MAX_GLOBAL_429S times in a row stops the run, and every wait can be cut short by close().
 *
 * A streak counts only requests sent after its previous 429 arrived: requests already in flight together (a burst
 * meeting the global limit at once) are one 429, not many.
 */
export class RateLimitGuard {
  private readonly routes = new Map<string, Streak>();
  /** Routes whose bucket is spent for longer than MAX_RATE_LIMIT_WAIT_MS: until when. */
  private readonly spent = new Map<string, number>();
  private global: Streak = { count: 0, lastAt: -Infinity };
  private pausedUntil = 0;
  private stopped: Error | null = null;
  private readonly sleepers = new Set<{ timer: NodeJS.Timeout; reject: (error: Error) => void }>();

  /** @param marginMs added to every wait, for clock skew (the client's offset). */
  constructor(private readonly marginMs = 25) {}

  /** Why the run was stopped (a global rate-limit storm), or null. */
  get stoppedBy(): Error | null {
    return this.stopped;
  }

  /**
   * Resolves when a request may be sent: after any global pause. Throws once the run was stopped or closed, and
   * while the route's bucket is spent for longer than MAX_RATE_LIMIT_WAIT_MS (see screen).
   */
  async beforeSend(method: string, path: string): Promise<void> {
    const key = `${method} ${path}`;
    for (;;) {
      if (this.stopped) throw this.stopped;
      const spent = (this.spent.get(key) ?? 0) - Date.now();
      if (spent > 0) throw new RateLimitTooLongError(method, path, spent);
      const wait = this.pausedUntil - Date.now();
      if (wait <= 0) return;
      await this.sleep(wait);
    }
  }

  /**
   * Judges one answer to a request sent at `sentAt` (Date.now()): null to hand it to the client, a verdict to wait
   * and send again; throws when the request (or the run) is given up.
   */
  judge(method: string, path: string, sentAt: number, status: number, headers: { get(name: string): string | null }, body: Buffer): RateLimitVerdict | null {
    const key = `${method} ${path}`;
    if (status !== 429) {
      this.routes.delete(key);
      this.global = { count: 0, lastAt: this.global.lastAt };
      return null;
    }
    const now = Date.now();
    const global = headers.get('x-ratelimit-global') !== null || headers.get('x-ratelimit-scope') === 'global' || bodyField(body, 'global') === true;
    const waitMs = waitOf(headers.get('retry-after'), bodyField(body, 'retry_after'));
    if (global) {
      if (waitMs > MAX_RATE_LIMIT_WAIT_MS) {
        throw this.stop(new GlobalRateLimitError(`Discord's global rate limit asked to wait ${Math.round(waitMs / 1000)} s (${method} ${routeName(path)}): longer than a minute, so the run was given up.`,
          new RateLimitTooLongError(method, path, waitMs).hint));
      }
      if (count(this.global, sentAt, now) >= MAX_GLOBAL_429S) {
        throw this.stop(new GlobalRateLimitError(`Rate limited by Discord's global limit ${this.global.count} times in a row (last on ${method} ${routeName(path)}); Discord or a proxy in between is not letting requests through, so the run was given up.`));
      }
      this.pausedUntil = Math.max(this.pausedUntil, now + waitMs + this.marginMs);
      return { retryInMs: 0 };
    }
    if (waitMs > MAX_RATE_LIMIT_WAIT_MS) throw new RateLimitTooLongError(method, path, waitMs);
    const streak = this.routes.get(key) ?? { count: 0, lastAt: -Infinity };
    this.routes.set(key, streak);
    if (count(streak, sentAt, now) >= MAX_ROUTE_429S) {
      this.routes.delete(key);
      throw new RateLimitedRepeatedlyError(method, path, streak.count);
    }
    return { retryInMs: waitMs + this.marginMs };
  }

  /**
   * The headers of an answer that is not a 429, as the client may see them. A bucket spent for more than
   * MAX_RATE_LIMIT_WAIT_MS is not passed on (the client would refuse the wait and leave its timer running until the
   * reset, holding the process): the route's next request fails here instead, without being sent.
   */
  screen(method: string, path: string, headers: Record<string, string | string[] | undefined>): Record<string, string | string[] | undefined> {
    const resetAfter = Number(headers['x-ratelimit-reset-after']) * 1000;
    if (headers['x-ratelimit-remaining'] !== '0' || !(resetAfter > MAX_RATE_LIMIT_WAIT_MS)) return headers;
    this.spent.set(`${method} ${path}`, Date.now() + resetAfter);
    const { 'x-ratelimit-remaining': _remaining, 'x-ratelimit-reset-after': _after, 'x-ratelimit-reset': _reset, ...rest } = headers;
    return rest;
  }

  /** A wait that close() cuts short. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const sleeper = {
        timer: setTimeout(() => {
          this.sleepers.delete(sleeper);
          resolve();
        }, ms),
        reject,
      };
      this.sleepers.add(sleeper);
    });
  }

  /** Ends every wait (its request fails with RunClosedError) and refuses later requests: nothing is left holding the process. */
  close(): void {
    this.stopped ??= new RunClosedError();
    for (const s of this.sleepers) {
      clearTimeout(s.timer);
      s.reject(this.stopped);
    }
    this.sleepers.clear();
  }

  private stop(error: Error): Error {
    this.stopped ??= error;
    return this.stopped;
  }
}

/** Adds a 429 to a streak unless its request was already under way when the streak's last 429 came; the new count. */
function count(streak: Streak, sentAt: number, now: number): number {
  if (sentAt >= streak.lastAt) streak.count++;
  streak.lastAt = now;
  return streak.count;
}

/** The wait a 429 asks for (ms): the Retry-After header, else the body's retry_after, else MIN_RATE_LIMIT_WAIT_MS. */
export function waitOf(header: string | null, bodyValue: unknown): number {
  const seconds = [header === null || header.trim() === '' ? NaN : Number(header), typeof bodyValue === 'number' ? bodyValue : NaN]
    .find((s) => Number.isFinite(s) && s > 0);
  return seconds === undefined ? MIN_RATE_LIMIT_WAIT_MS : seconds * 1000;
}

function bodyField(body: Buffer, name: string): unknown {
  if (body.length > 64 * 1024) return undefined;
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>)[name] : undefined;
  } catch {
    return undefined;
  }
}
