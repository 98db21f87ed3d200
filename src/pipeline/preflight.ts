import { DiscordAPIError } from '@discordjs/rest';
import type { Sources } from '../collectors/sources.js';
import { classifyError, INVITE_HINT } from '../discord/errors.js';
import { API_BASE_HINT, apiBaseMessage, notLikeDiscord } from '../discord/not-discord.js';

export interface Fatal {
  message: string;
  hint: string;
  code: string | number | null;
  http_status: number | null;
}

/**
 * The guild check: a bad token or a guild the bot cannot see becomes one fatal error with what to do, instead
 * of twenty collector failures. Only the first round trip (the reads that need nothing but the guild id, about
 * fifteen) goes out before the verdict: the per-channel reads need the channel list, and a 401 makes the client
 * drop its token, so a bad token costs one round trip of invalid requests (they count toward Cloudflare's ban of
 * 10,000 in 10 minutes), not fifty.
 */
export async function preflight(sources: Sources, guildId: string, options: { startMembers: boolean; startThreads: boolean; apiBase: string }): Promise<Fatal | null> {
  // First on the wire: the first member page (the member list is the longest chain of requests, and its pages
  // the heaviest to read), the channel list (every thread request waits on it), then the guild. The collectors'
  // guild-level reads follow in the same round trip.
  if (options.startMembers) sources.memberScan().catch(() => undefined);
  sources.fetchChannels().catch(() => undefined);
  const guild = sources.fetchGuild();
  guild.catch(() => undefined);
  // The active threads go out now; the per-channel thread listings once the channel list is in.
  if (options.startThreads) sources.threadScan().catch(() => undefined);
  try {
    await guild;
  } catch (error) {
    return guildFatal(error, guildId, options.apiBase);
  }
  return null;
}

/**
 * The guild read alone, first: for a run of several servers, where a server the bot is not in would otherwise
 * cost a whole first round trip (about fifteen requests, invalid ones counting toward Cloudflare's ban) before
 * the verdict. A single server's export does not wait for it (preflight sends everything at once).
 */
export async function guildCheck(sources: Sources, guildId: string, apiBase: string): Promise<Fatal | null> {
  try {
    await sources.fetchGuild();
  } catch (error) {
    return guildFatal(error, guildId, apiBase);
  }
  return null;
}

function guildFatal(error: unknown, guildId: string, apiBase: string): Fatal {
  const c = classifyError(error);
  // The very first read answered like no Discord would: the address is wrong, not the bot's membership.
  const foreign = notLikeDiscord(error);
  if (foreign) {
    const status = error instanceof DiscordAPIError ? error.status : null;
    return { message: apiBaseMessage(apiBase, 'GET /guilds/{id}', foreign), hint: API_BASE_HINT, code: 'NOT_DISCORD', http_status: status };
  }
  if (error instanceof DiscordAPIError && (error.status === 403 || error.status === 404)) {
    return {
      message: `The bot cannot read guild ${guildId}: Discord said ${error.status} ${error.message} (code ${String(error.code)}). The bot is not in that server, or the id is wrong.`,
      hint: INVITE_HINT,
      code: c.code,
      http_status: c.http_status,
    };
  }
  if (c.tokenRejected) return { message: c.message, hint: c.hint, code: c.code, http_status: c.http_status };
  return { message: `Could not read guild ${guildId}: ${c.message}`, hint: c.hint, code: c.code, http_status: c.http_status };
}
