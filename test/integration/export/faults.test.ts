import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateGuild, startFakeDiscord, type FakeDiscord, type FaultRule } from '../../../src/fake-discord/index.js';
import { validateExport } from '../../../src/schema/validate.js';
import { runCli } from '../../helpers/cli.js';
import { readZip } from '../../helpers/zip.js';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.faults.abcdefghijklmnopqrstuvwxyz';
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
  let fake: FakeDiscord;
  let dir: string;
  const guild = generateGuild({ seed: 21, members: 60, text: 3 });

  beforeAll(async () => {
    fake = await startFakeDiscord({ guilds: [guild], token: TOKEN, timeScale: 0.02 });
    dir = mkdtempSync(join(tmpdir(), 'dse-faults-'));
  });
  afterAll(async () => {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const c of cases) {
    it(c.name, async () => {
      fake.setFaults([c.rule]);
      const out = join(dir, c.name.replace(/\W+/g, '-'));
      const run = await runCli(['export', '--guild', guild.guild.id, '--out', out, '--timeout', '400'], { DISCORD_TOKEN: TOKEN, DISCORD_API_BASE: fake.apiBase });
      fake.setFaults([]);
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
    fake.setFaults([{ route: INVITES, kind: 'status', status: 503, times: 2 }]);
    const out = join(dir, 'transient');
    const run = await runCli(['export', '--guild', guild.guild.id, '--out', out, '--formats', 'json'], { DISCORD_TOKEN: TOKEN, DISCORD_API_BASE: fake.apiBase });
    fake.setFaults([]);
    expect(run.code).toBe(0);
    const exp = JSON.parse(readFileSync(join(out, 'export.json'), 'utf8'));
    expect(exp.errors).toEqual([]);
    expect(exp.invites.length).toBe(guild.invites.length);
  });

  it('a short 429 is waited out by the client and the export is complete', async () => {
    fake.resetStats();
    fake.setFaults([{ route: INVITES, kind: 'ratelimit', retryAfter: 0.2, times: 1 }]);
    const out = join(dir, 'short-429');
    const run = await runCli(['export', '--guild', guild.guild.id, '--out', out, '--formats', 'json'], { DISCORD_TOKEN: TOKEN, DISCORD_API_BASE: fake.apiBase });
    fake.setFaults([]);
    expect(run.code).toBe(0);
    expect(fake.stats().ratelimited).toBe(1);
    const exp = JSON.parse(readFileSync(join(out, 'export.json'), 'utf8'));
    expect(exp.errors).toEqual([]);
    expect(exp.invites.length).toBe(guild.invites.length);
  });

  it('a failure in the middle of the member list keeps the pages already read (partial)', async () => {
    const big = generateGuild({ seed: 22, members: 2500, text: 1 });
    const f2 = await startFakeDiscord({ guilds: [big], token: TOKEN, timeScale: 0.02 });
    try {
      f2.setFaults([{ route: 'GET /guilds/:guild/members', kind: 'status', status: 500, after: 2 }]);
      const out = join(dir, 'members-mid');
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
