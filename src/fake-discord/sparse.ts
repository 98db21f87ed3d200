import type { APIGuildMember, APIRole } from 'discord-api-types/v10';
import { apiError, type Reply } from './errors.js';
import type { FakeGuild } from './types.js';
import { memberTotal } from './lazy-members.js';

/**
 * Sparse mode: a Discord-compatible server that is not Discord. It answers the same routes with less: the guild
 * without `roles` and without approximate counts (but with `member_count`), some member items without `user`,
 * threads listed among the channels, no scheduled events, onboarding, soundboard or thread routes (404), and a bad
 * token gets 400 with code 40001 instead of a 401.
 */

/** Route patterns a sparse server does not offer: they answer 404 "404: Not Found" (code 0). */
export const SPARSE_MISSING_ROUTES: ReadonlySet<string> = new Set([
  '/guilds/:guild/scheduled-events',
  '/guilds/:guild/onboarding',
  '/guilds/:guild/soundboard-sounds',
  '/guilds/:guild/threads/active',
  '/channels/:channel/threads/archived/public',
  '/channels/:channel/threads/archived/private',
]);

/** What a sparse server answers a token it does not accept. */
export const SPARSE_BAD_TOKEN = (): Reply => apiError(400, 40001, 'Unauthorized');

/** True for the members a sparse server sends without `user` (about one in ten, chosen by id so tests can count them). */
export function sparseDropsUser(member: APIGuildMember): boolean {
  return member.user.id.endsWith('7');
}

/** The sparse server's body for a route, made from the Discord-shaped one the fake would send. */
export function sparseBody(pattern: string, body: unknown, guild: FakeGuild): unknown {
  switch (pattern) {
    case '/guilds/:guild': {
      const { roles: _roles, approximate_member_count: _m, approximate_presence_count: _p, ...rest } = body as Record<string, unknown>;
      return { ...rest, member_count: memberTotal(guild) };
    }
    case '/guilds/:guild/channels':
      return [...(body as unknown[]), ...guild.threads];
    case '/guilds/:guild/members':
      return (body as APIGuildMember[]).map((m) => {
        if (!guild.membersWithoutUser && !sparseDropsUser(m)) return guild.botsUnmarked ? unmarked(m) : m;
        const { user: _user, ...rest } = m;
        return rest;
      });
    case '/guilds/:guild/members/:user':
      return guild.botsUnmarked ? unmarked(body as APIGuildMember) : body;
    case '/guilds/:guild/roles':
      return guild.botsUnmarked ? (body as APIRole[]).map((r) => ({ ...r, tags: null })) : body;
    case '/guilds/:guild/integrations':
      return guild.botsUnmarked ? [] : body;
    default:
      return body;
  }
}

/** A member record whose user carries no `bot` flag. */
function unmarked(m: APIGuildMember): APIGuildMember {
  if (!m.user) return m;
  const { bot: _bot, ...user } = m.user;
  return { ...m, user: user as APIGuildMember['user'] };
}
