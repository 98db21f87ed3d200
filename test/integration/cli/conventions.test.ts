import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateGuild } from '../../../src/fake-discord/index.js';
import { runCli } from '../../helpers/cli.js';
import { useFakeDiscord } from '../../helpers/fake-discord.js';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

describe('CLI conventions', () => {
  const guild = generateGuild({ seed: 21, members: 60 });
  guild.guild.name = 'Evil\u001b]8;;https://x.example\u0007Guild\n::error::boom\u001b[2J';
  const guildId = guild.guild.id;
  const ctx = useFakeDiscord([guild]);

  it('--version prints the package version; no command prints the usage on stderr (exit 64)', async () => {
    expect(await runCli(['--version'])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
    const none = await runCli([]);
    expect(none.code).toBe(64);
    expect(none.stdout).toBe('');
    expect(none.stderr).toContain('Usage:');
    const unknown = await runCli(['exprot']);
    expect(unknown.code).toBe(64);
    expect(unknown.stderr).toMatch(/Unknown command "exprot"/);
  });

  it.each(['export', 'audit', 'diff', 'invite-url'])('%s --help and "help %s" print its usage (exit 0)', async (command) => {
    for (const argv of [[command, '--help'], [command, '-h'], ['help', command]]) {
      const run = await runCli(argv);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^Usage: discord-server-exporter ${command}`));
      expect(run.stderr).toBe('');
    }
  });

  it.each([
    ['--only='], ['--skip='], ['--formats='], ['--max-members='], ['--guild='], ['--out='], ['--timeout='],
  ])('an empty value (%s) is a usage error, before any request', async (option) => {
    ctx.fake.resetStats();
    const run = await runCli(['export', '--guild', guildId, '--out', join(ctx.dir, 'empty'), option], ctx.env());
    expect(run.code).toBe(64);
    expect(run.stderr).toBe(`Error: ${option.slice(0, -1)} needs a value, got an empty one. Run "discord-server-exporter export --help" for the options.\n`);
    expect(ctx.fake.stats().requests).toBe(0);
    expect(existsSync(join(ctx.dir, 'empty'))).toBe(false);
  });

  it('--json prints one JSON summary on stdout and nothing else there; progress stays on stderr', async () => {
    const out = join(ctx.dir, 'json');
    const run = await runCli(['export', '--guild', guildId, '--out', out, '--json', '--members', 'counts'], ctx.env());
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary).toMatchObject({
      status: 'complete', exit_code: 0, guild: { id: guildId, name: guild.guild.name }, counts: { members: 60 }, errors: [], fatal: null,
    });
    expect(summary.files.json).toBe(join(out, 'export.json'));
    expect(typeof summary.health_score).toBe('number');
    expect(run.stderr).toMatch(/ok +server/);
  });

  it('--quiet prints nothing on success', async () => {
    const run = await runCli(['export', '--guild', guildId, '--out', join(ctx.dir, 'quiet'), '-q', '--members', 'counts'], ctx.env());
    expect(run).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(existsSync(join(ctx.dir, 'quiet', 'export.json'))).toBe(true);
  });

  it('prints a hostile server name on one line with no terminal escape sequences', async () => {
    const run = await runCli(['export', '--guild', guildId, '--out', join(ctx.dir, 'names'), '--members', 'counts'], ctx.env());
    expect(run.code).toBe(0);
    const line = run.stdout.split('\n')[0];
    expect(line).toMatch(/^Exported "EvilGuild ::error::boom" in /);
    expect(run.stdout + run.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    // audit and diff print role and channel names: no escape sequence reaches the terminal either.
    const file = join(ctx.dir, 'names', 'export.json');
    const exp = JSON.parse(readFileSync(file, 'utf8'));
    exp.roles[1].name = 'Mods\u001b[2J\u001b]0;pwned\u0007\u202e';
    exp.roles[1].permissions = '8';
    writeFileSync(join(ctx.dir, 'names', 'new.json'), JSON.stringify(exp));
    const diff = await runCli(['diff', file, join(ctx.dir, 'names', 'new.json')]);
    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain('Mods');
    const audit = await runCli(['audit', join(ctx.dir, 'names', 'new.json')]);
    expect(audit.code).toBe(0);
    for (const text of [diff.stdout, audit.stdout]) expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
  });

  it('prints a fatal error once (exit 2), and --json still gives the summary with the cause', async () => {
    const wrong = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.wrong-token.zyxwvutsrqponmlkjihgfedcba';
    const run = await runCli(['export', '--guild', guildId, '--out', join(ctx.dir, 'fatal')], ctx.env(wrong));
    expect(run.code).toBe(2);
    expect(run.stderr.match(/rejected the bot token/g)).toHaveLength(1);
    const json = await runCli(['export', '--guild', guildId, '--out', join(ctx.dir, 'fatal'), '--json'], ctx.env(wrong));
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ status: 'fatal', exit_code: 2, fatal: { http_status: 401 } });
    expect(json.stdout + json.stderr).not.toContain(wrong);
  });

  it('leaves no temporary file behind and removes those a killed run left', async () => {
    const out = join(ctx.dir, 'stale');
    await runCli(['export', '--guild', guildId, '--out', out, '--members', 'counts'], ctx.env());
    // A run that was killed: a pid that cannot be alive, and the name earlier versions gave the member spool.
    writeFileSync(join(out, '.members.json.999999999.tmp'), '{"user":{"id":"1"}}');
    writeFileSync(join(out, '.members.json.tmp'), '{"user":{"id":"1"}}');
    const run = await runCli(['export', '--guild', guildId, '--out', out, '--members', 'counts'], ctx.env());
    expect(run.code).toBe(0);
    expect(readdirSync(out).filter((n) => n.startsWith('.'))).toEqual([]);
  });
});
