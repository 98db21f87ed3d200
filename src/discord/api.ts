import { makeURLSearchParams, type REST } from '@discordjs/rest';
import { classifyError, InvalidResponseError, isTokenRejection, TokenRejectedError } from './errors.js';
import { GlobalBudget } from './global-budget.js';

type Query = Record<string, string | number | boolean | undefined>;

export interface DiscordApiOptions {
  /** Attempts for retryable failures (5xx, resets, cut-short bodies) after the first; a timeout gets one at most. */
  retries?: number;
  /** First backoff delay (ms); doubles each attempt, with jitter. */
  backoffMs?: number;
  /** Discord's global limit per second (see GlobalBudget for the share the client keeps to). */
  globalRequestsPerSecond?: number;
  /** Added to the global window for clock skew and network jitter, like the client's bucket resets (ms, default 50). */
  rateLimitOffsetMs?: number;
}

export interface GetOptions {
  /** One of many similar requests (per-channel pages): kept to a share of the budget so they never starve the critical path. */
  bulk?: boolean;
}

/**
 * The exporter's view of Discord: GETs through the real @discordjs/rest client, with retries and backoff for
 * transient failures (4xx never retried), a remembered 401 (the client drops its token after one, so later
 * calls fail fast with a clear message), and memoised shared reads so collectors that need the same payload
 * (channels, roles, members) fetch it once.
 */
export class DiscordApi {
  private readonly retries: number;
  private readonly backoffMs: number;
  private readonly memo = new Map<string, Promise<unknown>>();
  /** Shared by every view of one client (see forAnotherGuild): a 401 makes the token bad for all of them. */
  private readonly token: { rejected: boolean };
  private readonly budget: GlobalBudget;
  /** Requests sent through this view, retries included. */
  requests = 0;

  constructor(private readonly rest: REST, private readonly options: DiscordApiOptions = {}, shared?: { budget: GlobalBudget; token: { rejected: boolean } }) {
    this.retries = options.retries ?? 3;
    this.backoffMs = options.backoffMs ?? 250;
    this.budget = shared?.budget ?? GlobalBudget.forGlobalLimit(options.globalRequestsPerSecond ?? 50, options.rateLimitOffsetMs ?? 50);
    this.token = shared?.token ?? { rejected: false };
  }

  /**
   * Another view of the same client for another guild's export: the same REST instance (its buckets), the same
   * global budget and the same token state, but its own shared reads and its own request count. Shared reads are
   * keyed by what they read ("channels"), not by guild, so two guilds' exports must never share one memo.
   */
  forAnotherGuild(): DiscordApi {
    return new DiscordApi(this.rest, this.options, { budget: this.budget, token: this.token });
  }

  /** True once Discord has answered 401: the token is bad for the rest of the run. */
  get isTokenRejected(): boolean {
    return this.token.rejected;
  }

  /** GET a route ("/guilds/123/roles") and return its JSON. */
  async get<T>(route: `/${string}`, query?: Query, options: GetOptions = {}): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      if (this.token.rejected) throw new TokenRejectedError();
      await this.budget.acquire(options.bulk);
      // A 401 may have come while this one waited for room: the client has dropped its token by now.
      if (this.token.rejected) throw new TokenRejectedError();
      try {
        this.requests++;
        const body = await this.rest.get(route, query ? { query: makeURLSearchParams(query) } : {});
        if (body === null || typeof body !== 'object' || body instanceof ArrayBuffer) {
          throw new InvalidResponseError(route, 'the body was not a JSON object or array');
        }
        return body as T;
      } catch (error) {
        if (isTokenRejection(error)) this.token.rejected = true;
        const classified = classifyError(error);
        if (!classified.retryable || attempt >= this.retriesFor(classified.code)) throw error;
        await sleep(this.backoffMs * 2 ** attempt * (0.75 + Math.random() * 0.5));
      }
    }
  }

  /**
   * Retries allowed after a failure with this code. A timeout is tried once more at most: each attempt has already
   * cost the whole --timeout, and the full count would make one stuck route cost four of them (a minute at 15 s).
   */
  private retriesFor(code: string | number | null): number {
    return code === 'TIMEOUT' ? Math.min(1, this.retries) : this.retries;
  }

  /** Keeps bulk requests to their share of the global budget while `chain` (critical requests in sequence) runs. */
  reserveFor(chain: Promise<unknown>): void {
    this.budget.reserve(chain);
  }

  /** Resolves once every shared read started so far has settled (nothing left in flight from them). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.memo.values()]);
  }

  /** A shared read: the first caller fetches, every later caller gets the same promise (and the same failure). */
  shared<T>(key: string, load: () => Promise<T>): Promise<T> {
    let pending = this.memo.get(key) as Promise<T> | undefined;
    if (!pending) {
      pending = load();
      // Keep the failure for the other callers, but do not leave it unhandled if nobody else asks.
      pending.catch(() => undefined);
      this.memo.set(key, pending);
    }
    return pending;
  }

  /**
   * One write (POST, PATCH, PUT, DELETE) through the same client, buckets and global budget as the reads. Never
   * retried: a 4xx is Discord's refusal (retrying it only counts toward the invalid-request ban) and a failed 5xx
   * write may have been applied; 429s are waited out by the client. `reason` goes in X-Audit-Log-Reason (the client
   * URL-encodes it); Discord keeps 512 characters of it.
   */
  async write<T>(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', route: `/${string}`, body: unknown, reason: string | null): Promise<T> {
    if (this.token.rejected) throw new TokenRejectedError();
    await this.budget.acquire(false);
    if (this.token.rejected) throw new TokenRejectedError();
    this.requests++;
    const options = { ...(body === undefined ? {} : { body }), ...(reason ? { reason: reason.slice(0, 512) } : {}) };
    try {
      const verb = method === 'POST' ? 'post' : method === 'PATCH' ? 'patch' : method === 'PUT' ? 'put' : 'delete';
      return (await this.rest[verb](route, options)) as T;
    } catch (error) {
      if (isTokenRejection(error)) this.token.rejected = true;
      throw error;
    }
  }
}

/** One event-loop turn, so requests dispatched just before get to their sockets first. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
