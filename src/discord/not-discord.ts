import { DiscordAPIError } from '@discordjs/rest';
import { describeErrorBody, InvalidResponseError, isUnknownEntityCode, PayloadError } from './errors.js';

/**
 * How the answer to an export's first read (the guild) shows that the API base is not Discord's API at all
 * ("404 with an HTML page"), or null when it is an answer Discord could give. Discord answers a server the bot
 * is not in with 404 code 10004 (Unknown Guild) or 403 code 50001 (Missing Access), both JSON; a web server, a
 * wrong path or a service that is not Discord-compatible answers 404 without such a code, HTML, or JSON of
 * another shape. 401, 403 and 429 keep their own meaning (the token, access, rate limits).
 */
export function notLikeDiscord(error: unknown): string | null {
  if (error instanceof DiscordAPIError) {
    if (error.status === 401 || error.status === 403 || error.status === 429) return null;
    if (error.status === 404 && isUnknownEntityCode(error.code)) return null;
    if (error.status !== 404 && isDiscordErrorBody(error.rawError)) return null;
    return `${error.status} with ${describeErrorBody(error)}`;
  }
  if (error instanceof InvalidResponseError) return '200 with a body that is not a JSON object';
  if (error instanceof PayloadError) {
    const detail = error.message.replace(/^Discord's answer to GET \S+ /, '').replace(/^cannot be read: /, '').replace(/\.$/, '');
    return `200 with JSON that is not a Discord guild (${/^(is|has) /.test(detail) ? `it ${detail}` : detail})`;
  }
  return null;
}

/** The fatal message for an API base that does not answer like Discord (see notLikeDiscord). */
export function apiBaseMessage(apiBase: string, request: string, answer: string): string {
  return `The API base ${shownBase(apiBase)} does not answer like Discord's API (${request} answered ${answer}): check --api-base / DISCORD_API_BASE / the api-base input.`;
}

/** What to do about an API base that does not answer like Discord. */
export const API_BASE_HINT =
  "Leave --api-base (DISCORD_API_BASE, the api-base input) unset for Discord itself, or set it to the API root of a Discord-compatible server or proxy: the part before /v10, like https://discord.com/api. A 404 or an HTML page for the very first read means that address serves something else.";

/** Discord's error bodies are JSON objects with a numeric code. */
function isDiscordErrorBody(raw: unknown): boolean {
  return typeof raw === 'object' && raw !== null && !(raw instanceof ArrayBuffer) && typeof (raw as { code?: unknown }).code === 'number';
}

/** The API base as shown to users: without any user name or password it may carry. */
function shownBase(apiBase: string): string {
  try {
    const url = new URL(apiBase);
    url.username = '';
    url.password = '';
    url.search = '';
    return url.toString().replace(/\/+$/, '');
  } catch {
    return apiBase;
  }
}
