import { DiscordAPIError } from '@discordjs/rest';
import type {
  APIAutoModerationRule, APIChannel, APIGuild, APIGuildMember, APIGuildOnboarding, APIGuildWelcomeScreen, APIRole, APIUser,
} from 'discord-api-types/v10';
import type { DiscordApi } from '../discord/api.js';
import { toBits } from '../discord/permissions.js';

/** The live server as the planner needs it: Discord's own payloads, read once. */
export interface LiveState {
  guild: APIGuild;
  roles: APIRole[];
  channels: LiveChannel[];
  bot: BotStanding;
  /** null when the bot cannot read them (no Manage Server): AutoMod is then skipped, never rewritten blind. */
  automod: APIAutoModerationRule[] | null;
  /** undefined when unreadable; null when the server has none. */
  welcome: APIGuildWelcomeScreen | null | undefined;
  onboarding: APIGuildOnboarding | null;
  /** Only read for --member-roles. */
  members: APIGuildMember[] | null;
}

/** A live channel as Discord sends it: only what the planner relies on is typed. */
export interface LiveChannel {
  id: string;
  type: number;
  name?: string;
  position?: number;
  parent_id?: string | null;
  permission_overwrites?: { id: string; type: number; allow: string; deny: string }[];
  [field: string]: unknown;
}

/** What the bot may do here: Discord refuses anything at or above its highest role, and any permission it lacks. */
export interface BotStanding {
  id: string;
  /** Its roles' ids (@everyone left out). */
  roleIds: string[];
  owner: boolean;
  /** Position of its highest role (0 = only @everyone). */
  top: number;
  permissions: bigint;
  administrator: boolean;
}

const ADMINISTRATOR = 1n << 3n;

/** Reads what a plan compares against. Errors reading the guild itself propagate (the caller maps them to exit 2). */
export async function readLive(api: DiscordApi, guildId: string, options: { members: boolean; token?: string }): Promise<LiveState> {
  // Everything but the bot's member record is asked at once (a round trip each otherwise, before the first write);
  // the guild's own answer is awaited first, so an unknown server or a bad token is reported as such.
  const reads = Promise.all([
    api.get<APIRole[]>(`/guilds/${guildId}/roles`),
    api.get<APIChannel[]>(`/guilds/${guildId}/channels`),
    api.get<APIUser>('/users/@me'),
    optional(() => api.get<APIAutoModerationRule[]>(`/guilds/${guildId}/auto-moderation/rules`), null),
    optional(() => api.get<APIGuildWelcomeScreen>(`/guilds/${guildId}/welcome-screen`), undefined, true),
    optional(() => api.get<APIGuildOnboarding>(`/guilds/${guildId}/onboarding`), null),
    options.members ? readMembers(api, guildId) : Promise.resolve(null),
  ]);
  reads.catch(() => undefined);
  // The bot's member record needs its user id, which a bot token starts with (base64): asked in the same round trip,
  // it saves one before the first write. /users/@me decides; a token that says otherwise costs the round trip.
  const hinted = options.token ? botIdOf(options.token) : null;
  const early = hinted ? api.get<APIGuildMember>(`/guilds/${guildId}/members/${hinted}`) : null;
  early?.catch(() => undefined);
  const guild = await api.get<APIGuild>(`/guilds/${guildId}`);
  const [roles, channels, me, automod, welcome, onboarding, members] = await reads;
  const member = early && me.id === hinted ? await early : await api.get<APIGuildMember>(`/guilds/${guildId}/members/${me.id}`);
  const bot = standing(guild, roles, me.id, member.roles ?? []);
  return { guild, roles: Array.isArray(roles) ? roles : [], channels: (Array.isArray(channels) ? channels : []) as unknown as LiveChannel[], bot, automod, welcome, onboarding, members };
}

/** The user id a bot token starts with (its first part is the id in base64), or null when it does not. */
export function botIdOf(token: string): string | null {
  const first = token.replace(/^Bot\s+/i, '').split('.')[0] ?? '';
  const id = Buffer.from(first, 'base64').toString('utf8');
  return /^\d{17,20}$/.test(id) ? id : null;
}

/** The bot's highest role and permissions, from its member record (the owner and Administrator may do anything). */
export function standing(guild: APIGuild, roles: APIRole[], botId: string, memberRoles: string[]): BotStanding {
  const held = roles.filter((r) => memberRoles.includes(r.id) || r.id === guild.id);
  const permissions = held.reduce((acc, r) => acc | toBits(r.permissions), 0n);
  const top = held.filter((r) => r.id !== guild.id).reduce((max, r) => Math.max(max, r.position), 0);
  const owner = guild.owner_id === botId;
  return { id: botId, roleIds: memberRoles, owner, top: owner ? Number.MAX_SAFE_INTEGER : top, permissions, administrator: owner || (permissions & ADMINISTRATOR) !== 0n };
}

/** A read that may be refused (403) or absent (404: none set up); anything else is a real failure. */
async function optional<T, F>(read: () => Promise<T>, fallback: F, notFoundIsNone = false): Promise<T | F | null> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof DiscordAPIError && error.status === 404 && notFoundIsNone) return null;
    if (error instanceof DiscordAPIError && (error.status === 403 || error.status === 404)) return fallback;
    throw error;
  }
}

/** Pages of 1,000 read at most: a restore re-grants roles on servers up to this size and never reads without end. */
const MAX_MEMBER_PAGES = 100;

async function readMembers(api: DiscordApi, guildId: string): Promise<APIGuildMember[]> {
  const all: APIGuildMember[] = [];
  let after = '0';
  for (let n = 0; n < MAX_MEMBER_PAGES; n++) {
    const page = await api.get<APIGuildMember[]>(`/guilds/${guildId}/members`, { limit: 1000, after });
    if (!Array.isArray(page) || page.length === 0) break;
    all.push(...page);
    const last = page[page.length - 1]?.user?.id;
    if (!last || !/^\d{1,20}$/.test(last) || page.length < 1000 || BigInt(last) <= BigInt(after)) break;
    after = last;
  }
  return all;
}
