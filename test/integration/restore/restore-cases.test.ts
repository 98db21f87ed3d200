import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoGuild, DEMO_GUILD_ID, raid, RESTORE_BOT_PERMISSIONS, setBotPermissions } from '../../../src/fake-discord/index.js';
import { bitsOf } from '../../../src/discord/permissions.js';
import { useFakeDiscord } from '../../helpers/fake-discord.js';
import { runCli } from '../../helpers/cli.js';
import { exportTo } from './restore-helpers.js';

const ADMIN = RESTORE_BOT_PERMISSIONS | bitsOf(['Administrator']);

function names(list: { name?: string | null }[]): string[] {
  return list.map((x) => String(x.name)).sort();
}

describe('restore: an apply stopped part way, run again', () => {
  const guild = demoGuild();
  setBotPermissions(guild, ADMIN);
  const ctx = useFakeDiscord([guild]);
  it('converges with no duplicate role or channel', async () => {
    const source = await exportTo(ctx, DEMO_GUILD_ID, 'src');
    const before = { roles: names(guild.guild.roles), channels: names(guild.channels) };
    raid(ctx.fake.guild(DEMO_GUILD_ID), { spamChannels: 0 });
    // Discord stops answering after eight writes (an outage, a killed process): the rest fail, nothing is retried blind.
    ctx.fake.setFaults([{ route: 'writes', kind: 'status', status: 503, after: 8 }]);
    const cut = await runCli(['apply', source, '--guild', DEMO_GUILD_ID, '--yes', '-q'], ctx.env());
    expect(cut.stderr).toMatch(/FAILED/);
    expect(cut.code).toBe(1);
    ctx.fake.setFaults([]);
    const again = await runCli(['apply', source, '--guild', DEMO_GUILD_ID, '--yes', '-q'], ctx.env());
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    const g = ctx.fake.guild(DEMO_GUILD_ID);
    expect({ roles: names(g.guild.roles), channels: names(g.channels) }).toEqual(before);
    expect(ctx.fake.stats().refusedWrites).toBe(0);
    expect((await runCli(['plan', source, '--guild', DEMO_GUILD_ID], ctx.env())).code).toBe(0);
  });
});

describe('restore: a raid that also demoted the bot', () => {
  const guild = demoGuild();
  setBotPermissions(guild, RESTORE_BOT_PERMISSIONS);
  const ctx = useFakeDiscord([guild]);
  it('skips what Discord would refuse, says what to do, and sends no refused write', async () => {
    const source = await exportTo(ctx, DEMO_GUILD_ID, 'src');
    const g = ctx.fake.guild(DEMO_GUILD_ID);
    raid(g, { demoteBot: true });
    const helper = g.guild.roles.find((r) => r.name === 'Helper')!;
    helper.color = 0x123456;
    const plan = await runCli(['plan', source, '--guild', DEMO_GUILD_ID], ctx.env());
    expect(plan.stdout).toMatch(/! Helper\n(.*\n)*?\s+reason: the role is at or above the bot's highest role: move the bot's role \(.+\) above it/);
    expect(plan.code).toBe(3);
    ctx.fake.resetStats();
    const apply = await runCli(['apply', source, '--guild', DEMO_GUILD_ID, '--yes', '-q'], ctx.env());
    expect(ctx.fake.stats().refusedWrites).toBe(0);
    expect(apply.code).toBe(0);
    expect(g.guild.roles.find((r) => r.name === 'Helper')!.color).toBe(0x123456);
  });
});

describe('restore: --prune, snapshot.json, another server by name', () => {
  const guild = demoGuild();
  setBotPermissions(guild, ADMIN);
  const ctx = useFakeDiscord([guild]);
  let source = '';

  it('deletes what the source lacks only with --prune', async () => {
    source = await exportTo(ctx, DEMO_GUILD_ID, 'src');
    raid(ctx.fake.guild(DEMO_GUILD_ID));
    const kept = await runCli(['apply', source, '--guild', DEMO_GUILD_ID, '--yes', '-q'], ctx.env());
    expect(kept.code).toBe(0);
    expect(ctx.fake.stats().writes.filter((w) => w.method === 'DELETE')).toEqual([]);
    expect(names(ctx.fake.guild(DEMO_GUILD_ID).channels)).toContain('raided-lol');
    const plan = await runCli(['plan', source, '--guild', DEMO_GUILD_ID], ctx.env());
    expect(plan.stdout).toContain('run with --prune to delete it');
    expect(plan.code).toBe(0);
    const pruned = await runCli(['apply', source, '--guild', DEMO_GUILD_ID, '--yes', '--prune', '-q'], ctx.env());
    expect(pruned.code).toBe(0);
    expect(names(ctx.fake.guild(DEMO_GUILD_ID).channels)).not.toContain('raided-lol');
  });

  it('from snapshot.json, leaves member overwrites alone and skips, with the reason, those a channel lost', async () => {
    const snapshot = join(ctx.dir, 'src', 'snapshot.json');
    const plan = async () => {
      const run = await runCli(['plan', snapshot, '--guild', DEMO_GUILD_ID, '--json'], ctx.env());
      return (JSON.parse(run.stdout) as { operations: { action: string; kind: string; name: string; reason?: string }[] }).operations
        .filter((o) => o.kind === 'overwrite' && o.name.includes('member'));
    };
    // Every live channel still holds its member overwrites: snapshot.json cannot name them, so nothing is planned.
    expect(await plan()).toEqual([]);
    const live = ctx.fake.guild(DEMO_GUILD_ID).channels.find((c) => (c.permission_overwrites ?? []).some((o) => o.type === 1))!;
    const kept = live.permission_overwrites;
    live.permission_overwrites = (live.permission_overwrites ?? []).filter((o) => o.type !== 1);
    const lost = await plan();
    live.permission_overwrites = kept;
    expect(lost.length).toBeGreaterThan(0);
    expect(lost.every((o) => o.action === 'skip' && o.name.startsWith(live.name) && o.reason!.includes('snapshot.json'))).toBe(true);
  });

  it('matches by name when the source is another server', async () => {
    // The same server under other ids: every id in the file shifted, as an export of a copy would be.
    const exp = JSON.parse(readFileSync(source, 'utf8')) as { server: { id: string }; roles: { id: string }[]; channels: { id: string }[] };
    const ids = new Set([exp.server.id, ...exp.roles.map((r) => r.id), ...exp.channels.map((c) => c.id)]);
    const text = readFileSync(source, 'utf8').replace(/"(\d{17,20})"/g, (m, id: string) => (ids.has(id) ? `"${(BigInt(id) + 7n).toString()}"` : m));
    const other = join(ctx.dir, 'other.json');
    writeFileSync(other, text);
    const plan = await runCli(['plan', other, '--guild', DEMO_GUILD_ID, '--json'], ctx.env());
    const ops = (JSON.parse(plan.stdout) as { operations: { action: string; kind: string; match: string }[] }).operations;
    expect(ops.filter((o) => o.action === 'create')).toEqual([]);
    expect(ops.some((o) => o.match === 'id')).toBe(false);
    expect(plan.code).toBe(0);
  });
});
