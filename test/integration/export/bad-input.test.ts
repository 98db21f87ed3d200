import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateGuild, startFakeDiscord, type FakeDiscord } from '../../../src/fake-discord/index.js';
import { runCli } from '../../helpers/cli.js';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.bad-input.abcdefghijklmnopqrstuvwxyz';

describe('bad input gets one clear message', () => {
  let fake: FakeDiscord;
  let dir: string;
  const guild = generateGuild({ seed: 11, members: 40 });
  const guildId = guild.guild.id;

  beforeAll(async () => {
    fake = await startFakeDiscord({ guilds: [guild], token: TOKEN, timeScale: 0.02 });
    dir = mkdtempSync(join(tmpdir(), 'dse-bad-'));
  });
  afterAll(async () => {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('no token: names DISCORD_TOKEN and makes no request', async () => {
    fake.resetStats();
    const run = await runCli(['export', '--guild', guildId, '--out', join(dir, 'x')], { DISCORD_API_BASE: fake.apiBase });
    expect(run.code).toBe(64);
    expect(run.stderr).toContain('DISCORD_TOKEN');
    expect(fake.stats().requests).toBe(0);
  });

  it('malformed guild id is refused before any request', async () => {
    fake.resetStats();
    const run = await runCli(['export', '--guild', '12ab', '--out', join(dir, 'x')], { DISCORD_TOKEN: TOKEN, DISCORD_API_BASE: fake.apiBase });
    expect(run.code).toBe(64);
    expect(run.stderr).toMatch(/17 to 20 digits/);
    expect(fake.stats().requests).toBe(0);
  });

  it('unknown option and unknown collector are usage errors', async () => {
    expect((await runCli(['export', '--demo', '--bogus'])).code).toBe(64);
    const run = await runCli(['export', '--demo', '--skip', 'nope']);
    expect(run.code).toBe(64);
    expect(run.stderr).toContain('unknown collector "nope"');
  });

  it('a rejected token: says so once, fatal exit, files still written, token never echoed', async () => {
    fake.resetStats();
    const wrong = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.wrong-token.zyxwvutsrqponmlkjihgfedcba';
    const out = join(dir, 'wrong');
    const run = await runCli(['export', '--guild', guildId, '--out', out], { DISCORD_TOKEN: wrong, DISCORD_API_BASE: fake.apiBase });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/rejected the bot token/);
    expect(run.stderr).toContain('DISCORD_TOKEN');
    expect(run.stderr + run.stdout).not.toContain(wrong);
    // A few invalid requests (the preflight's), not one per collector: each counts toward Cloudflare's ban.
    expect(fake.stats().status[401]).toBeGreaterThanOrEqual(1);
    expect(fake.stats().status[401]).toBeLessThanOrEqual(4);
    const exp = JSON.parse(readFileSync(join(out, 'export.json'), 'utf8'));
    expect(exp.errors[0].http_status).toBe(401);
    expect(existsSync(join(out, 'export.zip'))).toBe(true);
  });

  it('a guild the bot is not in: says so and how to invite it', async () => {
    const run = await runCli(['export', '--guild', '123456789012345678', '--out', join(dir, 'unknown')], { DISCORD_TOKEN: TOKEN, DISCORD_API_BASE: fake.apiBase });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/not in that server/);
    expect(run.stderr).toMatch(/invite the bot/);
  });

  it('members without the Server Members intent: that collector fails with how to enable it, the rest goes on', async () => {
    fake.guild(guildId).noMembersIntent = true;
    try {
      const out = join(dir, 'intent');
      const run = await runCli(['export', '--guild', guildId, '--out', out], { DISCORD_TOKEN: TOKEN, DISCORD_API_BASE: fake.apiBase });
      expect(run.code).toBe(0);
      expect(run.stderr).toMatch(/Server Members Intent/);
      const exp = JSON.parse(readFileSync(join(out, 'export.json'), 'utf8'));
      const err = exp.errors.find((e: { collector: string }) => e.collector === 'members');
      expect(err.code).toBe(50001);
      expect(exp.meta.collectors.members.status).toBe('failed');
      expect(exp.meta.collectors.channels.status).toBe('ok');
      expect(exp.roles.length).toBeGreaterThan(0);
      expect(exp.roles[0].member_count).toBeNull();
      expect((await runCli(['export', '--guild', guildId, '--out', out, '--strict'], { DISCORD_TOKEN: TOKEN, DISCORD_API_BASE: fake.apiBase })).code).toBe(1);
    } finally {
      fake.guild(guildId).noMembersIntent = false;
    }
  });

  it('a missing permission fails only the collectors that need it, naming the permission', async () => {
    fake.guild(guildId).missingPermissions = ['ManageWebhooks'];
    try {
      const out = join(dir, 'perm');
      const run = await runCli(['export', '--guild', guildId, '--out', out, '--formats', 'json'], { DISCORD_TOKEN: TOKEN, DISCORD_API_BASE: fake.apiBase });
      expect(run.code).toBe(0);
      const exp = JSON.parse(readFileSync(join(out, 'export.json'), 'utf8'));
      expect(exp.errors.map((e: { collector: string }) => e.collector)).toEqual(['webhooks']);
      expect(exp.errors[0].code).toBe(50013);
      expect(exp.errors[0].hint).toContain('ManageWebhooks');
    } finally {
      fake.guild(guildId).missingPermissions = [];
    }
  });

  it('a token pasted with its "Bot " prefix still works', async () => {
    const run = await runCli(['export', '--guild', guildId, '--out', join(dir, 'prefixed'), '--formats', 'json', '--only', 'server'], { DISCORD_TOKEN: `Bot ${TOKEN}`, DISCORD_API_BASE: fake.apiBase });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Exported');
  });

  it('without Manage Threads, private archived threads are skipped with a partial note; the rest is complete', async () => {
    fake.guild(guildId).missingPermissions = ['ManageThreads'];
    try {
      const out = join(dir, 'threads');
      const run = await runCli(['export', '--guild', guildId, '--out', out, '--formats', 'json'], { DISCORD_TOKEN: TOKEN, DISCORD_API_BASE: fake.apiBase });
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
      fake.guild(guildId).missingPermissions = [];
    }
  });
});
