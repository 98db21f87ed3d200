import type {
  APIChannel, APIGuild, APIGuildMember, APIRole, APIThreadChannel,
} from 'discord-api-types/v10';
import { nextTurn, type DiscordApi } from '../discord/api.js';
import { classifyError, ExportNotice, routeName } from '../discord/errors.js';
import { readList, readObject, type Shape, type SkipTally } from './payload.js';
import type { MemberStats, MembersMode } from '../schema/types.js';
import type { MemberSink } from './member-sink.js';
import { scanMembers, type MemberScan } from './scan-members.js';
import { countMembers, CountsUnavailable } from './count-members.js';
import { scanThreads, type ThreadScan } from './scan-threads.js';

export type GuildWithCounts = Omit<APIGuild, 'roles'> & {
  /** Discord always sends it; a Discord-compatible server may not (then roles come from GET /guilds/{id}/roles). */
  roles?: APIRole[];
  approximate_member_count?: number;
  approximate_presence_count?: number;
  /** Not in Discord's REST answer, but some compatible servers send it instead of the approximate counts. */
  member_count?: number;
};

/** The channel list split the way the export keeps it: threads found in it are threads, not channels. */
export interface ChannelList {
  channels: APIChannel[];
  threads: APIThreadChannel[];
  skipped: SkipTally;
}

/** The roles, from the guild answer or their own route, and the records that could not be read. */
export interface RoleList {
  roles: APIRole[];
  skipped: SkipTally;
}

const ROLE_SHAPE: Shape = { id: 'string', name: 'string', permissions: 'bits', position: 'number' };
const CHANNEL_SHAPE: Shape = { id: 'string', type: 'number' };
const THREAD_TYPES = new Set([10, 11, 12]);

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

  /** The channel list (threads left out) as collectors read it: like guild(), after the second round trip has been sent. */
  channels(): Promise<APIChannel[]> {
    return this.afterSecondRoundSent(this.fetchChannels());
  }

  /** The whole channel list, split into channels and threads, with the records that could not be read. */
  channelList(): Promise<ChannelList> {
    return this.afterSecondRoundSent(this.fetchChannelList());
  }

  /** The roles (from the guild answer, else from GET /guilds/{id}/roles) as collectors read them. */
  roles(): Promise<RoleList> {
    return this.afterSecondRoundSent(this.api.shared('roles', () => this.readRoles()));
  }

  /** The guild as soon as it arrives: for the guild check and the member scan's total. */
  fetchGuild(): Promise<GuildWithCounts> {
    const route = `/guilds/${this.guildId}` as const;
    return this.api.shared('guild', async () => readObject<GuildWithCounts>(route, await this.api.get(route, { with_counts: true }), { id: 'string' }));
  }

  /** The channel list's channels (no threads) as soon as they arrive: the per-channel thread reads are built from them. */
  async fetchChannels(): Promise<APIChannel[]> {
    return (await this.fetchChannelList()).channels;
  }

  private fetchChannelList(): Promise<ChannelList> {
    const route = `/guilds/${this.guildId}/channels` as const;
    return this.api.shared('channels', async () => {
      const { items, skipped } = readList<APIChannel>(route, await this.api.get(route), CHANNEL_SHAPE);
      // Discord leaves threads out of this list; a compatible server may put them in. They are threads either way.
      return {
        channels: items.filter((c) => !THREAD_TYPES.has(c.type)),
        threads: items.filter((c) => THREAD_TYPES.has(c.type)) as APIThreadChannel[],
        skipped,
      };
    });
  }

  private async readRoles(): Promise<RoleList> {
    const guildRoute = `/guilds/${this.guildId}`;
    const guild = await this.fetchGuild();
    if (guild.roles !== undefined && guild.roles !== null) {
      const { items, skipped } = readList<APIRole>(guildRoute, guild, ROLE_SHAPE, 'roles');
      return { roles: items, skipped };
    }
    const route = `/guilds/${this.guildId}/roles` as const;
    let body: unknown;
    try {
      body = await this.api.get(route);
    } catch (error) {
      const c = classifyError(error);
      throw new ExportNotice(`Discord's answer to GET ${routeName(guildRoute)} has no \`roles\`, and GET ${routeName(route)} could not be read either: ${c.message}`,
        c.hint, c.code, c.http_status);
    }
    const { items, skipped } = readList<APIRole>(route, body, ROLE_SHAPE);
    return { roles: items, skipped };
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

  /**
   * Member figures, once per run: with `members: counts` from Discord's counts (a handful of requests whatever the
   * guild's size), falling back to the member list when the counts route is not offered (403/404); otherwise a
   * page-by-page read of every member, streaming records to the sink. Null when members are not collected.
   */
  memberScan(): Promise<MemberScan | null> {
    if (this.options.members === 'none') return Promise.resolve(null);
    this.memberScanStarted = true;
    if (this.options.members === 'counts') return this.api.shared('members', () => this.countsOrScan());
    return this.api.shared('members', () => this.startScan());
  }

  /** The integrations answer, read once for the integrations collector and for the bots `members: counts` finds. */
  integrations(): Promise<unknown> {
    return this.api.shared('integrations', () => this.api.get<unknown>(`/guilds/${this.guildId}/integrations`));
  }

  private async countsOrScan(): Promise<MemberScan> {
    try {
      return await countMembers(this.api, this.guildId, { guild: () => this.fetchGuild(), roles: () => this.api.shared('roles', () => this.readRoles()), integrations: () => this.integrations() });
    } catch (error) {
      if (!(error instanceof CountsUnavailable)) throw error;
      const scan = await this.startScan();
      return { ...scan, fallback: `members: counts read the whole member list instead of Discord's counts: ${error.message}` };
    }
  }

  private startScan(): Promise<MemberScan> {
    // The first page goes out at once (it needs only the guild id): the member list is the critical path.
    let total: number | null = null;
    const scanning = scanMembers(this.api, this.guildId, { ...this.options, total: () => total, secondRoundSent: () => this.secondRoundSent() });
    // Its pages are the export's longest chain: the per-channel reads leave them room in every window.
    this.api.reserveFor(scanning);
    // The total (for progress) comes with the guild; asked for a turn later, so a caller sending the channel list
    // right after this one still gets it onto the wire before the guild (see preflight).
    queueMicrotask(() => void this.fetchGuild().then((g) => (total = g.approximate_member_count ?? g.member_count ?? null), () => undefined));
    return scanning;
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
      return scanThreads(this.api, active, await this.fetchChannelList());
    });
  }
}

/** `read`'s value; its failure restated for the collector that needed it ("Bot permissions need the roles: ..."). */
export async function needing<T>(what: string, read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (error) {
    const c = classifyError(error);
    throw new ExportNotice(`${what}: ${c.message}`, c.hint, c.code, c.http_status);
  }
}

export type { APIGuildMember, APIThreadChannel };

function noop(): void {}
