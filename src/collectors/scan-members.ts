import type { APIGuildMember } from 'discord-api-types/v10';
import { nextTurn, type DiscordApi } from '../discord/api.js';
import { InvalidResponseError } from '../discord/errors.js';
import type { ExportMember, MemberStats, MembersMode } from '../schema/types.js';
import type { MemberSink } from './member-sink.js';

/** Discord's page size limit for GET /guilds/{id}/members. */
export const MEMBER_PAGE_SIZE = 1000;

export interface MemberScan {
  stats: MemberStats;
  /** Bot members (few; kept whole for the bots collector). */
  bots: APIGuildMember[];
  /** True when --max-members stopped the scan early. */
  truncated: boolean;
  /** A failure after some pages: the scan kept what it had. */
  error: unknown;
}

/**
 * Pages through the member list by ascending user id (`after` = highest id seen), streaming records to the sink
 * and keeping only aggregates in memory. A failure on the first page throws; a later one returns what was read.
 */
export async function scanMembers(
  api: DiscordApi,
  guildId: string,
  options: {
    members: MembersMode; maxMembers: number | null; sink: MemberSink; total: () => number | null;
    onMembers?: (fetched: number, total: number | null) => void;
    /** Settles once the second round trip has been sent (see Sources.secondRoundSent); at once when absent. */
    secondRoundSent?: () => Promise<void>;
  },
): Promise<MemberScan> {
  const stats: MemberStats = { total: 0, bots: 0, humans: 0, role_counts: {}, without_roles: 0, pending: 0, timed_out: 0 };
  const bots: APIGuildMember[] = [];
  const limit = options.maxMembers ?? Infinity;
  const fetchPage = (after: string, want: number) =>
    api.get<APIGuildMember[]>(`/guilds/${guildId}/members`, { limit: want, after });
  let truncated = false;
  let error: unknown = null;
  const now = Date.now();
  let want = Math.min(MEMBER_PAGE_SIZE, limit);
  let pending: Promise<APIGuildMember[]> | null = want > 0 ? fetchPage('0', want) : null;
  truncated = want <= 0;
  while (pending) {
    let page: APIGuildMember[];
    try {
      page = await pending;
    } catch (caught) {
      if (stats.total === 0) throw caught;
      error = caught;
      break;
    }
    if (!Array.isArray(page)) throw new InvalidResponseError(`/guilds/${guildId}/members`, 'expected an array of members');
    // Ask for the next page before working through this one: the chain of pages is the export's critical
    // path, so the cursor goes out as soon as it is known.
    pending = null;
    const seen = stats.total + page.length;
    const nextWant = Math.min(MEMBER_PAGE_SIZE, limit - seen);
    const last = page[page.length - 1]?.user?.id;
    if (page.length >= want && last) {
      if (nextWant > 0) pending = fetchPage(last, nextWant);
      else truncated = true;
    }
    want = nextWant;
    // Let that request, and any other that is ready to go, reach the wire before this page's work: it can be
    // done while they are under way. Two event-loop turns: undici checks an idle keep-alive socket in a
    // setImmediate before writing to it, queued behind our first turn. The first page also waits for the rest
    // of the second round trip (the per-channel reads) to be sent, but never past the next page's arrival: a
    // slow channel list must not hold the member chain.
    await nextTurn();
    await nextTurn();
    if (stats.total === 0 && options.secondRoundSent) {
      await Promise.race([options.secondRoundSent(), pending?.then(noop, noop) ?? new Promise(noop)]);
    }
    const records: ExportMember[] = [];
    for (const member of page) {
      if (!member.user) continue;
      count(stats, member, now);
      if (member.user.bot) bots.push(member);
      if (options.members === 'full') records.push(toExportMember(member));
    }
    await options.sink.add(records);
    options.onMembers?.(stats.total, options.total());
  }
  await options.sink.close();
  return { stats, bots, truncated, error };
}

function noop(): void {}

function count(stats: MemberStats, member: APIGuildMember, now: number): void {
  stats.total++;
  if (member.user?.bot) stats.bots++;
  else stats.humans++;
  if (member.roles.length === 0) stats.without_roles++;
  if (member.pending) stats.pending++;
  const timeout = member.communication_disabled_until;
  if (timeout && Date.parse(timeout) > now) stats.timed_out++;
  for (const role of member.roles) stats.role_counts[role] = (stats.role_counts[role] ?? 0) + 1;
}

/** The schema's member record. */
export function toExportMember(member: APIGuildMember): ExportMember {
  const user = member.user!;
  return {
    id: user.id,
    name: user.username,
    display_name: user.global_name ?? null,
    nick: member.nick ?? null,
    roles: [...member.roles].sort(),
    joined_at: member.joined_at ?? null,
    bot: user.bot === true,
    pending: member.pending === true,
    premium_since: member.premium_since ?? null,
    communication_disabled_until: member.communication_disabled_until ?? null,
  };
}
