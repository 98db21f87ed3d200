import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateGuild, startFakeDiscord, type FaultRule } from '../../../src/fake-discord/index.js';
import { validateExport } from '../../../src/schema/validate.js';
import { runCli } from '../../helpers/cli.js';
import { TEST_TOKEN as TOKEN, useFakeDiscord } from '../../helpers/fake-discord.js';
import { readZip } from '../../helpers/zip.js';

const INVITES = 'GET /guilds/:guild/invites';

// Every fault hits one route, always: after the retries the invites collector fails alone.
const cases: { name: string; rule: FaultRule; code: string | number }[] = [
  { name: '5xx', rule: { route: INVITES, kind: 'status', status: 502 }, code: 'HTTP_502' },
  { name: 'slow beyond the timeout', rule: { route: INVITES, kind: 'slow', delayMs: 2_000 }, code: 'TIMEOUT' },
  { name: 'truncated JSON', rule: { route: INVITES, kind: 'truncate' }, code: 'INVALID_JSON' },
  { name: 'connection reset', rule: { route: INVITES, kind: 'reset' }, code: 'NETWORK' },
  { name: 'non-JSON body', rule: { route: INVITES, kind: 'non-json' }, code: 'HTTP_502' },
  { name: 'a 429 asking for hours (Cloudflare ban)', rule: { route: INVITES, kind: 'cloudflare-ban', retryAfter: 3 * 3600 }, code: 'RATE_LIMITED' },
];

describe('faults leave a partial export with a valid ZIP', () => {
  const guild = generateGuild({ seed: 21, members: 60, text: 3 });

  const ctx = useFakeDiscord([guild]);

  for (const c of cases) {
    it(c.name, async () => {
      ctx.fake.setFaults([c.rule]);
      const out = join(ctx.dir, c.name.replace(/\W+/g, '-'));
      const run = await runCli(['export', '--guild', guild.guild.id, '--out', out, '--timeout', '400'], ctx.env());
      ctx.fake.setFaults([]);
      expect(run.code).toBe(0);
      expect(run.stderr).toContain('Partial export');
      const exp = JSON.parse(readFileSync(join(out, 'export.json'), 'utf8'));
      expect(validateExport(exp).errors).toEqual([]);
      expect(exp.errors).toHaveLength(1);
      expect(exp.errors[0]).toMatchObject({ collector: 'invites', status: 'failed' });
      if (c.name !== 'non-JSON body') expect(exp.errors[0].code).toBe(c.code);
      expect(exp.errors[0].hint.length).toBeGreaterThan(10);
      expect(exp.meta.collectors.invites.status).toBe('failed');
      expect(exp.meta.collectors.roles.status).toBe('ok');
      expect(exp.members).toHaveLength(guild.members.length);
      const zip = readZip(join(out, 'export.zip'));
      expect(JSON.parse(zip.files['export.json']).errors).toHaveLength(1);
    });
  }

  it('a transient 5xx is retried with backoff and the export is complete', async () => {
    ctx.fake.setFaults([{ route: INVITES, kind: 'status', status: 503, times: 2 }]);
    const out = join(ctx.dir, 'transient');
    const run = await runCli(['export', '--guild', guild.guild.id, '--out', out, '--formats', 'json'], ctx.env());
    ctx.fake.setFaults([]);
    expect(run.code).toBe(0);
    const exp = JSON.parse(readFileSync(join(out, 'export.json'), 'utf8'));
    expect(exp.errors).toEqual([]);
    expect(exp.invites.length).toBe(guild.invites.length);
  });

  it('a short 429 is waited out by the client and the export is complete', async () => {
    ctx.fake.resetStats();
    ctx.fake.setFaults([{ route: INVITES, kind: 'ratelimit', retryAfter: 0.2, times: 1 }]);
    const out = join(ctx.dir, 'short-429');
    const run = await runCli(['export', '--guild', guild.guild.id, '--out', out, '--formats', 'json'], ctx.env());
    ctx.fake.setFaults([]);
    expect(run.code).toBe(0);
    expect(ctx.fake.stats().ratelimited).toBe(1);
    const exp = JSON.parse(readFileSync(join(out, 'export.json'), 'utf8'));
    expect(exp.errors).toEqual([]);
    expect(exp.invites.length).toBe(guild.invites.length);
  });

  it('a failure in the middle of the member list keeps the pages already read (partial)', async () => {
    const big = generateGuild({ seed: 22, members: 2500, text: 1 });
    const f2 = await startFakeDiscord({ guilds: [big], token: TOKEN, timeScale: 0.02 });
    try {
      f2.setFaults([{ route: 'GET /guilds/:guild/members', kind: 'status', status: 500, after: 2 }]);
      const out = join(ctx.dir, 'members-mid');
      const run = await runCli(['export', '--guild', big.guild.id, '--out', out, '--formats', 'json,zip'], { DISCORD_TOKEN: TOKEN, DISCORD_API_BASE: f2.apiBase });
      expect(run.code).toBe(0);
      const exp = JSON.parse(readFileSync(join(out, 'export.json'), 'utf8'));
      expect(exp.members).toHaveLength(2000);
      expect(exp.member_stats.total).toBe(2000);
      expect(exp.meta.collectors.members.status).toBe('partial');
      expect(exp.errors.find((e: { collector: string }) => e.collector === 'members')).toMatchObject({ status: 'partial', code: 'HTTP_500' });
      expect(validateExport(exp).errors).toEqual([]);
      expect(JSON.parse(readZip(join(out, 'export.zip')).files['export.json']).members).toHaveLength(2000);
    } finally {
      await f2.close();
    }
  });
});
