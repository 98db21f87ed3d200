import type {
  APIChannel, APIGuild, APIGuildMember, APIThreadChannel,
} from 'discord-api-types/v10';
import { nextTurn, type DiscordApi } from '../discord/api.js';
import type { MemberStats, MembersMode } from '../schema/types.js';
import type { MemberSink } from './member-sink.js';
import { scanMembers, type MemberScan } from './scan-members.js';
import { scanThreads, type ThreadScan } from './scan-threads.js';

export type GuildWithCounts = APIGuild & { approximate_member_count?: number; approximate_presence_count?: number };

/**
 * Reads several collectors share, each fetched once per run (memoised in DiscordApi): the guild (which also
 * carries roles, emojis and stickers), the channel list, the member scan and the thread scan. They also set the
 * export's two round trips: everything that needs only the guild id goes in the first; the second carries what
 * the first's answers make possible (the next member page, the per-channel thread reads), and work that can
 * wait (collectors reading the guild and the channel list, spooling the first member page) waits until the
 * second round has been sent, because the event loop runs whichever is queued first.
 */
export class Sources {
  constructor(
    private readonly api: DiscordApi,
    private readonly guildId: string,
    private readonly options: {
      members: MembersMode;
      maxMembers: number | null;
      sink: MemberSink;
      onMembers?: (fetched: number, total: number | null) => void;
    },
  ) {}

  private memberScanStarted = false;
  private sent: Promise<void> | null = null;

  /** The guild as collectors read it: once it is in and the second round trip has been sent. */
  guild(): Promise<GuildWithCounts> {
    return this.afterSecondRoundSent(this.fetchGuild());
  }

  /** The channel list as collectors read it: like guild(), after the second round trip has been sent. */
  channels(): Promise<APIChannel[]> {
    return this.afterSecondRoundSent(this.fetchChannels());
  }

  /** The guild as soon as it arrives: for the guild check and the member scan's total. */
  fetchGuild(): Promise<GuildWithCounts> {
    return this.api.shared('guild', () => this.api.get<GuildWithCounts>(`/guilds/${this.guildId}`, { with_counts: true }));
  }

  /** The channel list as soon as it arrives: the per-channel thread reads are built from it. */
  fetchChannels(): Promise<APIChannel[]> {
    return this.api.shared('channels', () => this.api.get<APIChannel[]>(`/guilds/${this.guildId}/channels`));
  }

  private async afterSecondRoundSent<T>(read: Promise<T>): Promise<T> {
    const value = await read;
    await this.secondRoundSent();
    return value;
  }

  /**
   * Settles once the second round trip's per-channel reads have been handed to their sockets: two event-loop
   * turns after the channel list is in (undici checks an idle keep-alive socket in a setImmediate before it
   * writes to it). The member chain's next page does not wait for it: it goes as soon as the first is read.
   * Never rejects.
   */
  secondRoundSent(): Promise<void> {
    this.sent ??= this.fetchChannels().then(noop, noop).then(nextTurn).then(nextTurn);
    return this.sent;
  }

  /** Pages through every member once, streaming records to the sink; null when members are not collected. */
  memberScan(): Promise<MemberScan | null> {
    if (this.options.members === 'none') return Promise.resolve(null);
    this.memberScanStarted = true;
    // The first page goes out at once (it needs only the guild id): the member list is the critical path.
    let total: number | null = null;
    const scan = this.api.shared('members', () => {
      const scanning = scanMembers(this.api, this.guildId, { ...this.options, total: () => total, secondRoundSent: () => this.secondRoundSent() });
      // Its pages are the export's longest chain: the per-channel reads leave them room in every window.
      this.api.reserveFor(scanning);
      return scanning;
    });
    // The total (for progress) comes with the guild; asked for a turn later, so a caller sending the channel list
    // right after this one still gets it onto the wire before the guild (see preflight).
    queueMicrotask(() => void this.fetchGuild().then((g) => (total = g.approximate_member_count ?? null), () => undefined));
    return scan;
  }

  /** The member scan if a collector started one, else null: never starts the paging on its own. */
  memberScanIfStarted(): Promise<MemberScan | null> {
    return this.memberScanStarted ? this.memberScan() : Promise.resolve(null);
  }

  /** Member aggregates, or null when not collected. */
  async memberStats(): Promise<MemberStats | null> {
    return (await this.memberScan())?.stats ?? null;
  }

  /**
   * Active threads (one guild-wide read, sent at once) and the archived threads of every channel that can hold
   * them (sent with the second round trip, once the channel list is in).
   */
  threadScan(): Promise<ThreadScan> {
    return this.api.shared('threads', async () => {
      const active = this.api.get<{ threads: APIThreadChannel[] }>(`/guilds/${this.guildId}/threads/active`);
      active.catch(noop);
      return scanThreads(this.api, active, await this.fetchChannels());
    });
  }
}

export type { APIGuildMember, APIThreadChannel };

function noop(): void {}
