import { ChannelType, type APIChannel, type APIThreadChannel } from 'discord-api-types/v10';
import { DiscordAPIError } from '@discordjs/rest';
import type { DiscordApi } from '../discord/api.js';

export interface ThreadScan {
  threads: APIThreadChannel[];
  /** Channels whose archived threads the bot could not read (403), by kind. */
  denied: { public: string[]; private: string[] };
  /** A failure that stopped part of the scan (not a 403). */
  errors: unknown[];
}

interface ArchivedPage {
  threads: APIThreadChannel[];
  has_more: boolean;
}

const PUBLIC_PARENTS = new Set<number>([ChannelType.GuildText, ChannelType.GuildAnnouncement, ChannelType.GuildForum, ChannelType.GuildMedia]);
// Private threads exist only in text channels.
const PRIVATE_PARENTS = new Set<number>([ChannelType.GuildText]);

/**
 * Active threads (the guild-wide read, already sent by the caller: it needs no channel list, so it goes in the
 * first round trip) plus archived public and private threads of each channel that can hold them. Channels are
 * requested all at once: each channel id is its own rate-limit bucket on Discord, so the client runs them side by
 * side under the global limit.
 */
export async function scanThreads(
  api: DiscordApi,
  active: Promise<{ threads?: APIThreadChannel[] }>,
  channels: APIChannel[],
): Promise<ThreadScan> {
  const scan: ThreadScan = { threads: [], denied: { public: [], private: [] }, errors: [] };
  const byId = new Map<string, APIThreadChannel>();
  const jobs: Promise<void>[] = [
    active.then((body) => {
      for (const thread of body.threads ?? []) byId.set(thread.id, thread);
    }),
  ];
  for (const channel of channels) {
    if (PUBLIC_PARENTS.has(channel.type)) jobs.push(archived(api, channel.id, 'public', byId, scan));
    if (PRIVATE_PARENTS.has(channel.type)) jobs.push(archived(api, channel.id, 'private', byId, scan));
  }
  const results = await Promise.allSettled(jobs);
  // The guild-wide active list failing is a real failure of the scan.
  if (results[0].status === 'rejected') throw results[0].reason;
  for (const result of results.slice(1)) if (result.status === 'rejected') scan.errors.push(result.reason);
  scan.threads = [...byId.values()];
  return scan;
}

async function archived(
  api: DiscordApi,
  channelId: string,
  kind: 'public' | 'private',
  into: Map<string, APIThreadChannel>,
  scan: ThreadScan,
): Promise<void> {
  let before: string | undefined;
  for (;;) {
    let page: ArchivedPage;
    try {
      page = await api.get<ArchivedPage>(`/channels/${channelId}/threads/archived/${kind}`, { limit: 100, before }, { bulk: true });
    } catch (error) {
      // 403 here means this channel is hidden from the bot or private threads need Manage Threads: note, go on.
      if (error instanceof DiscordAPIError && error.status === 403) {
        scan.denied[kind].push(channelId);
        return;
      }
      throw error;
    }
    for (const thread of page.threads ?? []) if (!into.has(thread.id)) into.set(thread.id, thread);
    const last = page.threads?.[page.threads.length - 1];
    const stamp = last?.thread_metadata?.archive_timestamp;
    if (!page.has_more || !stamp || stamp === before) return;
    before = stamp;
  }
}
