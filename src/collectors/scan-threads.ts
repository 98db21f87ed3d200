import { ChannelType, type APIThreadChannel } from 'discord-api-types/v10';
import { DiscordAPIError } from '@discordjs/rest';
import type { DiscordApi } from '../discord/api.js';
import { ExportNotice, isRouteNotOffered, NOT_OFFERED_HINT, routeName } from '../discord/errors.js';
import { readList, readObject, SkipTally, type Shape } from './payload.js';
import { StuckCursorError, timestampMovedBack } from './cursor.js';
import type { ChannelList } from './sources.js';

export interface ThreadScan {
  threads: APIThreadChannel[];
  /** Channels whose archived threads the bot could not read (403), by kind. */
  denied: { public: string[]; private: string[] };
  /** Routes the server does not offer (404 while the guild itself was read), as users read them ("GET /guilds/{id}/threads/active"). */
  unavailable: string[];
  /** Thread records that could not be read (no id or type). */
  skipped: SkipTally;
  /** A failure that stopped part of the scan (not a 403 or a 404). */
  errors: unknown[];
}

interface ArchivedPage {
  threads: APIThreadChannel[];
  has_more?: boolean;
}

const THREAD_SHAPE: Shape = { id: 'string', type: 'number' };
const PUBLIC_PARENTS = new Set<number>([ChannelType.GuildText, ChannelType.GuildAnnouncement, ChannelType.GuildForum, ChannelType.GuildMedia]);
// Private threads exist only in text channels.
const PRIVATE_PARENTS = new Set<number>([ChannelType.GuildText]);

/**
 * Active threads (the guild-wide read, already sent by the caller: it needs no channel list, so it goes in the
 * first round trip) plus archived public and private threads of each channel that can hold them, plus any thread
 * the channel list itself carried. Channels are requested all at once: each channel id is its own rate-limit
 * bucket on Discord, so the client runs them side by side under the global limit.
 */
export async function scanThreads(
  api: DiscordApi,
  active: Promise<unknown>,
  list: ChannelList,
): Promise<ThreadScan> {
  const scan: ThreadScan = { threads: [], denied: { public: [], private: [] }, unavailable: [], skipped: new SkipTally('/guilds/{id}/threads/active and /channels/{id}/threads/archived/*'), errors: [] };
  const byId = new Map<string, APIThreadChannel>();
  for (const thread of list.threads) byId.set(thread.id, thread);
  const unavailable = new Set<string>();
  // Whether any source of threads answered: the channel list carrying some, the active list, an archived page.
  let listed = list.threads.length > 0;
  const onListed = (read: boolean): void => {
    if (read) listed = true;
  };
  const activeRoute = `/guilds/{id}/threads/active`;
  const jobs: Promise<void>[] = [
    active.then((body) => {
      const { items, skipped } = readList<APIThreadChannel>(activeRoute, readObject(activeRoute, body), THREAD_SHAPE, 'threads');
      scan.skipped.merge(skipped);
      listed = true;
      for (const thread of items) byId.set(thread.id, thread);
    }, (error: unknown) => {
      if (!isNotOffered(error)) throw error;
      unavailable.add(`GET ${activeRoute}`);
    }),
  ];
  for (const channel of list.channels) {
    if (PUBLIC_PARENTS.has(channel.type)) jobs.push(archived(api, channel.id, 'public', byId, scan, unavailable).then(onListed));
    if (PRIVATE_PARENTS.has(channel.type)) jobs.push(archived(api, channel.id, 'private', byId, scan, unavailable).then(onListed));
  }
  const results = await Promise.allSettled(jobs);
  // The guild-wide active list failing is a real failure of the scan.
  if (results[0].status === 'rejected') throw results[0].reason;
  for (const result of results.slice(1)) if (result.status === 'rejected') scan.errors.push(result.reason);
  scan.threads = [...byId.values()];
  scan.unavailable = [...unavailable].sort();
  // Not one list of threads could be read: "no threads" would be a guess, so the scan fails.
  if (!listed && unavailable.size > 0) {
    throw new ExportNotice(`This server does not offer ${scan.unavailable.join(', ')} (404 while the server itself was read), and its channel list carries no threads: threads could not be listed.`,
      NOT_OFFERED_HINT, 'NOT_OFFERED', 404);
  }
  return scan;
}

/** A 404 without a Discord "unknown <thing>" code: the route itself is missing on this server. */
function isNotOffered(error: unknown): boolean {
  return isRouteNotOffered(error);
}

/** Pages through one channel's archived threads into `into`; true when at least one page was read. */
async function archived(
  api: DiscordApi,
  channelId: string,
  kind: 'public' | 'private',
  into: Map<string, APIThreadChannel>,
  scan: ThreadScan,
  unavailable: Set<string>,
): Promise<boolean> {
  const route = `/channels/${channelId}/threads/archived/${kind}` as const;
  let before: string | undefined;
  for (;;) {
    let page: ArchivedPage;
    try {
      const body = await api.get(route, { limit: 100, before }, { bulk: true });
      const { items, skipped } = readList<APIThreadChannel>(route, body, THREAD_SHAPE, 'threads');
      scan.skipped.merge(skipped);
      page = { threads: items, has_more: (body as { has_more?: unknown }).has_more === true };
    } catch (error) {
      // 403 here means this channel is hidden from the bot or private threads need Manage Threads: note, go on.
      if (error instanceof DiscordAPIError && error.status === 403) {
        scan.denied[kind].push(channelId);
        return false;
      }
      if (isNotOffered(error)) {
        unavailable.add(`GET ${routeName(route)}`);
        return false;
      }
      throw error;
    }
    for (const thread of page.threads) if (!into.has(thread.id)) into.set(thread.id, thread);
    const last = page.threads[page.threads.length - 1];
    const stamp = last?.thread_metadata?.archive_timestamp;
    if (!page.has_more || !stamp) return true;
    if (!timestampMovedBack(before, stamp)) throw new StuckCursorError(route, 'before', before ?? '(none)', stamp, `${into.size} threads`);
    before = stamp;
  }
}
