import type { APIGuildIntegration, APIGuildMember, APIRole } from 'discord-api-types/v10';
import type { DiscordApi } from '../discord/api.js';
import { DiscordAPIError } from '@discordjs/rest';
import { classifyError, ExportNotice, isUnknownEntityCode, routeName } from '../discord/errors.js';
import { readList, readObject, SkipTally } from './payload.js';
import type { MemberStats } from '../schema/types.js';
import { emptyRoleCounts } from '../schema/role-counts.js';
import type { MemberScan } from './scan-members.js';
import type { GuildWithCounts, RoleList } from './sources.js';

/**
 * `members: counts` without reading the member list: the total from the guild's approximate count, role member
 * counts from GET /guilds/{id}/roles/member-counts (one request whatever the size of the guild), and the bots from
 * the guild's integrations and the roles Discord manages for bots, each bot's roles from its own member record. A
 * 1,000,000-member guild costs the same few requests as a small one. What only the member list can tell (members
 * without roles, pending screening, timed out) is null: not collected.
 */

/** The counts route is not offered to this bot or this server (403/404): the caller reads the member list instead. */
export class CountsUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CountsUnavailable';
  }
}

export interface CountReads {
  guild(): Promise<GuildWithCounts>;
  roles(): Promise<RoleList>;
  /** The integrations answer (shared with the integrations collector: one request). */
  integrations(): Promise<unknown>;
}

/** Statuses that mean "this route is not there for you", as opposed to a failure worth reporting. */
const UNAVAILABLE = new Set([403, 404]);

export async function countMembers(api: DiscordApi, guildId: string, reads: CountReads): Promise<MemberScan> {
  const route = `/guilds/${guildId}/roles/member-counts` as const;
  // All three go out at once: none needs another's answer.
  const counting = api.get<unknown>(route);
  const integrations = reads.integrations();
  counting.catch(noop);
  integrations.catch(noop);
  const guild = await reads.guild();
  const total = isCount(guild.approximate_member_count) ? guild.approximate_member_count : isCount(guild.member_count) ? guild.member_count : null;
  let body: unknown;
  try {
    body = await counting;
  } catch (error) {
    const c = classifyError(error);
    if (c.http_status !== null && UNAVAILABLE.has(c.http_status)) throw new CountsUnavailable(`GET ${routeName(route)} answered ${c.http_status} (${c.message})`);
    throw error;
  }
  if (total === null) throw new CountsUnavailable(`Discord's answer to GET ${routeName(`/guilds/${guildId}`)} has no approximate_member_count`);
  const roleCounts = readCounts(route, body);
  const found = await findBots(api, guildId, reads, integrations);
  const stats: MemberStats = {
    source: 'counts',
    total,
    bots: found.bots.length,
    humans: Math.max(0, total - found.bots.length),
    role_counts: roleCounts,
    without_roles: null,
    pending: null,
    timed_out: null,
  };
  return { stats, bots: found.bots, truncated: false, error: null, skipped: new SkipTally(`/guilds/${guildId}/members`), botNotices: found.notices };
}

/** role id -> members, keeping only whole non-negative counts under role-id-sized keys (anything else is not a count). */
function readCounts(route: string, body: unknown): Record<string, number> {
  const raw = readObject<Record<string, unknown>>(route, body);
  const out = emptyRoleCounts();
  for (const [id, n] of Object.entries(raw)) if (id.length > 0 && id.length <= 100 && isCount(n)) out[id] = n;
  return out;
}

/**
 * Bot users from the integrations (type `discord` with `application.bot`) and the managed roles (`tags.bot_id`),
 * each read as a member for its roles. A bot that is not a member (404) is left out; one whose record cannot be read
 * keeps its managed role, and the bot list says it is partial.
 */
async function findBots(api: DiscordApi, guildId: string, reads: CountReads, integrations: Promise<unknown>): Promise<{ bots: APIGuildMember[]; notices: ExportNotice[] }> {
  const notices: ExportNotice[] = [];
  const names = new Map<string, string>();
  const managed = new Map<string, string>();
  const iroute = `/guilds/${guildId}/integrations`;
  try {
    const { items } = readList<APIGuildIntegration>(iroute, await integrations, { id: 'string' });
    for (const i of items) {
      const bot = i.type === 'discord' ? i.application?.bot : undefined;
      if (bot && typeof bot.id === 'string' && /^\d{1,20}$/.test(bot.id)) names.set(bot.id, typeof bot.username === 'string' ? bot.username : String(i.name));
    }
  } catch (error) {
    const c = classifyError(error, { permissions: ['ManageGuild'] });
    notices.push(new ExportNotice(`Bots were found from the roles Discord manages for them only (a bot without one is missing): GET ${routeName(iroute)} could not be read (${c.message})`,
      c.hint, c.code, c.http_status));
  }
  let roles: APIRole[] = [];
  try {
    roles = (await reads.roles()).roles;
  } catch {
    // The bots collector reports the roles' failure itself.
  }
  for (const r of roles) {
    const id = r.tags?.bot_id;
    if (typeof id !== 'string' || !/^\d{1,20}$/.test(id)) continue;
    managed.set(id, r.id);
    if (!names.has(id)) names.set(id, r.name);
  }
  const failed: string[] = [];
  const bots = await Promise.all([...names].map(async ([id, name]): Promise<APIGuildMember | null> => {
    const route = `/guilds/${guildId}/members/${id}` as const;
    try {
      const m = readObject<APIGuildMember>(route, await api.get<unknown>(route), { 'user.id': 'string', roles: 'array' });
      return { ...m, user: { ...m.user!, bot: true, username: m.user!.username ?? name } };
    } catch (error) {
      // Unknown Member: the bot left. A 404 without such a code is a route the server lacks, not an absent bot.
      if (error instanceof DiscordAPIError && error.status === 404 && isUnknownEntityCode(error.code)) return null;
      failed.push(`${name}: ${classifyError(error).message}`);
      const role = managed.get(id);
      return { user: { id, username: name, bot: true, discriminator: '0', global_name: null, avatar: null }, roles: role ? [role] : [] } as unknown as APIGuildMember;
    }
  }));
  if (failed.length > 0) {
    notices.push(new ExportNotice(`${failed.length} bot member record(s) could not be read; their roles are the one Discord manages for them only (${failed.slice(0, 3).join('; ')})`,
      'Run again; if it persists, check that the bot can read members (GET /guilds/{id}/members/{user_id}).', 'BOT_MEMBER_UNREADABLE', null));
  }
  return { bots: bots.filter((b): b is APIGuildMember => b !== null), notices };
}

function isCount(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
}

function noop(): void {}
