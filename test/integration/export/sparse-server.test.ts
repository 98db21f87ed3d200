import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateGuild, sparseDropsUser } from '../../../src/fake-discord/index.js';
import { runCli } from '../../helpers/cli.js';
import { useFakeDiscord } from '../../helpers/fake-discord.js';

interface ExportError { collector: string; status: string; code: string | number | null; message: string; hint: string }

const read = (out: string) => JSON.parse(readFileSync(join(out, 'export.json'), 'utf8'));
const errorsOf = (exp: { errors: ExportError[] }, collector: string) => exp.errors.filter((e) => e.collector === collector);

// A Discord-compatible server that is not Discord: it omits fields Discord sends and lacks some routes.
describe('a Discord-compatible server that sends less than Discord', () => {
  const guild = generateGuild({ seed: 41, members: 240, text: 3, forum: 1 });
  const guildId = guild.guild.id;
  const ctx = useFakeDiscord([guild], { sparse: true });
  const dropped = guild.members.filter(sparseDropsUser).length;

  it('reads what it does send truthfully and names what it does not', async () => {
    expect(dropped).toBeGreaterThan(0);
    ctx.fake.resetStats();
    const out = join(ctx.dir, 'sparse');
    const run = await runCli(['export', '--guild', guildId, '--out', out, '--formats', 'json'], ctx.env());
    expect(run.code).toBe(0);
    const exp = read(out);
    const all = exp.errors as ExportError[];
    // Never a crash of the exporter: every problem is named.
    expect(all.filter((e) => e.code === 'INTERNAL' || /TypeError|Cannot read properties/.test(e.message))).toEqual([]);

    // Roles come from GET /guilds/{id}/roles when the guild answer has none.
    expect(ctx.fake.stats().byRoute['GET /guilds/:guild/roles']).toBe(1);
    expect(exp.roles.map((r: { id: string }) => r.id).sort()).toEqual(guild.guild.roles.map((r) => r.id).sort());
    expect(errorsOf(exp, 'roles').map((e) => e.message).join('\n')).not.toMatch(/has no `roles`/);

    // The member count: member_count when the approximate one is absent, never 0.
    expect(exp.meta.collectors.server.status).toBe('ok');
    expect(exp.server.member_count).toBe(guild.members.length);

    // Members without `user` are counted and make the collector partial, saying how many and why.
    expect(exp.meta.collectors.members.status).toBe('partial');
    const [skip] = errorsOf(exp, 'members');
    expect(skip).toMatchObject({ status: 'partial', code: 'MALFORMED_RECORDS' });
    expect(skip.message).toContain(`${dropped} member record(s) in Discord's answer to GET /guilds/{id}/members could not be read`);
    expect(skip.message).toContain(`no \`user\`: ${dropped}`);
    expect(exp.member_stats.total).toBe(guild.members.length - dropped);
    expect(exp.members).toHaveLength(guild.members.length - dropped);
    // What is derived from the member list says it is incomplete too.
    expect(exp.meta.collectors.roles.status).toBe('partial');
    expect(errorsOf(exp, 'roles')[0].message).toMatch(/^Role member counts are not collected: they would leave out \d+ member record\(s\)/);
    expect(exp.meta.collectors.bots.status).toBe('partial');

    // Threads in the channel list are threads, not channels.
    expect(exp.channels.filter((c: { type: number }) => [10, 11, 12].includes(c.type))).toEqual([]);
    expect(exp.channels).toHaveLength(guild.channels.length);
    expect(exp.threads.map((t: { id: string }) => t.id).sort()).toEqual(guild.threads.map((t) => t.id).sort());
    expect(exp.meta.collectors.threads.status).toBe('partial');
    const [threadNote] = errorsOf(exp, 'threads');
    expect(threadNote).toMatchObject({ code: 'NOT_OFFERED' });
    expect(threadNote.message).toContain('This server does not offer GET /channels/{id}/threads/archived/private, GET /channels/{id}/threads/archived/public, GET /guilds/{id}/threads/active');
    expect(exp.meta.collectors.forums.status).toBe('partial');
    expect(errorsOf(exp, 'forums')[0].message).toMatch(/^Post counts leave out threads that could not be listed: this server does not offer GET /);

    // A 404 on a route once the server itself was read: "not offered", never "check the guild id".
    for (const [collector, route] of [['events', 'scheduled-events'], ['onboarding', 'onboarding'], ['soundboard', 'soundboard-sounds']]) {
      expect(exp.meta.collectors[collector].status).toBe('failed');
      const [e] = errorsOf(exp, collector);
      expect(e.code).toBe('NOT_OFFERED');
      expect(e.message).toBe(`This server does not offer GET /guilds/{id}/${route} (404 without a Discord error code: it answered "404: Not Found" (code 0)); a Discord-compatible server may not implement it.`);
      expect(e.hint).toMatch(/the id and the token are right/);
      expect(e.hint).not.toMatch(/Check the guild id/);
    }
    for (const ok of ['channels', 'invites', 'webhooks', 'emojis', 'stickers', 'automod', 'integrations', 'bans', 'voice', 'stage']) {
      expect([ok, exp.meta.collectors[ok].status]).toEqual([ok, 'ok']);
    }
  });

  it('with no thread route and no thread in the channel list, threads are not collected (never "no threads")', async () => {
    const threads = ctx.fake.guild(guildId).threads;
    ctx.fake.guild(guildId).threads = [];
    try {
      const out = join(ctx.dir, 'no-threads');
      expect((await runCli(['export', '--guild', guildId, '--out', out, '--formats', 'json', '--only', 'threads,forums'], ctx.env())).code).toBe(0);
      const exp = read(out);
      expect(exp.meta.collectors.threads.status).toBe('failed');
      const [e] = errorsOf(exp, 'threads');
      expect(e.code).toBe('NOT_OFFERED');
      expect(e.message).toMatch(/and its channel list carries no threads: threads could not be listed\.$/);
      expect(exp.meta.collectors.forums.status).toBe('failed');
    } finally {
      ctx.fake.guild(guildId).threads = threads;
    }
  });

  it('a bad token answered 400 with code 40001 is a rejected token: fatal, the token hint, no more requests', async () => {
    ctx.fake.resetStats();
    const wrong = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.wrong-token.zyxwvutsrqponmlkjihgfedcba';
    const out = join(ctx.dir, 'sparse-wrong');
    const run = await runCli(['export', '--guild', guildId, '--out', out, '--formats', 'json'], ctx.env(wrong));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Export failed: Discord rejected the bot token \(400 Unauthorized, code 40001\)/);
    expect(run.stderr).toContain('Reset Token');
    expect(run.stderr).not.toMatch(/guild id|not in that server/);
    expect(run.stderr + run.stdout).not.toContain(wrong);
    const st = ctx.fake.stats();
    expect(st.status[400]).toBe(st.requests);
    expect(Object.keys(st.byRoute).filter((r) => r.startsWith('GET /channels/'))).toEqual([]);
    const failed = JSON.parse(readFileSync(join(out, 'export-failed.json'), 'utf8'));
    expect(failed.errors[0]).toMatchObject({ collector: 'server', status: 'failed', code: 40001, http_status: 400 });
  });

  it('with no member count in the answer, the members counted stand in', async () => {
    ctx.fake.guild(guildId).noMemberCount = true;
    try {
      const out = join(ctx.dir, 'no-count');
      const run = await runCli(['export', '--guild', guildId, '--out', out, '--formats', 'json', '--members', 'counts'], ctx.env());
      expect(run.code).toBe(0);
      const exp = read(out);
      expect(exp.server.member_count).toBe(guild.members.length - dropped);
      // Counted from a list that had unreadable records: the server collector says so.
      expect(exp.meta.collectors.server.status).toBe('partial');
      expect(errorsOf(exp, 'server')[0].message).toMatch(/^The member count \(counted from the member list/);

      const none = join(ctx.dir, 'no-count-none');
      expect((await runCli(['export', '--guild', guildId, '--out', none, '--formats', 'json', '--members', 'none', '--only', 'server'], ctx.env())).code).toBe(0);
      const bare = read(none);
      expect(bare.meta.collectors.server.status).toBe('partial');
      expect(errorsOf(bare, 'server')[0].message).toMatch(/has no approximate_member_count or member_count, and the member list was not read/);
    } finally {
      ctx.fake.guild(guildId).noMemberCount = false;
    }
  });
});
