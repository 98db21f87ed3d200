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
const check = (exp: Json, id: string) => (exp.summary.checks as Json[]).find((c) => c.id === id)!;

describe('what was not collected is never read as empty', () => {
  const ctx = useFakeDiscord([guild]);

  it('roles skipped: roles, access and bots are null, checks over channel access are not applicable, every renderer says so', async () => {
    const out = join(ctx.dir, 'no-roles');
    const run = await runCli(['export', '--guild', GUILD, '--out', out, '--skip', 'roles'], ctx.env());
    expect(run.code).toBe(0);
    const exp = JSON.parse(read(out, 'export.json')) as Json;
    expect(validateExport(exp).errors).toEqual([]);
    expect(exp.meta.schema_version).toBe('2.2.0');
    expect(exp.roles).toBeNull();
    expect(exp.access).toBeNull(); // derived from roles and channels
    expect(exp.bots).toBeNull(); // bot permissions come from roles
    expect(Array.isArray(exp.channels) && exp.channels.length).toBeGreaterThan(0);
    expect(exp.summary.total_roles).toBeNull();
    expect(exp.summary.total_channels).toBe(exp.channels.length);
    // Without roles every channel would look private: these checks passed on nothing before.
    for (const id of ['staff_channels_public', 'webhooks_in_public_channels']) {
      expect(check(exp, id).outcome).toBe('not_applicable');
      expect(check(exp, id).message).toMatch(/^(roles|access) not collected: .*skipped with --skip/);
    }
    expect(check(exp, 'too_many_admin_roles')).toMatchObject({ outcome: 'not_applicable', message: 'roles not collected: skipped (skipped with --skip)' });
    // Checks that read neither still judge.
    expect(['pass', 'fail']).toContain(check(exp, 'verification_level_low').outcome);

    const md = read(out, 'snapshot.md');
    expect(md).toContain('## Roles\n\n_Not collected: skipped (skipped with --skip)._');
    expect(md).toMatch(/## Bots\n\n_Not collected: roles not collected: skipped \(skipped with --skip\)\._/);
    expect(md).toMatch(/## Private channels\n\n_Not collected: roles not collected/);
    expect(md).not.toContain('_No bots._');
    expect(md).not.toContain('@deleted role');
    expect(md).not.toContain('(unknown role)');
    expect(md).toMatch(/role \d{17,20} \(not collected\)/);
    expect(md).toMatch(/@everyone|@everyone/);

    const snapshot = JSON.parse(read(out, 'snapshot.json')) as Json;
    expect(snapshot.roles).toBeNull();
    expect(snapshot.bots).toBeNull();
    expect(validateExport(snapshot).errors).toEqual([]);

    const prompt = read(out, 'audit-prompt.md');
    expect(prompt).toMatch(/## Roles \(highest first, with permissions\)\n\n- Not collected \(roles\): skipped \(skipped with --skip\)\. Do not read this as "none"\./);
    expect(prompt).toMatch(/## Bots\n\n- Not collected \(bots\): roles not collected/);
    expect(prompt).not.toContain('deleted role');

    expect(run.stdout).toMatch(/: roles not collected, \d+ channels, \d+ members, \d+ threads/);
  });

  it('member list refused (403): member_stats says why, bots are partial and a pass over them is not conclusive', async () => {
    ctx.fake.setFaults([{ route: 'GET /guilds/:guild/members', kind: 'status', status: 403 }]);
    const out = join(ctx.dir, 'no-members');
    // members: full reads the list (counts reads Discord's counts instead).
    const run = await runCli(['export', '--guild', GUILD, '--out', out, '--members', 'full'], ctx.env());
    ctx.fake.setFaults([]);
    expect(run.code).toBe(0);
    const exp = JSON.parse(read(out, 'export.json')) as Json;
    expect(validateExport(exp).errors).toEqual([]);
    expect(exp.members).toBeNull();
    expect(exp.member_stats).toEqual({ not_collected: expect.stringMatching(/.+/) });
    expect(exp.meta.collectors.members.status).toBe('failed');
    for (const id of ['bots_with_administrator', 'roles_above_bots']) expect(check(exp, id).outcome).not.toBe('pass');
    // Only the bots with a managed role were seen: the planted Administrator bot is among them, so the fail stands,
    // and says there may be more.
    expect(check(exp, 'bots_with_administrator')).toMatchObject({ outcome: 'fail', message: expect.stringMatching(/found in partial data from bots .*there may be more/) });
    expect(run.stdout).toMatch(/members not collected/);
    const md = read(out, 'snapshot.md');
    expect(md).toMatch(/## Bots\n\n_Partial: the member list was not read .*only bots with a managed role are listed/);
  });

  it('a fatal export (token rejected) has no score, no pass or fail, and says why everywhere', async () => {
    const out = join(ctx.dir, 'fatal');
    const run = await runCli(['export', '--guild', GUILD, '--out', out], ctx.env('MTIzNDU2Nzg5MDEyMzQ1Njc4.wrong.abcdefghijklmnopqrstuvwxyz'));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Export failed: .*\n.*\nNothing was collected and nothing was scored/);
    expect(run.stdout).not.toMatch(/Health score/);
    const exp = JSON.parse(read(out, 'export.json')) as Json;
    expect(validateExport(exp).errors).toEqual([]);
    expect(exp.summary.health_score).toBeNull();
    expect(exp.summary.issues_found).toEqual([]);
    expect((exp.summary.checks as Json[]).every((c) => c.outcome === 'not_applicable' && /^Not run: the export failed/.test(c.message))).toBe(true);
    expect(exp.meta.fatal.message.length).toBeGreaterThan(5);
    expect(exp.roles).toBeNull();
    expect(exp.server).toEqual({ not_collected: expect.any(String) });
    expect(exp.summary.total_members).toBeNull();
    const md = read(out, 'snapshot.md');
    expect(md).toContain('**The export failed: ');
    expect(md).toContain('**Score: n/a**');
    expect(md).not.toMatch(/Score: \d+\/100/);
    expect(md).not.toMatch(/_No \w+/);
    expect(read(out, 'audit-prompt.md')).toContain('THE EXPORT FAILED');
  });
});
