import { DiscordApi } from '../discord/api.js';
import { clientOffset, createRest, DEFAULT_API_BASE } from '../discord/client.js';
import { Connections } from '../discord/connections.js';
import { RateLimitGuard } from '../discord/rate-limit-guard.js';
import { ConfigError, parseToken } from '../config/validate.js';
import type { ExportConfig } from '../config/types.js';
import { loadAuditConfig, type AuditConfig } from '../audit/index.js';
import { startDemo, type DemoHandle } from './demo.js';

/**
 * What every guild of one run shares: one connection pool, one @discordjs/rest client (one set of rate-limit
 * buckets) and one global budget, because Discord counts a bot token's limits across everything it sends.
 * Each guild's export takes its own view of the client (`api()`), with its own shared reads.
 */
export interface Session {
  readonly token: string;
  /** How many servers the run exports. */
  readonly guilds: number;
  readonly connections: Connections;
  /** The built-in demo's fake, when the run uses it. */
  readonly demo: DemoHandle | null;
  readonly auditConfig: AuditConfig;
  /** Where emoji and sticker images come from instead of Discord's CDN (the demo's fake), or null. */
  readonly cdnBase: string | null;
  /** The API base the run's requests go to (--api-base, the demo's fake, or Discord's): named when it answers unlike Discord. */
  readonly apiBase: string;
  /** A fresh view of the client for one guild: its own memo and request count, the shared budget and buckets. */
  api(): DiscordApi;
  /** Opens the first round trip's sockets, for every guild of the run, and resolves when they are ready. */
  ready(): Promise<void>;
  /** Opens sockets ahead for the second round trip (see Connections.warm); called by each guild, idempotent. */
  warmAhead(): void;
  /** Why nothing more is sent this run (Discord's global rate limit would not let requests through), or null. */
  stoppedBy(): Error | null;
  /** Ends the run: the connections, the demo's fake, and every rate-limit wait still pending (none may hold the process). */
  close(): Promise<void>;
}

/**
 * Sockets for one guild's first round trip: the guild, the channel list, the first member page, the active
 * threads and the guild-level reads of every collector (about ten). A few more than that cost nothing: they
 * serve the second.
 */
export const FIRST_ROUND_SOCKETS = 16;

/**
 * Checks what the whole run needs (a token, a usable API base, a readable audit config) before any request, and
 * opens the shared client. The client settings come from `config`: every guild of a run uses the same token.
 * Throws ConfigError for unusable configuration only.
 */
export async function openSession(config: ExportConfig, guilds = 1): Promise<Session> {
  if (!config.demo && !config.token) {
    throw new ConfigError('No bot token: set the DISCORD_TOKEN environment variable (or the discord-token input), or use --demo to export the built-in demo guild.');
  }
  // A token that cannot be sent (whitespace inside) is a usage error before any request.
  const givenToken = config.demo ? null : parseToken(config.token!);
  if (config.apiBase && !URL.canParse(config.apiBase)) {
    throw new ConfigError(`The Discord API base "${config.apiBase}" is not a URL: give one like https://discord.com/api (--api-base, DISCORD_API_BASE or the api-base input).`);
  }
  // A bad audit config is a usage error: say so before any request, not after a long export.
  const auditConfig = loadAuditConfig(config.auditConfigPath);
  const demo = config.demo ? await startDemo() : null;
  const token = demo?.token ?? givenToken!;
  const apiBase = demo?.apiBase ?? config.apiBase ?? DEFAULT_API_BASE;
  // The demo's fake runs in this process, on loopback: never through a proxy.
  const connections = new Connections(apiBase, demo ? { proxy: null } : {});
  const rateLimits = new RateLimitGuard(clientOffset(config.rateLimitOffsetMs ?? 50));
  const rest = createRest({
    rateLimits,
    token,
    apiBase,
    agent: connections.agent,
    timeoutMs: config.timeoutMs,
    offsetMs: config.rateLimitOffsetMs,
    globalRequestsPerSecond: config.globalRequestsPerSecond,
  });
  const first = new DiscordApi(rest, { globalRequestsPerSecond: config.globalRequestsPerSecond, rateLimitOffsetMs: config.rateLimitOffsetMs });
  let handedOut = false;
  return {
    token,
    guilds,
    connections,
    demo,
    auditConfig,
    cdnBase: demo ? new URL(demo.apiBase).origin : config.cdnBase ?? null,
    apiBase,
    api() {
      if (handedOut) return first.forAnotherGuild();
      handedOut = true;
      return first;
    },
    ready: () => connections.ready(firstRoundSockets(guilds, config.globalRequestsPerSecond)),
    warmAhead: () => connections.warm(warmConnections(guilds, config.globalRequestsPerSecond)),
    stoppedBy: () => rateLimits.stoppedBy,
    async close() {
      rateLimits.close();
      await connections.close();
      await demo?.close();
    },
  };
}

/**
 * The first round trip's requests leave together on sockets opened for them (see Connections.ready): a guild's
 * worth for each guild, as many as the global budget lets leave in its first second.
 */
export function firstRoundSockets(guilds: number, globalPerSecond = 50): number {
  return Math.min(FIRST_ROUND_SOCKETS * Math.max(1, guilds), Math.max(FIRST_ROUND_SOCKETS, Math.min(globalPerSecond, 50)));
}

/**
 * How many sockets to open ahead for the second round trip (a page per channel): as wide as the global budget
 * lets it be in its first second, less the first round's sockets, which come free for it. No more than that
 * for several guilds: they share the budget, so no more requests can be in flight at once than for one.
 */
export function warmConnections(guilds = 1, globalPerSecond = 50): number {
  return Math.max(0, Math.min(globalPerSecond, 50) - firstRoundSockets(guilds, globalPerSecond));
}
