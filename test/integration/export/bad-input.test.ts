import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateGuild } from '../../../src/fake-discord/index.js';
import { runCli } from '../../helpers/cli.js';
import { runExport } from '../../../src/pipeline/run-export.js';
import { ConfigError } from '../../../src/config/validate.js';
import { TEST_TOKEN as TOKEN, useFakeDiscord } from '../../helpers/fake-discord.js';


describe('bad input gets one clear message', () => {
  const guild = generateGuild({ seed: 11, members: 40 });
  const guildId = guild.guild.id;

  const ctx = useFakeDiscord([guild]);

  it('no token: names DISCORD_TOKEN and makes no request', async () => {
    ctx.fake.resetStats();
    const run = await runCli(['export', '--guild', guildId, '--out', join(ctx.dir, 'x')], { DISCORD_API_BASE: ctx.fake.apiBase });
    expect(run.code).toBe(64);
    expect(run.stderr).toContain('DISCORD_TOKEN');
    expect(ctx.fake.stats().requests).toBe(0);
  });

  it('malformed guild id is refused before any request', async () => {
    ctx.fake.resetStats();
    const run = await runCli(['export', '--guild', '12ab', '--out', join(ctx.dir, 'x')], ctx.env());
    expect(run.code).toBe(64);
    expect(run.stderr).toMatch(/17 to 20 digits/);
    expect(ctx.fake.stats().requests).toBe(0);
  });

  it('an API base that passed the action\'s http(s) check but is no URL is a usage error before any request', async () => {
    ctx.fake.resetStats();
    const err = await runExport({
      guildId, token: TOKEN, apiBase: 'http://[not-a-host', demo: false, outDir: join(ctx.dir, 'bad-base'), only: null, skip: [],
      members: 'counts', maxMembers: null, formats: ['json'], strict: false, auditConfigPath: null, promptBudget: 12_000,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(/is not a URL.*https:\/\/discord\.com\/api/);
    expect(ctx.fake.stats().requests).toBe(0);
  });

  it('unknown option and unknown collector are usage errors', async () => {
    expect((await runCli(['export', '--demo', '--bogus'])).code).toBe(64);
    const run = await runCli(['export', '--demo', '--skip', 'nope']);
    expect(run.code).toBe(64);
    expect(run.stderr).toContain('unknown collector "nope"');
  });

  it('a rejected token: says so once, fatal exit, the failure recorded in export-failed.json, token never echoed', async () => {
    ctx.fake.resetStats();
    const wrong = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.wrong-token.zyxwvutsrqponmlkjihgfedcba';
    const out = join(ctx.dir, 'wrong');
    const run = await runCli(['export', '--guild', guildId, '--out', out], ctx.env(wrong));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/rejected the bot token/);
    expect(run.stderr).toContain('DISCORD_TOKEN');
    expect(run.stderr + run.stdout).not.toContain(wrong);
    // Invalid requests count toward Cloudflare's ban: only the first round trip's (the reads that need nothing
    // but the guild id); nothing is sent once a 401 has come back (the client drops its token).
    const st = ctx.fake.stats();
    expect(st.status[401]).toBe(st.requests);
    expect(st.requests).toBeLessThanOrEqual(16);
    expect(Object.keys(st.byRoute).filter((r) => r.startsWith('GET /channels/'))).toEqual([]);
    const exp = JSON.parse(readFileSync(join(out, 'export-failed.json'), 'utf8'));
    expect(exp.errors[0].http_status).toBe(401);
    // Nothing was collected: no export files stand in for one.
    expect(existsSync(join(out, 'export.json'))).toBe(false);
    expect(existsSync(join(out, 'export.zip'))).toBe(false);
  });

  it('a guild the bot is not in: says so and how to invite it', async () => {
    const run = await runCli(['export', '--guild', '123456789012345678', '--out', join(ctx.dir, 'unknown')], ctx.env());
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/not in that server/);
    expect(run.stderr).toMatch(/invite the bot/);
  });

  it('members without the Server Members intent: that collector fails with how to enable it, the rest goes on', async () => {
    ctx.fake.guild(guildId).noMembersIntent = true;
    try {
      const out = join(ctx.dir, 'intent');
      const run = await runCli(['export', '--guild', guildId, '--out', out], ctx.env());
      expect(run.code).toBe(0);
      expect(run.stderr).toMatch(/Server Members Intent/);
      const exp = JSON.parse(readFileSync(join(out, 'export.json'), 'utf8'));
      const err = exp.errors.find((e: { collector: string }) => e.collector === 'members');
      expect(err.code).toBe(50001);
      expect(exp.meta.collectors.members.status).toBe('failed');
      expect(exp.meta.collectors.channels.status).toBe('ok');
      expect(exp.roles.length).toBeGreaterThan(0);
      expect(exp.roles[0].member_count).toBeNull();
      expect((await runCli(['export', '--guild', guildId, '--out', out, '--strict'], ctx.env())).code).toBe(1);
    } finally {
      ctx.fake.guild(guildId).noMembersIntent = false;
    }
  });

  it('a missing permission fails only the collectors that need it, naming the permission', async () => {
    ctx.fake.guild(guildId).missingPermissions = ['ManageWebhooks'];
    try {
      const out = join(ctx.dir, 'perm');
      const run = await runCli(['export', '--guild', guildId, '--out', out, '--formats', 'json'], ctx.env());
      expect(run.code).toBe(0);
      const exp = JSON.parse(readFileSync(join(out, 'export.json'), 'utf8'));
      expect(exp.errors.map((e: { collector: string }) => e.collector)).toEqual(['webhooks']);
      expect(exp.errors[0].code).toBe(50013);
      expect(exp.errors[0].hint).toContain('ManageWebhooks');
    } finally {
      ctx.fake.guild(guildId).missingPermissions = [];
    }
  });

  it('a token pasted with its "Bot " prefix still works', async () => {
    const run = await runCli(['export', '--guild', guildId, '--out', join(ctx.dir, 'prefixed'), '--formats', 'json', '--only', 'server'], ctx.env(`Bot ${TOKEN}`));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Exported');
  });

  it('without Manage Threads, private archived threads are skipped with a partial note; the rest is complete', async () => {
    ctx.fake.guild(guildId).missingPermissions = ['ManageThreads'];
    try {
      const out = join(ctx.dir, 'threads');
      const run = await runCli(['export', '--guild', guildId, '--out', out, '--formats', 'json'], ctx.env());
      expect(run.code).toBe(0);
      const exp = JSON.parse(readFileSync(join(out, 'export.json'), 'utf8'));
      expect(exp.meta.collectors.threads.status).toBe('partial');
      const note = exp.errors.find((e: { collector: string }) => e.collector === 'threads');
      expect(note).toMatchObject({ status: 'partial' });
      expect(note.message).toMatch(/Private archived threads/);
      expect(note.hint).toContain('ManageThreads');
      expect(exp.threads.length).toBeGreaterThan(0);
      expect(exp.errors.filter((e: { collector: string }) => e.collector !== 'threads')).toEqual([]);
    } finally {
      ctx.fake.guild(guildId).missingPermissions = [];
    }
  });

  it('a broken audit config file is a usage error before any request', async () => {
    ctx.fake.resetStats();
    const config = join(ctx.dir, 'bad-audit.yml');
    writeFileSync(config, 'weights:\n  no_such_check: 3\n');
    const run = await runCli(['export', '--guild', guildId, '--out', join(ctx.dir, 'cfg'), '--config', config], ctx.env());
    expect(run.code).toBe(64);
    expect(run.stderr).toMatch(/Audit config .*bad-audit\.yml/);
    expect(run.stderr).toContain('no_such_check');
    expect(ctx.fake.stats().requests).toBe(0);
  });
});
