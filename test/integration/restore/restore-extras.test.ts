import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { demoGuild, DEMO_GUILD_ID, raid, RESTORE_BOT_PERMISSIONS, setBotPermissions } from '../../../src/fake-discord/index.js';
import { bitsOf } from '../../../src/discord/permissions.js';
import { useFakeDiscord } from '../../helpers/fake-discord.js';
import { runCli } from '../../helpers/cli.js';
import { exportTo } from './restore-helpers.js';

const ADMIN = RESTORE_BOT_PERMISSIONS | bitsOf(['Administrator']);

interface JsonPlan { operations: { action: string; kind: string; name: string; reason?: string }[] }

describe('restore: AutoMod, welcome screen, onboarding, member roles and emojis', () => {
  const guild = demoGuild();
  setBotPermissions(guild, ADMIN);
  const ctx = useFakeDiscord([guild]);

  it('puts each back after a raid, with one write per change and none refused', async () => {
    const out = join(ctx.dir, 'src');
    const exported = await runCli(['export', '--guild', DEMO_GUILD_ID, '--out', out, '-q', '--keep-images'], { ...ctx.env(), DISCORD_CDN_BASE: ctx.fake.url });
    expect(exported.stderr).toBe('');
    const json = join(out, 'export.json');
    const zip = join(out, 'export.zip');
    const g = ctx.fake.guild(DEMO_GUILD_ID);
    const rules = g.automodRules.map((r) => ({ name: r.name, exempt: r.exempt_roles.length, actions: r.actions.length }));
    const welcome = structuredClone(g.welcomeScreen);
    const prompts = g.onboarding!.prompts.map((p) => ({ title: p.title, options: p.options.map((o) => o.title) }));
    const emojis = g.guild.emojis.map((e) => e.name).sort();
    const holder = g.members.find((m) => m.user.id !== g.botUserId && m.roles.some((id) => !g.guild.roles.find((r) => r.id === id)?.managed))!;
    const heldNames = holder.roles.map((id) => g.guild.roles.find((r) => r.id === id)!.name).sort();

    raid(g);
    g.automodRules = g.automodRules.filter((r) => r.name !== 'Block scam links');
    g.automodRules[0].enabled = false;
    g.welcomeScreen = { description: 'pwned', welcome_channels: [] };
    g.onboarding = { ...g.onboarding!, enabled: false, prompts: [] };
    g.guild.emojis = g.guild.emojis.filter((e) => e.name !== 'gg' && e.name !== 'coin');
    holder.roles = holder.roles.filter((id) => g.guild.roles.find((r) => r.id === id)?.managed);

    const plan = await runCli(['plan', zip, '--guild', DEMO_GUILD_ID, '--member-roles', '--json'], ctx.env());
    const ops = (JSON.parse(plan.stdout) as JsonPlan).operations;
    expect(ops.filter((o) => o.action === 'skip' && !o.reason?.startsWith('not in the source'))).toEqual([]);
    expect(plan.code).toBe(3);
    expect(ops.filter((o) => o.kind === 'automod').map((o) => `${o.action} ${o.name}`).sort()).toEqual(['create Block scam links', 'update Mention spam']);
    expect(ops.filter((o) => o.kind === 'emoji').map((o) => `${o.action} ${o.name}`).sort()).toEqual(['create coin', 'create gg']);
    expect(ops.find((o) => o.kind === 'welcome-screen')?.action).toBe('update');
    expect(ops.find((o) => o.kind === 'onboarding')?.action).toBe('update');
    expect(ops.some((o) => o.kind === 'member-roles' && o.action === 'update')).toBe(true);

    ctx.fake.resetStats();
    const apply = await runCli(['apply', zip, '--guild', DEMO_GUILD_ID, '--member-roles', '--yes', '-q'], ctx.env());
    expect(apply.stderr).toBe('');
    expect(apply.code).toBe(0);
    const { writes, refusedWrites } = ctx.fake.stats();
    expect(refusedWrites).toBe(0);
    const count = (method: string, path: RegExp) => writes.filter((w) => w.method === method && path.test(w.path)).length;
    expect(count('POST', /\/auto-moderation\/rules$/)).toBe(1);
    expect(count('PATCH', /\/auto-moderation\/rules\/\d+$/)).toBe(1);
    expect(count('PATCH', /\/welcome-screen$/)).toBe(1);
    expect(count('PUT', /\/onboarding$/)).toBe(1);
    expect(count('POST', /\/emojis$/)).toBe(2);
    expect(count('PUT', new RegExp(`/members/${holder.user.id}/roles/\\d+$`))).toBeGreaterThan(0);
    expect(count('DELETE', /./)).toBe(0);

    expect(g.automodRules.map((r) => ({ name: r.name, exempt: r.exempt_roles.length, actions: r.actions.length })).sort((a, b) => a.name.localeCompare(b.name))).toEqual(rules.sort((a, b) => a.name.localeCompare(b.name)));
    expect(g.automodRules.every((r) => r.enabled)).toBe(true);
    expect(g.automodRules.flatMap((r) => r.exempt_roles).every((id) => g.guild.roles.some((x) => x.id === id))).toBe(true);
    expect(g.welcomeScreen!.description).toBe(welcome!.description);
    expect(g.welcomeScreen!.welcome_channels.map((c) => c.description)).toEqual(welcome!.welcome_channels.map((c) => c.description));
    expect(g.welcomeScreen!.welcome_channels.every((c) => g.channels.some((x) => x.id === c.channel_id))).toBe(true);
    expect(g.onboarding!.enabled).toBe(true);
    expect(g.onboarding!.prompts.map((p) => ({ title: p.title, options: p.options.map((o) => o.title) }))).toEqual(prompts);
    expect(g.onboarding!.prompts.flatMap((p) => p.options.flatMap((o) => o.role_ids)).every((id) => g.guild.roles.some((x) => x.id === id))).toBe(true);
    expect(g.guild.emojis.map((e) => e.name).sort()).toEqual(emojis);
    expect(holder.roles.map((id) => g.guild.roles.find((r) => r.id === id)!.name).sort()).toEqual(heldNames);

    const again = await runCli(['plan', json, '--guild', DEMO_GUILD_ID, '--member-roles', '--json'], ctx.env());
    const left = (JSON.parse(again.stdout) as JsonPlan).operations.filter((o) => ['automod', 'welcome-screen', 'onboarding', 'member-roles', 'emoji'].includes(o.kind) && o.action !== 'skip');
    expect(left).toEqual([]);
  });

  it('skips emojis whose image the export does not keep, saying how to keep them', async () => {
    const json = await exportTo(ctx, DEMO_GUILD_ID, 'plain');
    const g = ctx.fake.guild(DEMO_GUILD_ID);
    g.guild.emojis = g.guild.emojis.filter((e) => e.name !== 'anchor');
    ctx.fake.resetStats();
    const apply = await runCli(['apply', json, '--guild', DEMO_GUILD_ID, '--yes'], ctx.env());
    expect(apply.code).toBe(0);
    expect(apply.stdout).toMatch(/! anchor\n\s+reason: image not in the export: export with --keep-images/);
    expect(ctx.fake.stats().writes.filter((w) => w.path.endsWith('/emojis'))).toEqual([]);
    expect(ctx.fake.stats().refusedWrites).toBe(0);
  });
});
