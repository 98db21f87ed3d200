import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateGuild, sparseDropsUser } from '../../../src/fake-discord/index.js';
import { runCli } from '../../helpers/cli.js';
import { useFakeDiscord } from '../../helpers/fake-discord.js';

type Json = Record<string, any>;

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
const check = (exp: Json, id: string) => (exp.summary.checks as Json[]).find((c) => c.id === id)!;

// A Discord-compatible server that sends member records without `user`: what could not be counted is never 0.
describe('member records without `user`', () => {
  const guild = generateGuild({ seed: 52, members: 120, text: 3 });
  const GUILD = guild.guild.id;
  const ctx = useFakeDiscord([guild], { sparse: true });

  it('none readable: totals come from the server count or are not collected, role counts are not collected, unused_roles is not applicable', async () => {
    ctx.fake.guild(GUILD).membersWithoutUser = true;
    try {
      const out = join(ctx.dir, 'no-user');
      const run = await runCli(['export', '--guild', GUILD, '--out', out, '--json'], ctx.env());
      expect(run.code).toBe(0);
      const exp = JSON.parse(read(out, 'export.json')) as Json;
      expect(exp.meta.collectors.members.status).toBe('partial');
      expect(exp.member_stats).toEqual({ not_collected: expect.stringMatching(/^no member record could be read: 120 member record\(s\)/) });
      // The member total is the server's own count; bots could not be told from the member list.
      expect(exp.server.member_count).toBe(guild.members.length);
      expect(exp.summary.total_members).toBe(guild.members.length);
      expect(exp.summary.total_bots).toBeNull();
      expect((JSON.parse(run.stdout) as Json).counts.members).toBe(guild.members.length);
      // Roles held by members the export could not read are not "held by nobody".
      expect((exp.roles as Json[]).map((r) => r.member_count)).toEqual(exp.roles.map(() => null));
      expect(exp.meta.collectors.roles.status).toBe('partial');
      expect(exp.errors.find((e: Json) => e.collector === 'roles').message).toMatch(/^Role member counts are not collected: they would leave out 120 member record\(s\)/);
      expect(check(exp, 'unused_roles').outcome).toBe('not_applicable');

      const prompt = read(out, 'audit-prompt.md');
      expect(prompt).not.toMatch(/Members: 0\b/);
      expect(prompt).toContain(`- Members: ${guild.members.length} (the server's count; bots, members without roles and pending screening not collected (no member record could be read`);
      expect(read(out, 'snapshot.md')).not.toMatch(/\| 0 \| [^|]*\| [^|]*\|$/m);
    } finally {
      ctx.fake.guild(GUILD).membersWithoutUser = false;
    }
  });

  it('some readable: the member total is the server count, the aggregates are partial and role counts not collected', async () => {
    const dropped = guild.members.filter(sparseDropsUser).length;
    expect(dropped).toBeGreaterThan(0);
    const out = join(ctx.dir, 'some-user');
    const run = await runCli(['export', '--guild', GUILD, '--out', out, '--formats', 'json,prompt', '--json'], ctx.env());
    expect(run.code).toBe(0);
    const exp = JSON.parse(read(out, 'export.json')) as Json;
    expect(exp.member_stats.total).toBe(guild.members.length - dropped);
    expect(exp.summary.total_members).toBe(guild.members.length);
    expect((JSON.parse(run.stdout) as Json).counts.members).toBe(guild.members.length);
    expect((exp.roles as Json[]).every((r) => r.member_count === null)).toBe(true);
    expect(check(exp, 'unused_roles').outcome).toBe('not_applicable');
    expect(read(out, 'audit-prompt.md')).toContain(`- Members: ${guild.members.length} (the server's count; bots, members without roles and pending screening not collected (counted from part of the member list: ${dropped} member record(s)`);
  });
});
