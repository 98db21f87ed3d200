import { DiscordAPIError, HTTPError, RateLimitError } from '@discordjs/rest';

/** One failure, classified: what Discord (or the network) said and what the user should do. */
export interface ClassifiedError {
  code: string | number | null;
  http_status: number | null;
  message: string;
  hint: string;
  /** Worth another try (5xx, timeout, reset, cut-short body). */
  retryable: boolean;
  /** The token itself is bad: nothing else will work this run. */
  tokenRejected: boolean;
}

/** Raised by DiscordApi once a 401 has been seen: the client has dropped its token for every later request. */
export class TokenRejectedError extends Error {
  constructor() {
    super('Discord rejected the bot token earlier in this run (401 Unauthorized, or 400 with code 40001).');
    this.name = 'TokenRejectedError';
  }
}

/** Discord's error code for "Unauthorized. Provide a valid token": some servers answer a bad token with it on a 400. */
export const TOKEN_INVALID_CODE = 40001;

/**
 * True when an answer is about the token itself: any status with code 40001, a 401 on /users/@me, or a 401 with
 * code 0 (or none), which is what Discord sends for a bad token ({"message": "401: Unauthorized", "code": 0}).
 * A 401 with another code (a proxy or a compatible server refusing one server's routes) is about that server.
 */
export function isTokenAnswer(status: number, code: unknown, path: string): boolean {
  if (code === TOKEN_INVALID_CODE) return true;
  return status === 401 && (code === 0 || code === undefined || code === null || /^\/users\/@me\/?$/.test(path));
}

/** True when Discord's answer says the token itself is bad (see isTokenAnswer). */
export function isTokenRejection(error: unknown): boolean {
  return error instanceof DiscordAPIError && isTokenAnswer(error.status, error.code, routeOf(error.url));
}

/**
 * True for Discord's "Unknown <thing>" JSON error codes (10001 Unknown Account, 10003 Unknown Channel, 10004
 * Unknown Guild, 10007 Unknown Member, ... all in 10001-10999): only a 404 with one of these is about a missing
 * entity. Code 0 is Discord's general error, which it also sends for a route it does not have.
 */
export function isUnknownEntityCode(code: unknown): boolean {
  return typeof code === 'number' && code >= 10001 && code <= 10999;
}

/** A 404 that is not about a missing entity (see isUnknownEntityCode): the server does not have the route. */
export function isRouteNotOffered(error: unknown): boolean {
  return error instanceof DiscordAPIError && error.status === 404 && !isUnknownEntityCode(error.code);
}

/**
 * What an error answer's body was, in words: `"404: Not Found" (code 0)`, `"Endpoint not found" (code 404)`,
 * `JSON without an error code`, `an HTML page`, `a body that is not JSON`. Quoted text is cut short; the body is
 * the server's, so nothing of it is trusted beyond being shown.
 */
export function describeErrorBody(error: DiscordAPIError): string {
  const raw: unknown = error.rawError;
  if (raw instanceof ArrayBuffer || ArrayBuffer.isView(raw)) {
    const bytes = raw instanceof ArrayBuffer ? new Uint8Array(raw) : new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
    const head = Buffer.from(bytes.subarray(0, 256)).toString('utf8');
    if (bytes.length === 0) return 'an empty body';
    return /^\s*<(!doctype\s+html|html|head|body)\b/i.test(head) ? 'an HTML page' : 'a body that is not JSON';
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return 'JSON that is not an error object';
  const { message, code } = raw as { message?: unknown; code?: unknown };
  const text = typeof message === 'string' ? `"${message.replace(/[\u0000-\u001f\u007f]+/g, ' ').slice(0, 120)}"` : 'JSON';
  if (typeof code === 'number' || typeof code === 'string') return `${text} (code ${String(code).slice(0, 40)})`;
  return typeof message === 'string' ? `${text}, without an error code` : 'JSON without an error code';
}

/** The route as users read it: every id is `{id}` (the route, not one server's id, is what the message is about). */
export function routeName(route: string): string {
  return route.replace(/\d{15,21}/g, '{id}');
}

/** What to do about a route the server does not have. */
export const NOT_OFFERED_HINT =
  'The server itself was read, so the id and the token are right: it lacks this route (a Discord-compatible server reached with --api-base may not offer every route Discord does). Skip the collector with --skip to leave it out.';

/** Raised when a 200 response is not the JSON document we asked for. */
export class InvalidResponseError extends Error {
  constructor(readonly route: string, detail: string) {
    super(`Discord's response for ${route} was not valid JSON (${detail}).`);
    this.name = 'InvalidResponseError';
  }
}

/**
 * Raised when an answer lacks a field the exporter needs (or has it in another form): named for the route and the
 * field, so a server that sends less than Discord does yields a clear failure of one collector, not a TypeError.
 */
export class PayloadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PayloadError';
  }
}

/** A problem a collector already understands: recorded with its own message, code and advice. */
export class ExportNotice extends Error {
  constructor(message: string, readonly hint: string, readonly code: string | number | null = null, readonly httpStatus: number | null = null) {
    super(message);
    this.name = 'ExportNotice';
  }
}

/** What to do about an answer that lacks what Discord sends. */
export const PAYLOAD_HINT =
  'The server answered without something Discord always sends. With --api-base (a proxy or a Discord-compatible server), that server sends less than Discord: this part cannot be exported from it; skip it with --skip. Against Discord itself, run again and report it if it persists.';

const TOKEN_HINT =
  'Check DISCORD_TOKEN (or the discord-token input): copy a fresh bot token from the Developer Portal > your application > Bot > Reset Token.';

/** Turns anything thrown by a request into a ClassifiedError, with advice in terms of what the collector needs. */
export function classifyError(error: unknown, needs: { permissions?: string[]; intents?: string[] } = {}): ClassifiedError {
  const base = { retryable: false, tokenRejected: false };
  // @discordjs/rest drops its token after a 401: requests already queued then fail with this message.
  if (error instanceof TokenRejectedError || (error instanceof Error && /Expected token to be set/.test(error.message))) {
    return { ...base, code: 0, http_status: 401, message: new TokenRejectedError().message, hint: TOKEN_HINT, tokenRejected: true };
  }
  if (error instanceof ExportNotice) {
    return { ...base, code: error.code, http_status: error.httpStatus, message: error.message, hint: error.hint };
  }
  if (error instanceof PayloadError) {
    return {
      ...base,
      code: 'MISSING_FIELD',
      http_status: null,
      message: error.message,
      hint: PAYLOAD_HINT,
    };
  }
  if (error instanceof DiscordAPIError) return classifyApiError(error, needs);
  if (error instanceof RateLimitError) {
    const seconds = Math.round(Math.max(error.retryAfter, error.timeToReset) / 1000);
    return {
      ...base,
      code: 'RATE_LIMITED',
      http_status: 429,
      message: `Discord asked to wait ${seconds} s before ${error.method.toUpperCase()} ${error.route}: longer than a minute, so this part was given up.`,
      hint: 'A wait this long usually means a Cloudflare ban after too many invalid (401/403/429) requests from this IP. Wait for it to lift (often about an hour), then run again; fix the cause of the invalid requests first.',
    };
  }
  if (error instanceof HTTPError) {
    return {
      ...base,
      code: `HTTP_${error.status}`,
      http_status: error.status,
      message: `Discord answered ${error.status} ${error.name.replace(/^HTTPError\s*/, '') || 'server error'} for ${error.method.toUpperCase()} ${routeOf(error.url)}.`,
      hint: 'A Discord-side error: usually temporary. Run the export again later; check https://discordstatus.com if it persists.',
      retryable: error.status >= 500,
    };
  }
  if (error instanceof InvalidResponseError || error instanceof SyntaxError) {
    return {
      ...base,
      code: 'INVALID_JSON',
      http_status: null,
      message: error instanceof InvalidResponseError ? error.message : `Discord's response was cut short or was not JSON (${(error as Error).message}).`,
      hint: 'Usually a dropped connection or a proxy in between: run again; if you use --api-base, check the proxy passes JSON through intact.',
      retryable: true,
    };
  }
  if (error instanceof Error) {
    const code = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');
    const text = `${error.name} ${error.message} ${code((error as { code?: unknown }).code)} ${code((error as { cause?: { code?: unknown } }).cause?.code)}`;
    if (error.name === 'AbortError' || /timeout|aborted/i.test(text)) {
      return { ...base, code: 'TIMEOUT', http_status: null, message: 'Discord did not answer in time (the request timed out).', hint: 'Run again; if it keeps happening, check the network or the --api-base proxy.', retryable: true };
    }
    if (/ECONNRESET|ECONNREFUSED|socket|fetch failed|other side closed|ENOTFOUND|EAI_AGAIN/i.test(text)) {
      return { ...base, code: 'NETWORK', http_status: null, message: `The connection to Discord failed (${error.message}).`, hint: 'Check the network and the API base URL (--api-base / DISCORD_API_BASE), then run again.', retryable: true };
    }
    return { ...base, code: 'INTERNAL', http_status: null, message: error.message, hint: 'An unexpected error in the exporter: please report it with this message.' };
  }
  return { ...base, code: 'INTERNAL', http_status: null, message: String(error), hint: 'An unexpected error in the exporter: please report it with this message.' };
}

function classifyApiError(error: DiscordAPIError, needs: { permissions?: string[]; intents?: string[] }): ClassifiedError {
  const base = { code: error.code, http_status: error.status, retryable: false, tokenRejected: false };
  const what = `${error.method.toUpperCase()} ${routeOf(error.url)}`;
  const said = `Discord said ${error.status} ${error.message} (code ${error.code}) for ${what}.`;
  const perms = needs.permissions?.length ? needs.permissions.join(', ') : null;
  if (error.status === 401 && isTokenRejection(error)) return { ...base, message: 'Discord rejected the bot token (401 Unauthorized).', hint: TOKEN_HINT, tokenRejected: true };
  if (error.code === TOKEN_INVALID_CODE) {
    return { ...base, message: `Discord rejected the bot token (${error.status} ${error.message}, code ${TOKEN_INVALID_CODE}).`, hint: TOKEN_HINT, tokenRejected: true };
  }
  if (error.status === 403 && needs.intents?.includes('GuildMembers') && error.code === 50001) {
    return {
      ...base,
      message: `${said} The bot lacks the Server Members privileged intent.`,
      hint: 'Enable it: Developer Portal > your application > Bot > Privileged Gateway Intents > Server Members Intent, then run again. Or run with --members none.',
    };
  }
  if (error.status === 403 || error.status === 401) {
    return {
      ...base,
      message: said,
      hint: perms
        ? `Give the bot's role the ${perms} permission (Server Settings > Roles), or skip this collector with --skip.`
        : 'The bot cannot see this: check its role and the channel permission overwrites.',
    };
  }
  if (error.status === 404 && error.code === 10004) {
    return { ...base, message: `${said} The bot is not in that guild, or the id is wrong.`, hint: INVITE_HINT };
  }
  // Only Discord's "Unknown <thing>" codes say an entity is missing. Any other 404 (no code, Discord's own code 0
  // for an unknown route, a compatible server's {"code": 404}, an HTML page) means the route itself is missing.
  // Collectors only run once the guild itself was read (the guild check), so the id is right.
  if (error.status === 404 && !isUnknownEntityCode(error.code)) {
    return {
      ...base,
      code: 'NOT_OFFERED',
      message: `This server does not offer ${error.method.toUpperCase()} ${routeName(routeOf(error.url))} (404 without a Discord error code: it answered ${describeErrorBody(error)}); a Discord-compatible server may not implement it.`,
      hint: NOT_OFFERED_HINT,
    };
  }
  if (error.status === 404) {
    return { ...base, message: `${said} It was deleted or changed while the export ran, or the bot cannot see it.`, hint: 'Run the export again; if it persists, check the bot\'s permissions in that channel.' };
  }
  return { ...base, message: said, hint: 'Check the guild id and the bot\'s permissions, then run again.' };
}

/**
 * What to tell a user whose bot cannot reach the guild: the permissions an export reads (src/cli/bot-needs.ts
 * derives them from the collectors; a test keeps the two in step). No Manage Roles: exporting never needs it.
 */
export const INVITE_HINT =
  'Check the guild id (Developer Mode > right-click the server > Copy Server ID) and invite the bot with the permissions the exporter reads: View Channels, Read Message History, Manage Server, Manage Webhooks, View Audit Log, Ban Members (for the ban count) and Manage Threads (private threads); enable the Server Members intent. `invite-url` prints an invite link with exactly these.';

/** The path of a request URL without the API prefix ("/guilds/123"). */
export function routeOf(url: string): string {
  try {
    return new URL(url).pathname.replace(/^\/api(\/v\d+)?/, '');
  } catch {
    return url;
  }
}
