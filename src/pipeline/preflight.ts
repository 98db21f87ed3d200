import { DiscordAPIError } from '@discordjs/rest';
import type { Sources } from '../collectors/sources.js';
import { classifyError, INVITE_HINT } from '../discord/errors.js';

export interface Fatal {
  message: string;
  hint: string;
  code: string | number | null;
  http_status: number | null;
}

/**
 * The guild read before the fan-out: a bad token or a guild the bot cannot see fails here, once, instead of as
 * fifty invalid requests (they count toward Cloudflare's ban). A guild that answers proves both the token and
 * the access, so nothing else needs checking first.
 */
export async function preflight(sources: Sources, guildId: string, options: { startMembers: boolean; startThreads: boolean }): Promise<Fatal | null> {
  // In the same round trip: the channel list (every thread request waits on it) and the first member page (the
  // member list is the longest chain of requests). A bad token then costs three invalid requests, not fifty.
  const guild = sources.guild();
  guild.catch(() => undefined);
  sources.channels().catch(() => undefined);
  if (options.startMembers) sources.memberScan().catch(() => undefined);
  // The per-channel thread listings go out the moment the channel list arrives: a channel list that came back
  // proves the token and the guild, so this adds no invalid request.
  if (options.startThreads) sources.threadScan().catch(() => undefined);
  try {
    await guild;
  } catch (error) {
    const c = classifyError(error);
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
  return null;
}
