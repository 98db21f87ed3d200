import type { APIGuildMember } from 'discord-api-types/v10';
import { nextTurn, type DiscordApi } from '../discord/api.js';
import { classifyError, ExportNotice, PAYLOAD_HINT } from '../discord/errors.js';
import { readList, SkipTally, type Shape } from './payload.js';
import { snowflakeMovedOn, StuckCursorError } from './cursor.js';
import type { ExportMember, MemberStats, MembersMode } from '../schema/types.js';
import type { MemberSink } from './member-sink.js';
import { countRole, emptyRoleCounts } from '../schema/role-counts.js';

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
  /** Member records that could not be read (no `user`, no `roles`): left out of the list and of every count. */
  skipped: SkipTally;
  /** `members: counts`: why the bot list may be incomplete (integrations or a bot's member record unreadable). */
  botNotices?: ExportNotice[];
  /** `members: counts` read the member list after all: why Discord's counts could not be used. */
  fallback?: string;
}

/** What a member record must have to be counted. */
const MEMBER_SHAPE: Shape = { 'user.id': 'string', roles: 'array' };

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
  const stats: MemberStats = { source: 'member_list', total: 0, bots: 0, humans: 0, role_counts: emptyRoleCounts(), without_roles: 0, pending: 0, timed_out: 0 };
  const bots: APIGuildMember[] = [];
  const limit = options.maxMembers ?? Infinity;
  const route = `/guilds/${guildId}/members` as const;
  const skipped = new SkipTally(route);
  const fetchPage = (after: string, want: number) => {
    const page = api.get<unknown>(route, { limit: want, after }).then((body) => readList<APIGuildMember>(route, body, MEMBER_SHAPE));
    // Awaited only after this page's work: a failure arriving before then is not an unhandled rejection.
    page.catch(noop);
    return page;
  };
  let error: unknown = null;
  const now = Date.now();
  let want = Math.min(MEMBER_PAGE_SIZE, limit);
  let cursor = '0';
  let pending: ReturnType<typeof fetchPage> | null = want > 0 ? fetchPage(cursor, want) : null;
  let truncated = want <= 0;
  let seen = 0;
  while (pending) {
    let page: APIGuildMember[];
    let size: number;
    try {
      const read = await pending;
      page = read.items;
      size = page.length + read.skipped.total;
      skipped.merge(read.skipped);
    } catch (caught) {
      if (seen === 0) throw caught;
      error = caught;
      break;
    }
    // Ask for the next page before working through this one: the chain of pages is the export's critical
    // path, so the cursor goes out as soon as it is known. Records that could not be read still count toward
    // the page (and the --max-members budget): the server sent them.
    pending = null;
    seen += size;
    const nextWant = Math.min(MEMBER_PAGE_SIZE, limit - seen);
    const last = page[page.length - 1]?.user?.id;
    if (size >= want) {
      if (!last) error = new ExportNotice(`A full page of Discord's answer to GET /guilds/{id}/members had no member with a user id to page on from: the member list stops after ${seen} records.`, PAYLOAD_HINT, 'MISSING_FIELD', null);
      else if (!snowflakeMovedOn(cursor, last, 'after')) {
        // A page that did not move on holds members already read (or out of order): it is left out.
        seen -= size;
        page = [];
        error = new StuckCursorError(route, 'after', cursor, last, `${seen} records`);
      }
      else if (nextWant > 0) pending = fetchPage((cursor = last), nextWant);
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
    if (seen === size && options.secondRoundSent) {
      await Promise.race([options.secondRoundSent(), pending?.then(noop, noop) ?? new Promise(noop)]);
    }
    const records: ExportMember[] = [];
    for (const member of page) {
      count(stats, member, now);
      if (member.user.bot) bots.push(member);
      if (options.members === 'full') records.push(toExportMember(member));
    }
    await options.sink.add(records);
    options.onMembers?.(stats.total, options.total());
  }
  await options.sink.close();
  return { stats, bots, truncated, error, skipped };
}

/**
 * Why numbers taken from this scan (role member counts, the bot list) are incomplete, one notice per reason, in
 * terms of `what` ("Role member counts"). Empty when the scan read the whole member list.
 */
export function incompleteScanNotices(scan: MemberScan, what: string): ExportNotice[] {
  const notices: ExportNotice[] = [];
  const read = `${scan.stats.total} member(s)`;
  if (scan.truncated) {
    notices.push(new ExportNotice(`${what} come from the first ${read} only: --max-members stopped the member list early.`,
      `Run without --max-members (or with a higher one) for complete ${what.toLowerCase()}.`, 'MEMBERS_TRUNCATED', null));
  }
  if (scan.error) {
    const c = classifyError(scan.error);
    notices.push(new ExportNotice(`${what} come from the first ${read} only: the member list failed part-way (${c.message})`, c.hint, c.code, c.http_status));
  }
  if (scan.skipped.total > 0) {
    notices.push(new ExportNotice(`${what} leave out ${scan.skipped.total} member record(s) that could not be read (see the members collector).`,
      PAYLOAD_HINT, 'MALFORMED_RECORDS', null));
  }
  return notices;
}

function noop(): void {}

function count(stats: MemberStats, member: APIGuildMember, now: number): void {
  stats.total++;
  if (member.user?.bot) stats.bots++;
  else stats.humans++;
  // The scan starts these at 0 (it reads every member); null is `members: counts`' "not collected".
  if (member.roles.length === 0) stats.without_roles = (stats.without_roles ?? 0) + 1;
  if (member.pending) stats.pending = (stats.pending ?? 0) + 1;
  const timeout = member.communication_disabled_until;
  if (timeout && Date.parse(timeout) > now) stats.timed_out = (stats.timed_out ?? 0) + 1;
  for (const role of member.roles) if (typeof role === 'string') countRole(stats.role_counts, role);
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
