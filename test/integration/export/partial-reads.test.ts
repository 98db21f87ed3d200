import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { APIRole } from 'discord-api-types/v10';
import { generateGuild } from '../../../src/fake-discord/index.js';
import { runCli } from '../../helpers/cli.js';
import { TEST_TOKEN, useFakeDiscord } from '../../helpers/fake-discord.js';

interface ExportError { collector: string; status: string; code: string | number | null; message: string; hint: string }

const read = (out: string) => JSON.parse(readFileSync(join(out, 'export.json'), 'utf8'));
const errorsOf = (exp: { errors: ExportError[] }, collector: string) => exp.errors.filter((e) => e.collector === collector);

// Discord-shaped partial cases: each export goes on, and what could not be read (or only partly) says so.
describe('partial reads say what is missing and why', () => {
  const guild = generateGuild({ seed: 43, members: 180, text: 3, stage: 1 });
  const guildId = guild.guild.id;
  const ctx = useFakeDiscord([guild]);
  const g = () => ctx.fake.guild(guildId);
  const exportTo = async (name: string, ...args: string[]) => {
    const out = join(ctx.dir, name);
    const run = await runCli(['export', '--guild', guildId, '--out', out, '--formats', 'json', ...args], ctx.env());
    return { run, exp: read(out) };
  };

  it('roles unreadable: roles fail with a named error, and so does everything worked out from them', async () => {
    g().rolesUnreadable = true;
    try {
      const { run, exp } = await exportTo('roles-unreadable');
      expect(run.code).toBe(0);
      expect(exp.meta.collectors.roles.status).toBe('failed');
      const [roles] = errorsOf(exp, 'roles');
      expect(roles.message).toBe("Discord's answer to GET /guilds/{id} has no `roles`, and GET /guilds/{id}/roles could not be read either: "
        + `Discord said 403 Missing Permissions (code 50013) for GET /guilds/${guildId}/roles.`);
      expect(roles.code).toBe(50013);
      // Bot permissions and stage moderators are worked out from the roles: not collected either, never "ok".
      expect(exp.meta.collectors.bots.status).toBe('failed');
      expect(errorsOf(exp, 'bots')[0].message).toMatch(/^Bot permissions are worked out from the roles, which could not be read: Discord's answer/);
      expect(exp.meta.collectors.stage.status).toBe('failed');
      expect(errorsOf(exp, 'stage')[0].message).toMatch(/^Stage moderators are worked out from the roles/);
      for (const ok of ['server', 'channels', 'members', 'threads', 'invites']) expect([ok, exp.meta.collectors[ok].status]).toEqual([ok, 'ok']);
    } finally {
      g().rolesUnreadable = false;
    }
  });

  it('member list 403 (Server Members intent off): bots found from their managed roles only, and the export says so', async () => {
    g().noMembersIntent = true;
    try {
      const { run, exp } = await exportTo('no-intent');
      expect(run.code).toBe(0);
      expect(exp.meta.collectors.members.status).toBe('failed');
      expect(errorsOf(exp, 'members')[0].code).toBe(50001);
      expect(exp.meta.collectors.bots.status).toBe('partial');
      const [bots] = errorsOf(exp, 'bots');
      expect(bots.message).toMatch(/^Bots were found from the roles Discord manages for them only \(a bot without one is missing\): the member list could not be read \(Discord said 403 Missing Access \(code 50001\)/);
      expect(bots.hint).toMatch(/Server Members Intent/);
      expect(exp.bots.length).toBeGreaterThan(0);
      // Role member counts are "not counted" (null), never 0.
      expect(exp.roles.every((r: { member_count: number | null }) => r.member_count === null)).toBe(true);
    } finally {
      g().noMembersIntent = false;
    }
  });

  it('--max-members: role member counts and bots are partial with the reason, never "ok"', async () => {
    const { run, exp } = await exportTo('max-members', '--max-members', '50', '--members', 'full');
    expect(run.code).toBe(0);
    expect(exp.meta.scope.members_truncated).toBe(true);
    expect(exp.member_stats.total).toBe(50);
    expect(exp.meta.collectors.roles.status).toBe('partial');
    expect(errorsOf(exp, 'roles')[0]).toMatchObject({ code: 'MEMBERS_TRUNCATED',
      message: 'Role member counts are not collected: they would come from the first 50 member(s) only: --max-members stopped the member list early.' });
    expect(exp.meta.collectors.bots.status).toBe('partial');
    expect(errorsOf(exp, 'bots')[0].message).toBe('Bots come from the first 50 member(s) only: --max-members stopped the member list early.');
    expect(errorsOf(exp, 'bots')[0].hint).toMatch(/without --max-members/);
    expect(run.stderr).toContain('Partial export');
    // A full read stays ok.
    const full = await exportTo('max-members-all', '--max-members', '100000', '--members', 'full');
    expect(full.exp.meta.collectors.roles.status).toBe('ok');
    expect(full.exp.meta.collectors.bots.status).toBe('ok');
  });

  it('an answer missing a field the exporter needs: a named error for that collector, never a TypeError', async () => {
    const owner = g().guild.owner_id;
    const invites = g().invites;
    const role = g().guild.roles[3] as Omit<APIRole, 'permissions'> & { permissions?: string };
    const permissions = role.permissions;
    try {
      delete (g().guild as { owner_id?: string }).owner_id;
      (g() as unknown as { invites: unknown }).invites = { invites: [] };
      delete role.permissions;
      const { run, exp } = await exportTo('shape');
      expect(run.code).toBe(0);
      expect(exp.errors.filter((e: ExportError) => e.code === 'INTERNAL')).toEqual([]);
      expect(exp.meta.collectors.server.status).toBe('failed');
      expect(errorsOf(exp, 'server')[0]).toMatchObject({ code: 'MISSING_FIELD', message: "Discord's answer to GET /guilds/{id} has no `owner_id`." });
      expect(exp.meta.collectors.invites.status).toBe('failed');
      expect(errorsOf(exp, 'invites')[0]).toMatchObject({ code: 'MISSING_FIELD', message: "Discord's answer to GET /guilds/{id}/invites is not a list." });
      // One bad role record costs that record: the rest are exported and the collector is partial.
      expect(exp.meta.collectors.roles.status).toBe('partial');
      expect(errorsOf(exp, 'roles')[0].message).toBe("1 role record(s) in Discord's answer to GET /guilds/{id} could not be read and were skipped (no `permissions`: 1); the others were exported.");
      expect(exp.roles).toHaveLength(guild.guild.roles.length - 1);
    } finally {
      g().guild.owner_id = owner;
      g().invites = invites;
      role.permissions = permissions!;
    }
  });

  it('a token with whitespace or a line break inside is a usage error (exit 64, one line) before any request', async () => {
    for (const [bad, what] of [[`${TEST_TOKEN.slice(0, 20)} ${TEST_TOKEN.slice(20)}`, 'a space'], [`${TEST_TOKEN}\n${TEST_TOKEN}`, 'a line break']]) {
      ctx.fake.resetStats();
      const run = await runCli(['export', '--guild', guildId, '--out', join(ctx.dir, 'bad-token')], ctx.env(bad));
      expect(run.code).toBe(64);
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(run.stderr).toContain(`has ${what} inside it`);
      expect(run.stderr).not.toContain(TEST_TOKEN.slice(20));
      expect(ctx.fake.stats().requests).toBe(0);
    }
    // Around it, whitespace (a trailing newline from a file or a secret) is fine.
    const ok = await runCli(['export', '--guild', guildId, '--out', join(ctx.dir, 'padded'), '--formats', 'json', '--only', 'server'], ctx.env(`  ${TEST_TOKEN}\n`));
    expect(ok.code).toBe(0);
  });
});
