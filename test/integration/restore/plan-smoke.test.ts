import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { demoGuild, DEMO_GUILD_ID } from '../../../src/fake-discord/index.js';
import { useFakeDiscord } from '../../helpers/fake-discord.js';
import { runCli } from '../../helpers/cli.js';

describe('plan against an unchanged server', () => {
  const ctx = useFakeDiscord([demoGuild()]);
  it('plans nothing and sends no write', async () => {
    const out = join(ctx.dir, 'out');
    const exp = await runCli(['export', '--guild', DEMO_GUILD_ID, '--out', out, '-q'], ctx.env());
    expect(exp.code).toBe(0);
    const plan = await runCli(['plan', join(out, 'export.json'), '--guild', DEMO_GUILD_ID], ctx.env());
    console.log(plan.stdout, plan.stderr);
    expect(plan.code).toBe(0);
  });
});

describe('plan after a hand-made raid', () => {
  const guild = demoGuild();
  const ctx = useFakeDiscord([guild]);
  it('plans the restore', async () => {
    const out = join(ctx.dir, 'out');
    expect((await runCli(['export', '--guild', DEMO_GUILD_ID, '--out', out, '-q'], ctx.env())).code).toBe(0);
    guild.guild.name = 'nuked \u001b[31mlol';
    guild.guild.roles = guild.guild.roles.filter((r, i) => i % 3 !== 1 || r.managed);
    const everyone = guild.guild.roles.find((r) => r.id === guild.guild.id)!;
    everyone.permissions = '8';
    guild.channels = guild.channels.filter((_c, i) => i % 2 === 0);
    const plan = await runCli(['plan', join(out, 'export.json'), '--guild', DEMO_GUILD_ID], ctx.env());
    console.log(plan.stdout, plan.stderr);
    expect(plan.code).toBe(3);
  });
});
