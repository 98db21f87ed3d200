import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OverwriteType, PermissionFlagsBits } from 'discord-api-types/v10';
import { generateGuild } from '../../../src/fake-discord/index.js';
import { diffExports } from '../../../src/diff/index.js';
import type { GuildExport } from '../../../src/schema/types.js';
import { runCli } from '../../helpers/cli.js';
import { useFakeDiscord } from '../../helpers/fake-discord.js';


// Export, change one role's permissions and one channel's overwrites in the fake, export again: the diff
// (of export.json and of the committed snapshot.json form) names exactly those two changes.
describe('diff of two real exports', () => {
  const guild = generateGuild({ seed: 31, members: 80, text: 4, voice: 1 });
  const id = guild.guild.id;
  const read = (p: string) => JSON.parse(readFileSync(p, 'utf8')) as GuildExport;

  const ctx = useFakeDiscord([guild]);

  it('an unchanged guild diffs empty; a role and an overwrite change diff as exactly those', async () => {
    await runCli(['export', '--guild', id, '--out', join(ctx.dir, 'a')], ctx.env());
    await runCli(['export', '--guild', id, '--out', join(ctx.dir, 'b')], ctx.env());
    expect(diffExports(read(join(ctx.dir, 'a', 'export.json')), read(join(ctx.dir, 'b', 'export.json'))).changes).toEqual([]);

    const state = ctx.fake.guild(id);
    const role = state.guild.roles.find((r) => r.id !== id && !r.managed)!;
    role.permissions = (BigInt(role.permissions) | PermissionFlagsBits.BanMembers).toString();
    const channel = state.channels.find((c) => c.type === 0)!;
    (channel as { permission_overwrites: unknown[] }).permission_overwrites = [
      ...((channel as { permission_overwrites?: unknown[] }).permission_overwrites ?? []),
      { id: role.id, type: OverwriteType.Role, allow: PermissionFlagsBits.ManageMessages.toString(), deny: '0' },
    ];
    await runCli(['export', '--guild', id, '--out', join(ctx.dir, 'c')], ctx.env());

    for (const file of ['export.json', 'snapshot.json']) {
      const diff = diffExports(read(join(ctx.dir, 'b', file)), read(join(ctx.dir, 'c', file)));
      const about = diff.changes.map((c) => `${c.entity}:${c.id}`).sort();
      expect(about, file).toEqual([`channel:${channel.id}`, `role:${role.id}`].sort());
      const roleChange = diff.changes.find((c) => c.id === role.id)!;
      expect(roleChange.summary).toContain('BanMembers');
      expect(roleChange.escalation).toBe(true);
      expect(diff.changes[0].escalation).toBe(true);
    }
    const cli = await runCli(['diff', join(ctx.dir, 'b', 'snapshot.json'), join(ctx.dir, 'c', 'snapshot.json')]);
    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain('BanMembers');
    expect(cli.stdout).toContain(role.name);
  });
});
