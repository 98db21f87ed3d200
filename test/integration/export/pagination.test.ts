import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateGuild, startFakeDiscord, type FakeDiscord } from '../../../src/fake-discord/index.js';
import { runCli } from '../../helpers/cli.js';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.paging.abcdefghijklmnopqrstuvwxyz';

describe('member pagination', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dse-page-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // 0 members is a guild whose member list is empty (the fake allows it; Discord always has the owner).
  for (const count of [0, 999, 1000, 1001]) {
    it(`reads exactly ${count} members`, async () => {
      const guild = generateGuild({ seed: 100 + count, members: count, text: 1, voice: 0 });
      const fake: FakeDiscord = await startFakeDiscord({ guilds: [guild], token: TOKEN, timeScale: 0.02 });
      try {
        const out = join(dir, String(count));
        const run = await runCli(['export', '--guild', guild.guild.id, '--out', out, '--formats', 'json'], { DISCORD_TOKEN: TOKEN, DISCORD_API_BASE: fake.apiBase });
        expect(run.code).toBe(0);
        const exp = JSON.parse(readFileSync(join(out, 'export.json'), 'utf8'));
        const ids = exp.members.map((m: { id: string }) => m.id);
        expect(ids).toHaveLength(guild.members.length);
        expect(new Set(ids).size).toBe(ids.length);
        expect(exp.member_stats.total).toBe(guild.members.length);
        // Pages: a full page always needs one more request to learn the list ended.
        const pages = fake.stats().byRoute['GET /guilds/:guild/members'] ?? 0;
        expect(pages).toBe(Math.floor(guild.members.length / 1000) + 1);
      } finally {
        await fake.close();
      }
    });
  }

  it('--max-members stops early and says the scope was truncated', async () => {
    const guild = generateGuild({ seed: 5, members: 1500, text: 1 });
    const fake = await startFakeDiscord({ guilds: [guild], token: TOKEN, timeScale: 0.02 });
    try {
      const out = join(dir, 'max');
      await runCli(['export', '--guild', guild.guild.id, '--out', out, '--formats', 'json', '--max-members', '1200'], { DISCORD_TOKEN: TOKEN, DISCORD_API_BASE: fake.apiBase });
      const exp = JSON.parse(readFileSync(join(out, 'export.json'), 'utf8'));
      expect(exp.members).toHaveLength(1200);
      expect(exp.meta.scope.members_truncated).toBe(true);
      expect(exp.meta.scope.max_members).toBe(1200);
    } finally {
      await fake.close();
    }
  });

  it('counts bans page by page and stops at the cap, saying the count is a lower bound', async () => {
    for (const [bans, count, capped] of [[2500, 2500, false], [6200, 5000, true]] as const) {
      const guild = generateGuild({ seed: 9, members: 10, text: 1, bans });
      const fake = await startFakeDiscord({ guilds: [guild], token: TOKEN, timeScale: 0.001 });
      try {
        const out = join(dir, `bans-${bans}`);
        await runCli(['export', '--guild', guild.guild.id, '--out', out, '--formats', 'json,markdown', '--only', 'bans'], { DISCORD_TOKEN: TOKEN, DISCORD_API_BASE: fake.apiBase });
        const exp = JSON.parse(readFileSync(join(out, 'export.json'), 'utf8'));
        expect(exp.bans).toEqual({ count, capped });
        expect(readFileSync(join(out, 'snapshot.md'), 'utf8')).toContain(`${count.toLocaleString('en-US')}${capped ? '+' : ''} banned users`);
      } finally {
        await fake.close();
      }
    }
  });
});
