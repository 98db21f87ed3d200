import type {
  APIChannel, APIGuild, APIGuildMember, APIThreadChannel,
} from 'discord-api-types/v10';
import type { DiscordApi } from '../discord/api.js';
import type { MemberStats, MembersMode } from '../schema/types.js';
import type { MemberSink } from './member-sink.js';
import { scanMembers, type MemberScan } from './scan-members.js';
import { scanThreads, type ThreadScan } from './scan-threads.js';

export type GuildWithCounts = APIGuild & { approximate_member_count?: number; approximate_presence_count?: number };

/**
 * Reads several collectors share, each fetched once per run (memoised in DiscordApi): the guild (which also
 * carries roles, emojis and stickers), the channel list, the member scan and the thread scan.
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

  /**
   * The guild as collectors read it: once it is in and the second round trip has been sent. Reading it (roles,
   * emojis, stickers, the server record) is work that can wait; sending the requests that depend on the first
   * round trip's answers cannot, and the event loop runs whichever is queued first.
   */
  guild(): Promise<GuildWithCounts> {
    return this.afterSecondRoundSent(this.fetchGuild());
  }

  /** The channel list as collectors read it: like guild(), after the second round trip has been sent. */
  channels(): Promise<APIChannel[]> {
    return this.afterSecondRoundSent(this.fetchChannels());
  }

  /** The guild as soon as it arrives: the guild check and the member scan's total. */
  fetchGuild(): Promise<GuildWithCounts> {
    return this.api.shared('guild', () => this.api.get<GuildWithCounts>(`/guilds/${this.guildId}`, { with_counts: true }, { critical: true }));
  }

  /** The channel list as soon as it arrives: the per-channel thread reads are built from it. */
  fetchChannels(): Promise<APIChannel[]> {
    return this.api.shared('channels', () => this.api.get<APIChannel[]>(`/guilds/${this.guildId}/channels`, undefined, { critical: true }));
  }

  private async afterSecondRoundSent<T>(read: Promise<T>): Promise<T> {
    const value = await read;
    await this.api.deferredSent();
    return value;
  }

  /**
   * Settles once the second round trip may go: the channel list is in (the per-channel reads need it; the member
   * chain's next page goes on its own as soon as the first is read, whichever comes first). The thread scan and
   * every deferred read (DiscordApi.deferUntil) wait for it. Never rejects.
   */
  readyForSecondRound(): Promise<void> {
    return this.fetchChannels().then(noop, noop);
  }

  /** Pages through every member once, streaming records to the sink; null when members are not collected. */
  memberScan(): Promise<MemberScan | null> {
    if (this.options.members === 'none') return Promise.resolve(null);
    this.memberScanStarted = true;
    // The first page goes out at once (it needs only the guild id): the member list is the critical path.
    let total: number | null = null;
    const scan = this.api.shared('members', () =>
      scanMembers(this.api, this.guildId, { ...this.options, total: () => total }),
    );
    void this.fetchGuild().then((g) => (total = g.approximate_member_count ?? null), () => undefined);
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

  /** Active and archived threads of every channel that can hold them, sent with the second round trip. */
  threadScan(): Promise<ThreadScan> {
    return this.api.shared('threads', async () => {
      await this.readyForSecondRound();
      return scanThreads(this.api, this.guildId, await this.fetchChannels());
    });
  }
}

export type { APIGuildMember, APIThreadChannel };

function noop(): void {}
