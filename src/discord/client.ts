import { REST, type RateLimitData } from '@discordjs/rest';
import type { Dispatcher } from 'undici';
import { bareToken } from '../config/redact.js';
import { createMakeRequest } from './make-request.js';
import { MAX_RATE_LIMIT_WAIT_MS, RateLimitGuard } from './rate-limit-guard.js';

export const DEFAULT_API_BASE = 'https://discord.com/api';

export interface DiscordClientOptions {
  token: string;
  apiBase?: string | null;
  /** Per-request timeout (ms): the whole request, body included. */
  timeoutMs?: number;
  /** The largest response body read (bytes; MAX_BODY_BYTES when absent). */
  maxBodyBytes?: number;
  /** Global requests per second the client allows itself (Discord: 50). */
  globalRequestsPerSecond?: number;
  /** Extra wait added to every rate-limit reset, for clock skew (ms). */
  offsetMs?: number;
  /** The undici dispatcher the client sends through (see Connections); undici's global one when absent. */
  agent?: Dispatcher;
  /** Where 429s are waited out and counted; close() it when the run ends. One of its own when absent. */
  rateLimits?: RateLimitGuard;
}

/**
 * The real @discordjs/rest client, configured for an exporter: its own retries are off (it retries 5xx and
 * timeouts at once, with no backoff; DiscordApi retries with backoff instead), 429s never reach it (the request
 * strategy waits them out, see RateLimitGuard), and a bucket wait of more than a minute is rejected rather than
 * slept through.
 */
export function createRest(options: DiscordClientOptions): REST {
  const timeout = options.timeoutMs ?? 15_000;
  // People paste the header form ("Bot abc..."); the client adds that prefix itself.
  const token = bareToken(options.token);
  const offset = clientOffset(options.offsetMs ?? 50);
  const rest = new REST({
    api: (options.apiBase ?? DEFAULT_API_BASE).replace(/\/+$/, ''),
    version: '10',
    agent: options.agent ?? null,
    makeRequest: createMakeRequest({
      timeoutMs: timeout, maxBodyBytes: options.maxBodyBytes, secrets: [token],
      rateLimits: options.rateLimits ?? new RateLimitGuard(offset),
    }),
    retries: 0,
    timeout,
    globalRequestsPerSecond: options.globalRequestsPerSecond ?? 50,
    offset,
    rejectOnRateLimit: (data: RateLimitData) =>
      Math.max(data.retryAfter, data.timeToReset) > MAX_RATE_LIMIT_WAIT_MS,
  });
  rest.setToken(token);
  return rest;
}

/**
 * The margin kept after every bucket reset (clock skew, a header computed before the answer travelled), in the
 * form @discordjs/rest needs to keep it once: version 2.6.3 adds its `offset` twice when it waits out a bucket
 * (SequentialHandler stores reset = now + reset_after + offset, then sleeps reset + offset - now), so a 50 ms
 * margin cost 100 ms per window (0.5 s over the 100,000-member scan's ten windows at Discord's limits). Halved,
 * the wait is reset_after + margin; a 429's retry_after, where it adds it once, gets half the margin, on top of
 * Discord's own figure. test/integration/discord/rate-limit-offset.test.ts measures the wait, so a client that
 * stops doubling shows up there.
 */
export function clientOffset(marginMs: number): number {
  return Math.max(0, marginMs) / 2;
}
