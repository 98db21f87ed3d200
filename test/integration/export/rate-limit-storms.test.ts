import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateGuild, type FaultRule } from '../../../src/fake-discord/index.js';
import { MAX_GLOBAL_429S, MAX_ROUTE_429S } from '../../../src/discord/rate-limit-guard.js';
import { runCli, spawnCli } from '../../helpers/cli.js';
import { useFakeDiscord } from '../../helpers/fake-discord.js';

// 429s the client cannot wait out as asked: a wait of 0, negative, missing or not a number. Each is taken as one
// second, and a route answered 429 five times in a row is given up: the export is partial, not endless.
const unusable: { route: string; collector: string; rule: Partial<FaultRule> }[] = [
  { route: 'GET /guilds/:guild/invites', collector: 'invites', rule: { retryAfterHeader: '0', retryAfterBody: 0 } },
  { route: 'GET /guilds/:guild/webhooks', collector: 'webhooks', rule: { retryAfterHeader: '-5', retryAfterBody: -5 } },
  { route: 'GET /guilds/:guild/scheduled-events', collector: 'events', rule: { retryAfterHeader: null, retryAfterBody: null } },
  { route: 'GET /guilds/:guild/auto-moderation/rules', collector: 'automod', rule: { retryAfterHeader: 'soon', retryAfterBody: 'soon' } },
];

describe('429s without a usable wait', () => {
  const guild = generateGuild({ seed: 31, members: 40, text: 2 });
  const ctx = useFakeDiscord([guild]);

  it('are retried a bounded number of times, a second apart, and give up their collector alone', async () => {
    ctx.fake.setFaults(unusable.map((u) => ({ ...u.rule, route: u.route, kind: 'ratelimit' }) as FaultRule));
    ctx.fake.resetStats();
    const out = join(ctx.dir, 'unusable');
    const started = Date.now();
    const run = await runCli(['export', '--guild', guild.guild.id, '--out', out, '--formats', 'json'], ctx.env());
    const elapsed = Date.now() - started;
    const stats = ctx.fake.stats();
    ctx.fake.setFaults([]);
    expect(run.code).toBe(0);
    for (const u of unusable) expect([u.route, stats.byRoute[u.route]]).toEqual([u.route, MAX_ROUTE_429S]);
    // Four waits of (at least) a second each between the five tries, never a tight loop.
    expect(elapsed).toBeGreaterThanOrEqual((MAX_ROUTE_429S - 1) * 1000);
    const exp = JSON.parse(readFileSync(join(out, 'export.json'), 'utf8'));
    expect(exp.errors.map((e: { collector: string }) => e.collector).sort()).toEqual(unusable.map((u) => u.collector).sort());
    for (const e of exp.errors) {
      expect(e.code).toBe('RATE_LIMITED_REPEATEDLY');
      expect(e.message).toMatch(/^Rate limited 5 times in a row on GET \/guilds\/\{id\}\/.+; Discord or a proxy in between is not letting requests through/);
    }
    expect(exp.meta.collectors.roles.status).toBe('ok');
  }, 20_000);

  it('a global storm stops the whole run with its own error', async () => {
    ctx.fake.setFaults([{ route: '*', kind: 'ratelimit', global: true, retryAfter: 0.02 }]);
    ctx.fake.resetStats();
    const out = join(ctx.dir, 'storm');
    const run = await runCli(['export', '--guild', guild.guild.id, '--out', out, '--formats', 'json'], ctx.env());
    const stats = ctx.fake.stats();
    ctx.fake.setFaults([]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`Rate limited by Discord's global limit ${MAX_GLOBAL_429S} times in a row`);
    // The first round trip's requests meet the limit together: each round counts once, and each is bounded.
    expect(stats.requests).toBeLessThanOrEqual(MAX_GLOBAL_429S * 20);
    // A failed export is recorded beside the folder's last good files, never over them.
    const exp = JSON.parse(readFileSync(join(out, 'export-failed.json'), 'utf8'));
    expect(exp.meta.fatal.message).toContain('global limit');
  }, 20_000);
});

describe('a rate limit given up on', () => {
  const guild = generateGuild({ seed: 32, members: 3_500, text: 2 });
  const ctx = useFakeDiscord([guild]);

  it('holds no timer: the process exits as soon as the files are written', async () => {
    // The first member page says its bucket is spent for 85 s: the next page is refused (longer than a minute),
    // and nothing may wait the 85 s out after the run (the client used to leave its timer running).
    ctx.fake.setFaults([{ route: 'GET /guilds/:guild/members', kind: 'bucket-exhausted', retryAfter: 85, after: 1, times: 1 }]);
    const out = join(ctx.dir, 'long-wait');
    const run = await spawnCli(['export', '--guild', guild.guild.id, '--out', out, '--formats', 'json'], ctx.env(), 40_000);
    ctx.fake.setFaults([]);
    expect(run.elapsedMs).toBeLessThan(15_000);
    expect(run.stderr).toContain('longer than a minute');
    expect(run.code).toBe(0);
    const exp = JSON.parse(readFileSync(join(out, 'export.json'), 'utf8'));
    expect(exp.meta.collectors.members.status).toBe('partial');
  }, 60_000);
});
