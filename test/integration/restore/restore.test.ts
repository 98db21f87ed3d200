import { describe, expect, it } from 'vitest';
import { demoGuild, DEMO_GUILD_ID, raid, RESTORE_BOT_PERMISSIONS, setBotPermissions } from '../../../src/fake-discord/index.js';
import { bitsOf } from '../../../src/discord/permissions.js';
import { useFakeDiscord } from '../../helpers/fake-discord.js';
import { runCli } from '../../helpers/cli.js';
import { exportTo, readJson, restoredShape } from './restore-helpers.js';

describe('restore after a raid: export, raid, plan, apply, export again', () => {
  const guild = demoGuild();
  // A full restore asks for Administrator: Discord lets a bot grant only the permissions it holds.
  setBotPermissions(guild, RESTORE_BOT_PERMISSIONS | bitsOf(['Administrator']));
  const ctx = useFakeDiscord([guild]);

  it('plans without writing, applies with an audit reason on every write, and converges', async () => {
    const before = await exportTo(ctx, DEMO_GUILD_ID, 'before');
    const unchanged = await runCli(['plan', before, '--guild', DEMO_GUILD_ID], ctx.env());
    expect(unchanged.stdout).toContain('No changes');
    expect(unchanged.code).toBe(0);

    raid(ctx.fake.guild(DEMO_GUILD_ID));
    ctx.fake.resetStats();
    const plan = await runCli(['plan', before, '--guild', DEMO_GUILD_ID], ctx.env());
    expect(plan.code).toBe(3);
    expect(plan.stdout).toContain('-Administrator');
    expect(plan.stdout).not.toContain('\u001b');
    expect(ctx.fake.stats().writes).toEqual([]);

    const dry = await runCli(['apply', before, '--guild', DEMO_GUILD_ID], ctx.env());
    expect(dry.code).toBe(3);
    expect(dry.stdout).toContain('--yes');
    expect(ctx.fake.stats().writes).toEqual([]);

    const apply = await runCli(['apply', before, '--guild', DEMO_GUILD_ID, '--yes', '--prune'], ctx.env());
    expect(apply.stderr).not.toContain('could not be applied');
    expect(apply.code).toBe(0);
    const { writes, refusedWrites } = ctx.fake.stats();
    expect(refusedWrites).toBe(0);
    expect(writes.length).toBeGreaterThan(10);
    for (const w of writes) expect(w.reason).toMatch(/^discord-server-exporter restore from export\.json \(sha256 [0-9a-f]{8}\)$/);
    // Positions in one bulk call per level.
    expect(writes.filter((w) => w.method === 'PATCH' && w.path.endsWith('/roles')).length).toBeLessThanOrEqual(1);
    expect(writes.filter((w) => w.method === 'PATCH' && w.path.endsWith('/channels')).length).toBeLessThanOrEqual(1);

    const again = await runCli(['plan', before, '--guild', DEMO_GUILD_ID, '--prune'], ctx.env());
    expect(again.stdout).toContain('No changes');
    expect(again.code).toBe(0);

    const after = await exportTo(ctx, DEMO_GUILD_ID, 'after');
    expect(restoredShape(readJson(after))).toEqual(restoredShape(readJson(before)));
  });
});
