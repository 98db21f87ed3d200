import { describe, expect, it } from 'vitest';
import { ChannelType } from 'discord-api-types/v10';
import { bitsOf, toBits } from '../../../src/discord/permissions.js';
import { botPermissions, demoGuild, raid, raidedDemoGuild, RESTORE_BOT_PERMISSIONS } from '../../../src/fake-discord/index.js';

const NOW = new Date('2026-06-01T00:00:00Z');
const ADMIN = bitsOf(['Administrator']);

describe('raid', () => {
  it('does a typical nuke by default: roles and a category with its channels gone, spam, @everyone admin, renamed, one channel opened', () => {
    const before = demoGuild(NOW);
    const g = demoGuild(NOW);
    const report = raid(g);
    expect(report.deletedRoles).toHaveLength(4);
    for (const id of report.deletedRoles) expect(g.guild.roles.some((r) => r.id === id)).toBe(false);
    // Roles named by overwrites go first (the staff-only Moderator role among them); managed roles survive.
    expect(report.deletedRoles).toContain(before.guild.roles.find((r) => r.name === 'Moderator')!.id);
    expect(g.guild.roles.filter((r) => r.managed)).toHaveLength(before.guild.roles.filter((r) => r.managed).length);
    expect(g.guild.roles.map((r) => r.position)).toEqual(g.guild.roles.map((_, i) => i));
    for (const m of g.members) for (const id of m.roles) expect(report.deletedRoles).not.toContain(id);
    for (const c of g.channels) for (const o of c.permission_overwrites ?? []) expect(report.deletedRoles).not.toContain(o.id);

    const category = before.channels.find((c) => report.deletedChannels.includes(c.id) && c.type === ChannelType.GuildCategory)!;
    const children = before.channels.filter((c) => (c as { parent_id?: string | null }).parent_id === category.id);
    expect(children.length).toBeGreaterThan(0);
    expect(report.deletedChannels).toEqual(expect.arrayContaining([category.id, ...children.map((c) => c.id)]));
    expect(report.deletedChannels).toHaveLength(children.length + 1 + 2);
    expect(g.channels).toHaveLength(before.channels.length - report.deletedChannels.length + 3);
    expect(g.channels.filter((c) => report.createdChannels.includes(c.id)).map((c) => c.name)).toEqual(['raided-lol', 'raided-lol', 'raided-lol']);

    expect(toBits(g.guild.roles[0].permissions) & ADMIN).toBe(ADMIN);
    expect(g.guild.name).toBe('raided lol');
    const opened = g.channels.find((c) => c.id === report.openedChannel)!;
    expect(opened.permission_overwrites).toEqual([{ id: g.guild.id, type: 0, allow: String(bitsOf(['ViewChannel', 'SendMessages'])), deny: '0' }]);
  });

  it('follows its options: nothing but a demoted bot', () => {
    const g = demoGuild(NOW);
    const botRole = g.guild.roles.find((r) => r.tags?.bot_id === g.botUserId)!;
    const report = raid(g, { deleteRoles: 0, deleteCategory: false, deleteChannels: 0, spamChannels: 0, everyoneAdministrator: false,
      rename: null, openChannel: false, demoteBot: true });
    expect(report).toEqual({ deletedRoles: [], deletedChannels: [], createdChannels: [], openedChannel: null });
    expect(botRole.position).toBe(1);
    expect(g.guild.name).toBe('Pixel Harbor');
    expect(toBits(g.guild.roles[0].permissions) & ADMIN).toBe(0n);
  });

  it('raidedDemoGuild grants the bot Administrator on its own role before the raid, so it can still restore once @everyone is fixed', () => {
    const g = raidedDemoGuild(NOW);
    expect(g.guild.name).toBe('raided lol');
    const botRole = g.guild.roles.find((r) => r.tags?.bot_id === g.botUserId)!;
    expect(toBits(botRole.permissions)).toBe(ADMIN);
    g.guild.roles[0].permissions = '0';
    expect(botPermissions(g) & ADMIN).toBe(ADMIN);
    const narrow = raidedDemoGuild(NOW, { botPermissions: RESTORE_BOT_PERMISSIONS, rename: 'gone' });
    expect(narrow.guild.name).toBe('gone');
    narrow.guild.roles[0].permissions = '0';
    expect(botPermissions(narrow)).toBe(RESTORE_BOT_PERMISSIONS);
  });
});
