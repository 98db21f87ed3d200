import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoGuild } from '../../../src/fake-discord/index.js';
import { diffExports, normalizeExport, renderDiffCommitBody, renderDiffMarkdown } from '../../../src/diff/index.js';
import { renderSnapshotJson } from '../../../src/writers/index.js';
import { runCli } from '../../helpers/cli.js';
import { useFakeDiscord } from '../../helpers/fake-discord.js';

type Json = Record<string, any>;  

const ADMINISTRATOR = 1n << 3n;
const VIEW_CHANNEL = 1n << 10n;
const guild = demoGuild();
const GUILD = guild.guild.id;

describe('the diff never compares what was not collected', () => {
  const ctx = useFakeDiscord([guild]);

  it('names roles and channel visibility as not compared, in --json, Markdown and the commit body, and still shows the overwrite', async () => {
    const before = join(ctx.dir, 'before');
    expect((await runCli(['export', '--guild', GUILD, '--out', before, '--formats', 'json'], ctx.env())).code).toBe(0);

    // Between the runs: a role gains Administrator and a private channel opens to @everyone.
    const role = guild.guild.roles.find((r) => r.id !== GUILD && !r.managed && !(BigInt(r.permissions) & ADMINISTRATOR))!;
    role.permissions = (BigInt(role.permissions) | ADMINISTRATOR).toString();
    const channel = guild.channels.find((c) => (c.permission_overwrites ?? []).some((o) => o.id === GUILD && BigInt(o.deny) & VIEW_CHANNEL))!;
    const ow = channel.permission_overwrites!.find((o) => o.id === GUILD)!;
    ow.deny = (BigInt(ow.deny) & ~VIEW_CHANNEL).toString();
    ow.allow = (BigInt(ow.allow) | VIEW_CHANNEL).toString();

    const after = join(ctx.dir, 'after');
    expect((await runCli(['export', '--guild', GUILD, '--out', after, '--formats', 'json', '--skip', 'roles'], ctx.env())).code).toBe(0);

    const json = await runCli(['diff', join(before, 'export.json'), join(after, 'export.json'), '--json']);
    expect(json.code).toBe(0);
    const diff = JSON.parse(json.stdout) as Json;
    const notCompared = (diff.not_compared as Json[]).map((n) => n.section);
    expect(notCompared).toEqual(expect.arrayContaining(['roles', 'access', 'bots']));
    expect((diff.not_compared as Json[]).find((n) => n.section === 'roles')!.reason).toMatch(/not collected in the newer export: skipped \(skipped with --skip\)/);
    // No role change can be claimed either way.
    expect((diff.changes as Json[]).filter((c) => c.entity === 'role')).toEqual([]);
    // The overwrite itself is in the channel list, which both sides collected: it shows, on @everyone.
    const change = (diff.changes as Json[]).find((c) => c.id === channel.id && c.kind === 'overwrite_changed');
    expect(change?.summary).toBe('overwrite changed for @everyone');

    const text = await runCli(['diff', join(before, 'export.json'), join(after, 'export.json')]);
    expect(text.stdout).toMatch(/- \*\*Not compared:\*\* roles \(not collected in the newer export: skipped \(skipped with --skip\)\); changes there are unknown\./);
    expect(text.stdout).toMatch(/\*\*Not compared:\*\* channel visibility/);

    const d = diffExports(normalizeExport(JSON.parse(readFileSync(join(before, 'export.json'), 'utf8'))),
      normalizeExport(JSON.parse(readFileSync(join(after, 'export.json'), 'utf8'))));
    // The commit body and the Markdown the Action puts in the PR body and job summary say it too, even when capped.
    expect(renderDiffCommitBody(d, 3)).toMatch(/Not compared: roles \(not collected in the newer export/);
    expect(renderDiffMarkdown(d, { maxLines: 3 })).toMatch(/\*\*Not compared:\*\* roles/);
  });

  it('reads a 1.x snapshot with its own meaning: a failed collector\'s empty list is not compared, not "everything removed"', async () => {
    const out = join(ctx.dir, 'current');
    expect((await runCli(['export', '--guild', GUILD, '--out', out, '--formats', 'json'], ctx.env())).code).toBe(0);
    // snapshot.json as the Action commits it, from this export.
    writeFileSync(join(out, 'snapshot.json'), renderSnapshotJson(normalizeExport(JSON.parse(readFileSync(join(out, 'export.json'), 'utf8')))));
    const current = JSON.parse(readFileSync(join(out, 'snapshot.json'), 'utf8')) as Json;
    // A snapshot as 1.0.0 wrote it when the invites collector failed: an empty list, the failure in meta.collectors.
    const old = structuredClone(current);
    old.meta.schema_version = '1.0.0';
    old.invites = [];
    old.meta.collectors.invites = { status: 'failed', count: 0, duration_ms: 0 };
    old.errors = [{ collector: 'invites', status: 'failed', code: 50013, http_status: 403, message: 'Missing Permissions', hint: 'Give the bot Manage Server' }];
    const oldPath = join(ctx.dir, 'old-snapshot.json');
    writeFileSync(oldPath, JSON.stringify(old));
    const run = await runCli(['diff', oldPath, join(out, 'snapshot.json'), '--json']);
    expect(run.code).toBe(0);
    const diff = JSON.parse(run.stdout) as Json;
    expect((diff.changes as Json[]).filter((c) => c.entity === 'invite')).toEqual([]);
    expect(diff.not_compared).toEqual([{ section: 'invites', label: 'invites', reason: 'not collected in the older export: Missing Permissions' }]);
  });

  it('refuses a file from a newer major schema (exit 65) and warns about a newer minor one', async () => {
    const out = join(ctx.dir, 'versions');
    expect((await runCli(['export', '--guild', GUILD, '--out', out, '--formats', 'json'], ctx.env())).code).toBe(0);
    const exp = JSON.parse(readFileSync(join(out, 'export.json'), 'utf8')) as Json;
    const write = (version: string) => {
      const path = join(out, `v${version}.json`);
      writeFileSync(path, JSON.stringify({ ...exp, meta: { ...exp.meta, schema_version: version } }));
      return path;
    };
    const major = await runCli(['diff', join(out, 'export.json'), write('3.0.0')]);
    expect(major.code).toBe(65);
    expect(major.stdout).toBe('');
    expect(major.stderr).toMatch(/v3\.0\.0\.json was written with export schema 3\.0\.0, newer than the 2\.2\.0 .* Update discord-server-exporter/);
    const minor = await runCli(['diff', join(out, 'export.json'), write('2.9.0')]);
    expect(minor.code).toBe(0);
    expect(minor.stderr).toMatch(/^Warning: .*v2\.9\.0\.json was written with export schema 2\.9\.0/);
    expect(minor.stdout).toContain('No configuration changes.');
  });
});
