import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateGuild } from '../../../src/fake-discord/index.js';
import { validateExport } from '../../../src/schema/validate.js';
import { runCli } from '../../helpers/cli.js';
import { TEST_TOKEN as TOKEN, useFakeDiscord } from '../../helpers/fake-discord.js';
import { readZip } from '../../helpers/zip.js';
import { readTree } from '../../helpers/files.js';


describe('export CLI against the fake Discord API', () => {
  const guild = generateGuild({ seed: 7, members: 250, text: 6, voice: 2, forum: 1, media: 1, stage: 1, announcement: 1, webhooks: 3, invites: 4 });
  const guildId = guild.guild.id;

  const ctx = useFakeDiscord([guild]);


  it('writes all four files, valid against the JSON Schema, with every collector ok', async () => {
    const out = join(ctx.dir, 'a');
    const run = await runCli(['export', '--guild', guildId, '--out', out], ctx.env());
    expect(run.stderr).not.toContain('FAILED');
    expect(run.code).toBe(0);
    const exp = JSON.parse(readFileSync(join(out, 'export.json'), 'utf8'));
    const validation = validateExport(exp);
    expect(validation.errors).toEqual([]);
    expect(exp.errors).toEqual([]);
    expect(exp.server.name).toBe(guild.guild.name);
    expect(exp.members).toHaveLength(250);
    expect(exp.member_stats.total).toBe(250);
    expect(exp.channels.length).toBe(guild.channels.length);
    expect(exp.threads.length).toBe(guild.threads.length);
    expect(exp.webhooks).toHaveLength(3);
    for (const [name, record] of Object.entries(exp.meta.collectors) as [string, { status: string }][]) {
      expect(record.status, name).toBe('ok');
    }
    const everyone = exp.roles.find((r: { is_everyone: boolean }) => r.is_everyone);
    expect(everyone.member_count).toBe(250);
    expect(typeof exp.summary.health_score).toBe('number');
    const zip = readZip(join(out, 'export.zip'));
    expect(zip.names.sort()).toEqual(['audit-prompt.md', 'export.json', 'snapshot.json', 'snapshot.md']);
    expect(JSON.parse(zip.files['export.json'])).toEqual(exp);
  });

  it('gives a byte-identical snapshot.md for an unchanged guild', async () => {
    await runCli(['export', '--guild', guildId, '--out', join(ctx.dir, 'b1')], ctx.env());
    await runCli(['export', '--guild', guildId, '--out', join(ctx.dir, 'b2')], ctx.env());
    const one = readFileSync(join(ctx.dir, 'b1', 'snapshot.md'));
    const two = readFileSync(join(ctx.dir, 'b2', 'snapshot.md'));
    expect(one.length).toBeGreaterThan(500);
    expect(one.equals(two)).toBe(true);
    expect(readFileSync(join(ctx.dir, 'b1', 'snapshot.json')).equals(readFileSync(join(ctx.dir, 'b2', 'snapshot.json')))).toBe(true);
  });

  it('never writes or prints the bot token or a webhook token', async () => {
    const out = join(ctx.dir, 'secrets');
    const run = await runCli(['export', '--guild', guildId, '--out', out], ctx.env());
    const webhookTokens = guild.webhooks.map((w) => w.token).filter((t): t is string => Boolean(t));
    expect(webhookTokens.length).toBeGreaterThan(0);
    const haystacks = { ...readTree(out), ...readZip(join(out, 'export.zip')).files, stdout: run.stdout, stderr: run.stderr };
    for (const [name, text] of Object.entries(haystacks)) {
      expect(text.includes(TOKEN), `bot token in ${name}`).toBe(false);
      for (const t of webhookTokens) expect(text.includes(t), `webhook token in ${name}`).toBe(false);
      expect(text.includes('/api/webhooks/'), `webhook URL in ${name}`).toBe(false);
    }
  });

  it('keeps member names, ids and invite codes out of snapshot.md', async () => {
    const out = join(ctx.dir, 'privacy');
    await runCli(['export', '--guild', guildId, '--out', out], ctx.env());
    const md = readFileSync(join(out, 'snapshot.md'), 'utf8');
    const snap = readFileSync(join(out, 'snapshot.json'), 'utf8');
    for (const m of guild.members.filter((m) => !m.user?.bot).slice(0, 50)) {
      expect(md.includes(m.user!.id)).toBe(false);
      expect(snap.includes(m.user!.id)).toBe(false);
    }
    for (const i of guild.invites) {
      expect(md.includes(i.code)).toBe(false);
      expect(snap.includes(i.code)).toBe(false);
    }
  });

  it('with --members counts keeps no member records but counts roles', async () => {
    const out = join(ctx.dir, 'counts');
    const run = await runCli(['export', '--guild', guildId, '--out', out, '--members', 'counts', '--formats', 'json'], ctx.env());
    expect(run.code).toBe(0);
    const exp = JSON.parse(readFileSync(join(out, 'export.json'), 'utf8'));
    expect(exp.members).toBeNull(); // counts mode keeps no member list: not collected, not "none"
    expect(exp.member_stats.total).toBe(250);
    expect(exp.meta.scope.members).toBe('counts');
  });

  it('with --members none reads no member list; bots come from their managed roles', async () => {
    ctx.fake.resetStats();
    const out = join(ctx.dir, 'none');
    const run = await runCli(['export', '--guild', guildId, '--out', out, '--members', 'none', '--formats', 'json'], ctx.env());
    expect(run.code).toBe(0);
    expect(ctx.fake.stats().byRoute['GET /guilds/:guild/members'] ?? 0).toBe(0);
    const exp = JSON.parse(readFileSync(join(out, 'export.json'), 'utf8'));
    expect(exp.members).toBeNull();
    expect(exp.member_stats).toEqual({ not_collected: 'members: none counts no members' });
    expect(exp.meta.collectors.members).toMatchObject({ status: 'skipped', reason: 'members: none' });
    expect(exp.roles.every((r: { member_count: number | null }) => r.member_count === null)).toBe(true);
    const managed = guild.guild.roles.filter((r) => r.tags?.bot_id).map((r) => r.tags!.bot_id).sort();
    expect(exp.bots.map((b: { id: string }) => b.id).sort()).toEqual(managed);
    expect(validateExport(exp).errors).toEqual([]);
  });

  it('--only runs just those collectors and marks the rest skipped', async () => {
    const out = join(ctx.dir, 'only');
    const run = await runCli(['export', '--guild', guildId, '--out', out, '--only', 'server,roles', '--formats', 'json'], ctx.env());
    expect(run.code).toBe(0);
    const exp = JSON.parse(readFileSync(join(out, 'export.json'), 'utf8'));
    expect(exp.meta.collectors.server.status).toBe('ok');
    expect(exp.meta.collectors.channels.status).toBe('skipped');
    expect(exp.channels).toBeNull(); // skipped: not collected, never an empty list
    expect(validateExport(exp).errors).toEqual([]);
  });
});
