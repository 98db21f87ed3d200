import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoGuild } from '../../../src/fake-discord/index.js';
import { validateExport } from '../../../src/schema/validate.js';
import { runCli } from '../../helpers/cli.js';
import { useFakeDiscord } from '../../helpers/fake-discord.js';

type Json = Record<string, any>;  

const guild = demoGuild();
const GUILD = guild.guild.id;
const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
const LIST = 'GET /guilds/:guild/members';

describe('members: counts reads Discord\'s counts, not the member list', () => {
  const ctx = useFakeDiscord([guild]);

  it('makes no member-list request, counts every role and finds every bot, and says what it cannot know', async () => {
    ctx.fake.resetStats();
    const out = join(ctx.dir, 'counts');
    const run = await runCli(['export', '--guild', GUILD, '--out', out, '--members', 'counts'], ctx.env());
    expect(run.code).toBe(0);
    const st = ctx.fake.stats();
    expect(st.byRoute[LIST] ?? 0).toBe(0);
    expect(st.byRoute['GET /guilds/:guild/roles/member-counts']).toBe(1);
    const bots = guild.members.filter((m) => m.user.bot);
    expect(st.byRoute['GET /guilds/:guild/members/:user']).toBe(bots.length);
    expect(st.byRoute['GET /guilds/:guild/integrations']).toBe(1);

    const exp = JSON.parse(read(out, 'export.json')) as Json;
    expect(validateExport(exp).errors).toEqual([]);
    for (const role of exp.roles as Json[]) {
      const holders = guild.members.filter((m) => m.roles.includes(role.id)).length;
      expect(role.member_count).toBe(role.is_everyone ? guild.members.length : holders);
    }
    expect((exp.bots as Json[]).map((b) => b.id).sort()).toEqual(bots.map((m) => m.user.id).sort());
    for (const b of exp.bots as Json[]) expect(b.roles).toEqual(bots.find((m) => m.user.id === b.id)!.roles.slice().sort());
    expect(exp.meta.collectors.bots.status).toBe('ok');
    expect(exp.member_stats).toEqual(expect.objectContaining({
      source: 'counts', total: guild.members.length, bots: bots.length, humans: guild.members.length - bots.length,
      without_roles: null, pending: null, timed_out: null,
    }));
    expect(exp.members).toBeNull();

    const snapshot = JSON.parse(read(out, 'snapshot.json')) as Json;
    expect(snapshot.member_stats).toMatchObject({ source: 'counts', without_roles: null, pending: null, timed_out: null });
    expect(validateExport(snapshot).errors).toEqual([]);
    const md = read(out, 'snapshot.md');
    expect(md).toContain("Member data: counts. Role member counts, bots and the member total come from Discord's counts, without reading the member list; not collected: members without roles, pending screening, timed out (they need members: full).");
    const prompt = read(out, 'audit-prompt.md');
    expect(prompt).toContain('without roles: not collected, pending screening: not collected');
    expect(prompt).not.toMatch(/\b0 without roles/);
  });

  it('full mode still counts from the member list, with every figure known', async () => {
    const out = join(ctx.dir, 'full');
    const run = await runCli(['export', '--guild', GUILD, '--out', out, '--members', 'full'], ctx.env());
    expect(run.code).toBe(0);
    const exp = JSON.parse(read(out, 'export.json')) as Json;
    expect(exp.member_stats).toMatchObject({ source: 'member_list', total: guild.members.length });
    expect(typeof exp.member_stats.without_roles).toBe('number');
    expect(read(out, 'snapshot.md')).not.toContain("Discord's counts");
  });

  it('without the integrations, finds the bots from their managed roles and says the list may be incomplete', async () => {
    ctx.fake.setFaults([{ route: 'GET /guilds/:guild/integrations', kind: 'status', status: 403 }]);
    try {
      const out = join(ctx.dir, 'no-integrations');
      const run = await runCli(['export', '--guild', GUILD, '--out', out, '--members', 'counts'], ctx.env());
      expect(run.code).toBe(0);
      const exp = JSON.parse(read(out, 'export.json')) as Json;
      const managed = guild.guild.roles.filter((r) => r.tags?.bot_id).map((r) => r.tags!.bot_id!).sort();
      expect((exp.bots as Json[]).map((b) => b.id).sort()).toEqual(managed);
      expect(exp.meta.collectors.bots.status).toBe('partial');
      expect((exp.errors as Json[]).find((e) => e.collector === 'bots')!.message)
        .toMatch(/^Bots were found from the roles Discord manages for them only \(a bot without one is missing\): GET \/guilds\/\{id\}\/integrations could not be read/);
      expect(exp.member_stats).toMatchObject({ source: 'counts', bots: managed.length });
    } finally {
      ctx.fake.setFaults([]);
    }
  });

  it('a bot whose member record cannot be read keeps its managed role, and the bot list says so', async () => {
    ctx.fake.setFaults([{ route: 'GET /guilds/:guild/members/:user', kind: 'status', status: 403 }]);
    try {
      const out = join(ctx.dir, 'no-bot-members');
      const run = await runCli(['export', '--guild', GUILD, '--out', out, '--members', 'counts'], ctx.env());
      expect(run.code).toBe(0);
      const exp = JSON.parse(read(out, 'export.json')) as Json;
      expect(exp.meta.collectors.bots.status).toBe('partial');
      expect((exp.errors as Json[]).find((e) => e.collector === 'bots')!.message).toMatch(/bot member record\(s\) could not be read; their roles are the one Discord manages for them only/);
      for (const b of exp.bots as Json[]) expect(b.roles).toEqual(b.managed_role ? [b.managed_role] : []);
    } finally {
      ctx.fake.setFaults([]);
    }
  });

  for (const status of [403, 404]) {
    it(`falls back to the member list when the counts route answers ${status}, and says so`, async () => {
      ctx.fake.resetStats();
      ctx.fake.setFaults([{ route: 'GET /guilds/:guild/roles/member-counts', kind: 'status', status }]);
      try {
        const out = join(ctx.dir, `fallback-${status}`);
        const run = await runCli(['export', '--guild', GUILD, '--out', out, '--members', 'counts'], ctx.env());
        expect(run.code).toBe(0);
        expect(ctx.fake.stats().byRoute[LIST]).toBe(Math.floor(guild.members.length / 1000) + 1);
        const exp = JSON.parse(read(out, 'export.json')) as Json;
        expect(exp.member_stats).toMatchObject({ source: 'member_list', total: guild.members.length });
        expect(typeof exp.member_stats.pending).toBe('number');
        expect(exp.meta.collectors.members).toMatchObject({ status: 'ok' });
        expect(exp.meta.collectors.members.reason).toMatch(new RegExp(`^members: counts read the whole member list instead of Discord's counts: GET /guilds/\\{id\\}/roles/member-counts answered ${status}`));
        const admin = (exp.roles as Json[]).find((r) => !r.managed && !r.is_everyone && r.member_count > 0)!;
        expect(admin.member_count).toBe(guild.members.filter((m) => m.roles.includes(admin.id)).length);
        expect(read(out, 'snapshot.md')).toMatch(/Notes: members: members: counts read the whole member list instead of Discord's counts/);
      } finally {
        ctx.fake.setFaults([]);
      }
    });
  }
});
