import { ChannelType, OverwriteType } from 'discord-api-types/v10';
import { bitsOf, toBits } from '../discord/permissions.js';
import { botTopRole, compareRoles, setBotPermissions } from './bot-perms.js';
import { startOfUtcDay } from './builder.js';
import { demoGuild } from './demo.js';
import { channelDefaults } from './write-channel-fields.js';
import { removeChannel } from './write-channels.js';
import { nextId } from './ids.js';
import { removeRole, renumber } from './write-roles.js';
import type { FakeChannel, FakeGuild } from './types.js';

/** What a raid does; every field optional, the defaults make a typical nuke. */
export interface RaidOptions {
  /** Roles to delete (default 4): those channel overwrites name first, then the highest others. Managed roles survive. */
  deleteRoles?: number;
  /** Delete the first category that has channels, with every channel in it (default true). */
  deleteCategory?: boolean;
  /** Further channels to delete outside that category (default 2): the first text and the first voice channel left. */
  deleteChannels?: number;
  /** Spam channels the raider leaves behind (default 3). */
  spamChannels?: number;
  /** Grant @everyone Administrator (default true). */
  everyoneAdministrator?: boolean;
  /** The server's new name (default "raided lol"); null keeps the name. */
  rename?: string | null;
  /** Open one channel that had overwrites to everyone: its overwrites become one allowing @everyone in (default true). */
  openChannel?: boolean;
  /** Move the bot's role to the bottom, below every other role (default false: most nukes leave bots alone). */
  demoteBot?: boolean;
}

/** What a raid changed, by id, for tests to check a restore against. */
export interface RaidReport {
  deletedRoles: string[];
  deletedChannels: string[];
  createdChannels: string[];
  openedChannel: string | null;
}

const parentOf = (c: FakeChannel): string | null => (c as { parent_id?: string | null }).parent_id ?? null;

/** Mutates `g` the way a compromised admin's nuke does, deterministically. */
export function raid(g: FakeGuild, options: RaidOptions = {}): RaidReport {
  const o = { deleteRoles: 4, deleteCategory: true, deleteChannels: 2, spamChannels: 3, everyoneAdministrator: true,
    rename: 'raided lol', openChannel: true, demoteBot: false, ...options };
  const report: RaidReport = { deletedRoles: [], deletedChannels: [], createdChannels: [], openedChannel: null };

  const category = o.deleteCategory ? g.channels.find((c) => c.type === ChannelType.GuildCategory && g.channels.some((x) => parentOf(x) === c.id)) : undefined;
  const opened = o.openChannel ? g.channels.find((c) => c.type !== ChannelType.GuildCategory && parentOf(c) !== category?.id
    && (c.permission_overwrites?.length ?? 0) > 0) : undefined;
  if (opened) {
    opened.permission_overwrites = [{ id: g.guild.id, type: OverwriteType.Role, allow: String(bitsOf(['ViewChannel', 'SendMessages'])), deny: '0' }];
    report.openedChannel = opened.id;
  }

  const named = new Set(g.channels.flatMap((c) => (c.permission_overwrites ?? []).map((x) => x.id)));
  const candidates = g.guild.roles.filter((r) => !r.managed && r.id !== g.guild.id).sort((a, b) =>
    Number(named.has(b.id)) - Number(named.has(a.id)) || compareRoles(b, a));
  for (const role of candidates.slice(0, o.deleteRoles)) {
    removeRole(g, role);
    report.deletedRoles.push(role.id);
  }

  if (category) {
    for (const child of g.channels.filter((x) => parentOf(x) === category.id)) {
      removeChannel(g, child);
      report.deletedChannels.push(child.id);
    }
    removeChannel(g, category);
    report.deletedChannels.push(category.id);
  }
  const others = [ChannelType.GuildText, ChannelType.GuildVoice].map((t) => g.channels.find((c) => c.type === t && c.id !== opened?.id)).filter((c) => c !== undefined);
  for (const ch of others.slice(0, o.deleteChannels)) {
    removeChannel(g, ch);
    report.deletedChannels.push(ch.id);
  }

  for (let i = 0; i < o.spamChannels; i++) {
    const ch = { ...channelDefaults(nextId(g), g.guild.id, ChannelType.GuildText), name: 'raided-lol', position: i } as unknown as FakeChannel;
    g.channels.push(ch);
    report.createdChannels.push(ch.id);
  }

  const everyone = g.guild.roles.find((r) => r.id === g.guild.id);
  if (o.everyoneAdministrator && everyone) everyone.permissions = String(toBits(everyone.permissions) | bitsOf(['Administrator']));
  if (o.rename !== null) g.guild.name = o.rename;
  const top = botTopRole(g);
  if (o.demoteBot && top) {
    top.position = 0.5;
    renumber(g);
  }
  return report;
}

/**
 * The demo guild ("Pixel Harbor") after a nuke, for `--demo` restores. Its bot's role was given Administrator
 * first (what restore bots ask for: Discord lets a bot grant only permissions it holds, and the demo's roles grant
 * Kick, Ban and more); `botPermissions` sets another grant, e.g. RESTORE_BOT_PERMISSIONS to see refusals planned.
 */
export function raidedDemoGuild(now: Date = startOfUtcDay(), options: RaidOptions & { botPermissions?: bigint } = {}): FakeGuild {
  const { botPermissions = bitsOf(['Administrator']), ...raidOptions } = options;
  const g = demoGuild(now);
  setBotPermissions(g, botPermissions);
  raid(g, raidOptions);
  return g;
}
