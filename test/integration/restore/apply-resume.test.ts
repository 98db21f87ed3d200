import { describe, expect, it } from 'vitest';
import { demoGuild, DEMO_GUILD_ID, raid, RESTORE_BOT_PERMISSIONS, setBotPermissions, type FakeGuild } from '../../../src/fake-discord/index.js';
import { bitsOf } from '../../../src/discord/permissions.js';
import { useFakeDiscord } from '../../helpers/fake-discord.js';
import { spawnCli, startCli } from '../../helpers/cli.js';
import { exportTo, readJson } from './restore-helpers.js';
import type { GuildExport } from '../../../src/schema/types.js';

/** How many times each name the export has is on the live server (names the export lacks, like a raid's spam, aside). */
function nameCounts(exp: GuildExport, g: FakeGuild) {
  const count = (names: string[], wanted: Set<string>) => {
    const out: Record<string, number> = {};
    for (const n of names) if (wanted.has(n)) out[n] = (out[n] ?? 0) + 1;
    return out;
  };
  const roleNames = new Set(exp.roles.filter((r) => !r.is_everyone).map((r) => r.name));
  const channelNames = new Set(exp.channels.map((c) => `${c.type}:${c.name}`));
  return {
    roles: count(g.guild.roles.filter((r) => r.id !== g.guild.id).map((r) => r.name), roleNames),
    channels: count(g.channels.map((c) => `${c.type}:${String(c.name)}`), channelNames),
  };
}

describe('apply killed halfway, then run again', () => {
  const guild = demoGuild();
  setBotPermissions(guild, RESTORE_BOT_PERMISSIONS | bitsOf(['Administrator']));
  const ctx = useFakeDiscord([guild]);
  let source = '';
  let expected: ReturnType<typeof nameCounts>;

  /** Raids the server, starts apply --yes, kills it (SIGKILL) once `after` writes are answered and the next is held open. */
  async function killedApply(after: number) {
    raid(ctx.fake.guild(DEMO_GUILD_ID));
    ctx.fake.resetStats();
    ctx.fake.setFaults([{ route: 'writes', kind: 'hang', after }]);
    const run = await startCli(['apply', source, '--guild', DEMO_GUILD_ID, '--yes', '-q'], ctx.env());
    await ctx.fake.waitForWrites(after);
    run.child.kill('SIGKILL');
    const killed = await run.done;
    expect(killed.code).toBe(-1);
    ctx.fake.setFaults([]);
    return nameCounts(readJson(source), ctx.fake.guild(DEMO_GUILD_ID));
  }

  /** apply --yes to completion, then plan: the server matches the export, nothing twice, nothing refused. */
  async function resumesCleanly() {
    const again = await spawnCli(['apply', source, '--guild', DEMO_GUILD_ID, '--yes', '-q'], ctx.env());
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(nameCounts(readJson(source), ctx.fake.guild(DEMO_GUILD_ID))).toEqual(expected);
    expect(ctx.fake.stats().refusedWrites).toBe(0);
    const plan = await spawnCli(['plan', source, '--guild', DEMO_GUILD_ID], ctx.env());
    expect(plan.code).toBe(0);
  }

  it('exports the server before the raids', async () => {
    source = await exportTo(ctx, DEMO_GUILD_ID, 'before');
    expected = nameCounts(readJson(source), ctx.fake.guild(DEMO_GUILD_ID));
  });

  it('killed early, while roles are being created, carries on without duplicates', async () => {
    const at = await killedApply(2);
    expect(Object.keys(at.roles).length).toBeLessThan(Object.keys(expected.roles).length);
    await resumesCleanly();
  }, 60_000);

  it('killed later, while channels are being created, carries on without duplicates', async () => {
    const at = await killedApply(12);
    expect(at.roles).toEqual(expected.roles);
    expect(Object.keys(at.channels).length).toBeLessThan(Object.keys(expected.channels).length);
    await resumesCleanly();
  }, 60_000);

  it('a create whose answer was lost is not made twice on the next run', async () => {
    raid(ctx.fake.guild(DEMO_GUILD_ID));
    ctx.fake.resetStats();
    ctx.fake.setFaults([{ route: 'POST /guilds/:guild/roles', kind: 'lose-answer', after: 1, times: 1 }]);
    const first = await spawnCli(['apply', source, '--guild', DEMO_GUILD_ID, '--yes', '-q'], ctx.env());
    ctx.fake.setFaults([]);
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(/FAILED\s+create role/);
    // The role was made although its answer never came.
    expect(nameCounts(readJson(source), ctx.fake.guild(DEMO_GUILD_ID)).roles).toEqual(expected.roles);
    await resumesCleanly();
  }, 60_000);
});
