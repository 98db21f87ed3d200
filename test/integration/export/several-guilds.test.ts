import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import diagnostics from 'node:diagnostics_channel';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateGuild, startFakeDiscord, type FakeDiscord, type FakeGuild } from '../../../src/fake-discord/index.js';
import type { ExportConfig } from '../../../src/config/types.js';
import { configsForGuilds, runExports } from '../../../src/pipeline/run-exports.js';
import { runExport } from '../../../src/pipeline/run-export.js';
import { TEST_TOKEN } from '../../helpers/fake-discord.js';
import { runCli } from '../../helpers/cli.js';
import { busiest } from '../../helpers/windows.js';

/** A valid server id the fake does not serve: its export is fatal (404 Unknown Guild), alone. */
const UNKNOWN = '123456789012345678';

// Discord's own limits (the fake's defaults: 50 requests per second for the token, 10 member pages per 10 s per
// guild), so the one global budget the guilds share is what binds: three guilds of ~60 requests each. Each test
// has a fresh fake: a fresh client cannot know the route buckets an earlier one emptied (bans: 5 per 60 s).
const spec = { members: 1_200, text: 30, forum: 2, announcement: 2, voice: 3, categories: 4 };

describe('several guilds in one run, over one client', () => {
  let a: FakeGuild;
  let b: FakeGuild;
  let fake: FakeDiscord;
  let dir: string;
  const base = (): ExportConfig => ({
    guildId: null, token: TEST_TOKEN, apiBase: fake.apiBase, demo: false, outDir: dir, only: null, skip: [], members: 'full',
    maxMembers: null, formats: ['json', 'markdown'], strict: false, auditConfigPath: null, promptBudget: 12_000,
  });
  const startFake = () => startFakeDiscord({ guilds: [a, b], token: TEST_TOKEN, trace: true, latencyMs: 5, connectLatencyMs: 5 });
  beforeAll(() => {
    a = generateGuild({ seed: 'multi-a', ...spec });
    b = generateGuild({ seed: 'multi-b', ...spec });
  });
  beforeEach(async () => {
    fake = await startFake();
    dir = mkdtempSync(join(tmpdir(), 'dse-multi-'));
  });
  afterEach(async () => {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exports each guild completely into its own folder, the unknown one fatal alone, through one pool and one budget', async () => {
    // One guild alone first, against a fake of its own: the connections one client opens.
    const own = await startFake();
    let alone: number;
    try {
      await runExport({ ...base(), apiBase: own.apiBase, guildId: a.guild.id, outDir: join(dir, 'alone') });
      alone = own.stats().connections;
    } finally {
      await own.close();
    }

    // When each request's headers went on the wire, as the client saw it (undici's diagnostics channel).
    const sent: number[] = [];
    const origin = new URL(fake.apiBase).origin;
    const onSend = (message: unknown) => {
      if ((message as { request: { origin: string } }).request.origin === origin) sent.push(performance.now());
    };
    diagnostics.subscribe('undici:client:sendHeaders', onSend);
    const ids = [a.guild.id, UNKNOWN, b.guild.id];
    const results = await runExports(configsForGuilds({ ...base(), outDir: join(dir, 'run') }, ids))
      .finally(() => diagnostics.unsubscribe('undici:client:sendHeaders', onSend));
    const stats = fake.stats();

    expect(results.map((r) => [r.guildId, r.status])).toEqual([[a.guild.id, 'complete'], [UNKNOWN, 'fatal'], [b.guild.id, 'complete']]);
    for (const [guild, r] of [[a, results[0]], [b, results[2]]] as const) {
      expect(r.outDir).toBe(join(dir, 'run', guild.guild.id));
      const exp = JSON.parse(readFileSync(join(r.outDir, 'export.json'), 'utf8'));
      // Its own reads, never the other guild's: the shared reads are kept apart per guild.
      expect(exp.meta.scope.guild_id).toBe(guild.guild.id);
      expect(exp.server.name).toBe(guild.guild.name);
      expect(exp.errors).toEqual([]);
      expect(exp.members).toHaveLength(guild.members.length);
      expect(new Set(exp.members.map((m: { id: string }) => m.id))).toEqual(new Set(guild.members.map((m) => m.user!.id)));
      expect(exp.channels.map((c: { id: string }) => c.id).sort()).toEqual(guild.channels.map((c) => c.id).sort());
      expect(readdirSync(r.outDir).sort()).toEqual(['export.json', 'snapshot.json', 'snapshot.md']);
    }
    // The failed guild's folder holds the record of the failure, never export files.
    expect(readdirSync(join(dir, 'run', UNKNOWN))).toEqual(['export-failed.json']);
    const unknown = JSON.parse(readFileSync(join(dir, 'run', UNKNOWN, 'export-failed.json'), 'utf8'));
    expect(unknown.meta.fatal.message).toMatch(/unknown|not find|404/i);
    expect(results[1].outcome!.fatal).not.toBeNull();

    // Every request the fake served was one of these exports', counted per guild.
    expect(results.reduce((n, r) => n + r.outcome!.requests, 0)).toBe(stats.requests);
    // One budget: no 429 (the fake counts Discord's global window on its arrivals), and no second in which the
    // client sent more than Discord's 50 (three budgets would have sent up to 144). The fake runs in this process
    // and stamps an arrival when the event loop comes to it, after the client's work in that turn (three guilds'
    // pages parsed, the tokenizer loaded), so its stamps bunch up: its busiest sliding second is printed, not held.
    expect(stats.ratelimited).toBe(0);
    const arrived = busiest(stats.trace!.map((e) => e.arrivedMs));
    console.log(`three guilds: ${stats.requests} requests, busiest second ${busiest(sent)} sent, ${arrived} arrived (fake's stamps); ${stats.connections} connections (one guild alone: ${alone})`);
    expect(busiest(sent)).toBeLessThanOrEqual(50);
    // One pool: as many sockets as the one budget can keep busy (one client opens 50 ahead, ready and warmed, and
    // dials more only when every one is taken), never one pool per guild (three clients: 150 and more).
    expect(stats.connections).toBeLessThan(100);
  }, 60_000);

  it('a folder that cannot take the files, for any guild, is a usage error before any request', async () => {
    const blocked = join(dir, 'blocked');
    writeFileSync(blocked, 'a file where the folder should be');
    const before = fake.stats().requests;
    await expect(runExports([
      { ...base(), guildId: a.guild.id, outDir: blocked, members: 'none' },
      { ...base(), guildId: b.guild.id, outDir: join(dir, 'fine'), members: 'none' },
    ])).rejects.toThrow(/cannot be used: it is a file, not a folder/);
    expect(fake.stats().requests).toBe(before);
  }, 60_000);

  it('CLI: one line per guild in the order given, a total, the worst exit status; repeats and blanks dropped', async () => {
    const out = join(dir, 'cli');
    const env = { DISCORD_TOKEN: TEST_TOKEN, DISCORD_API_BASE: fake.apiBase };
    const run = await runCli(['export', '--guild', `${b.guild.id}, ${UNKNOWN},\n${a.guild.id},${b.guild.id}`, '--out', out, '--formats', 'json'], env);
    expect(run.code).toBe(2);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(new RegExp(`^${b.guild.id} complete: "${b.guild.name}", health score \\d+/100, \\d+ requests -> .*${b.guild.id}$`));
    expect(lines[1]).toMatch(new RegExp(`^${UNKNOWN} failed: `));
    expect(lines[2]).toMatch(new RegExp(`^${a.guild.id} complete: "${a.guild.name}"`));
    expect(lines[3]).toMatch(/^3 servers in [\d.]+ s: 2 complete, 0 partial, 1 failed\.$/);
    expect(run.stderr).toContain(`${UNKNOWN}: export failed:`);
    expect(run.stderr).toContain('What to do:');
    // As each guild finishes, a line on the progress stream.
    expect(run.stderr).toContain(`${UNKNOWN}: failed\n`);
    expect(run.stderr).toContain(`${a.guild.id}: complete\n`);
    expect(readdirSync(out).sort()).toEqual([a.guild.id, b.guild.id, UNKNOWN].sort());
    for (const id of [a.guild.id, b.guild.id]) expect(existsSync(join(out, id, 'export.json'))).toBe(true);
    expect(readdirSync(join(out, UNKNOWN))).toEqual(['export-failed.json']);
    expect(fake.stats().ratelimited).toBe(0);
    expect(run.stdout + run.stderr).not.toContain(TEST_TOKEN);
  }, 60_000);

  it('CLI: a partial guild beside a complete one exits 0, and 1 with --strict; DISCORD_GUILD_ID takes line breaks', async () => {
    a.missingPermissions = ['ManageWebhooks'];
    try {
      const out = join(dir, 'partial');
      const env = { DISCORD_TOKEN: TEST_TOKEN, DISCORD_API_BASE: fake.apiBase, DISCORD_GUILD_ID: `${a.guild.id}\n${b.guild.id}\n` };
      const run = await runCli(['export', '--out', out, '--formats', 'json', '--members', 'none'], env);
      expect(run.code).toBe(0);
      const lines = run.stdout.trim().split('\n');
      expect(lines[0]).toMatch(new RegExp(`^${a.guild.id} partial \\(1 problem\\): "${a.guild.name}"`));
      expect(lines[1]).toMatch(new RegExp(`^${b.guild.id} complete: `));
      expect(lines[2]).toMatch(/: 1 complete, 1 partial, 0 failed\.$/);
      expect(run.stderr).toContain(`${a.guild.id}: partial export: 1 problem(s):`);
      expect(run.stderr).toMatch(/- webhooks \(/);
      await new Promise((r) => setTimeout(r, 1100));
      const strict = await runCli(['export', '--out', join(dir, 'strict'), '--formats', 'json', '--members', 'none', '--strict'], env);
      expect(strict.code).toBe(1);
    } finally {
      delete a.missingPermissions;
    }
  }, 60_000);

  it('CLI: one id given twice is one export, its files in --out as for a single guild', async () => {
    const out = join(dir, 'single');
    const env = { DISCORD_TOKEN: TEST_TOKEN, DISCORD_API_BASE: fake.apiBase };
    const run = await runCli(['export', '--guild', `${a.guild.id},${a.guild.id}`, '--out', out, '--formats', 'json', '--members', 'none'], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^Exported "${a.guild.name}"`));
    expect(readdirSync(out)).toEqual(['export.json']);
  }, 60_000);

  it('CLI: a bad id among several is a usage error naming it, before any request', async () => {
    const env = { DISCORD_TOKEN: TEST_TOKEN, DISCORD_API_BASE: fake.apiBase };
    const run = await runCli(['export', '--guild', `${a.guild.id},12345`, '--out', join(dir, 'bad')], env);
    expect(run.code).toBe(64);
    expect(run.stderr).toContain('"12345"');
    expect(fake.stats().requests).toBe(0);
  });
});
