import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import yazl from 'yazl';
import { demoGuild, DEMO_GUILD_ID } from '../../../src/fake-discord/index.js';
import { useFakeDiscord } from '../../helpers/fake-discord.js';
import { runCli } from '../../helpers/cli.js';
import schema from '../../../src/schema/plan.schema.json' with { type: 'json' };
import { exportTo, handRaid } from './restore-helpers.js';

function zipOf(entries: Record<string, string>, file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const zip = new yazl.ZipFile();
    for (const [name, text] of Object.entries(entries)) zip.addBuffer(Buffer.from(text), name);
    zip.end();
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => {
      writeFileSync(file, Buffer.concat(chunks));
      resolve();
    });
    zip.outputStream.on('error', reject);
  });
}

describe('plan and apply: sources, exit codes and JSON', () => {
  const ctx = useFakeDiscord([demoGuild()]);
  let source = '';

  it('refuses what is not an export with 64, naming the file and the JSON path, before any request', async () => {
    source = await exportTo(ctx, DEMO_GUILD_ID, 'src');
    const exp = JSON.parse(readFileSync(source, 'utf8')) as { roles: { permission_names: string[] }[]; meta: { schema_version: string } };
    const bad = (name: string, text: string) => {
      const file = join(ctx.dir, name);
      writeFileSync(file, text);
      return file;
    };
    const typo = structuredClone(exp);
    typo.roles[1].permission_names = ['Adminstrator'];
    const newer = structuredClone(exp);
    newer.meta.schema_version = '9.0.0';
    const wrongType = structuredClone(exp) as unknown as { channels: { name: unknown }[] };
    wrongType.channels[2].name = 42;
    await zipOf({ 'export.md': '# not it' }, join(ctx.dir, 'empty.zip'));
    const cases: [string, RegExp][] = [
      [bad('notjson.json', '{"meta": '), /notjson\.json is not valid JSON/],
      [bad('typo.json', JSON.stringify(typo)), /typo\.json: roles\[1\]\.permission_names\[0\] "Adminstrator" is not a Discord permission name/],
      [bad('newer.json', JSON.stringify(newer)), /newer\.json/],
      [bad('wrong.json', JSON.stringify(wrongType)), /wrong\.json.*channels\[2\]\.name must be (a )?string/],
      [join(ctx.dir, 'empty.zip'), /empty\.zip holds no export\.json/],
      [join(ctx.dir, 'missing.json'), /Cannot read .*missing\.json/],
    ];
    ctx.fake.resetStats();
    for (const [file, message] of cases) {
      for (const command of ['plan', 'apply']) {
        const run = await runCli([command, file, '--guild', DEMO_GUILD_ID, ...(command === 'apply' ? ['--yes'] : [])], ctx.env());
        expect(run.stderr).toMatch(message);
        expect(run.code).toBe(64);
      }
    }
    expect(ctx.fake.stats().requests).toBe(0);
  });

  it('reads export.json out of an export.zip', async () => {
    const zip = join(ctx.dir, 'src.zip');
    await zipOf({ 'export.json': readFileSync(source, 'utf8'), 'export.md': '#' }, zip);
    const run = await runCli(['plan', zip, '--guild', DEMO_GUILD_ID], ctx.env());
    expect(run.stdout).toContain('No changes');
    expect(run.code).toBe(0);
  });

  it('exits 64 on bad usage and 2 when it cannot read the server', async () => {
    expect((await runCli(['plan', '--guild', DEMO_GUILD_ID], ctx.env())).code).toBe(64);
    expect((await runCli(['plan', source, '--guild', DEMO_GUILD_ID, '--frobnicate'], ctx.env())).code).toBe(64);
    expect((await runCli(['plan', source], ctx.env())).code).toBe(64);
    const badToken = await runCli(['plan', source, '--guild', DEMO_GUILD_ID], ctx.env('MTIzNDU2Nzg5MDEyMzQ1Njc4.wrong.abcdefghijklmnopqrstuvwxyz'));
    expect(badToken.stderr).toMatch(/Plan failed/);
    expect(badToken.code).toBe(2);
    const unknown = await runCli(['apply', source, '--guild', '123456789012345678', '--yes'], ctx.env());
    expect(unknown.stderr).toMatch(/cannot read server 123456789012345678/);
    expect(unknown.code).toBe(2);
  });

  it('prints a plan that validates against plan.schema.json', async () => {
    handRaid(ctx.fake.guild(DEMO_GUILD_ID));
    const run = await runCli(['plan', source, '--guild', DEMO_GUILD_ID, '--json', '--prune'], ctx.env());
    expect(run.code).toBe(3);
    const plan = JSON.parse(run.stdout) as { operations: { action: string }[]; summary: Record<string, number> };
    const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);
    expect(validate.errors ?? [], JSON.stringify(validate.errors)).toEqual([]);
    expect(validate(plan)).toBe(true);
    expect(plan.summary.create).toBe(plan.operations.filter((o) => o.action === 'create').length);
    expect(plan.summary.create).toBeGreaterThan(0);
  });
});

describe('--demo', () => {
  it('plans and applies a restore of the raided demo server without a token', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'dse-restore-demo-'));
    try {
      expect((await runCli(['export', '--demo', '--out', dir, '-q'], {})).code).toBe(0);
      const plan = await runCli(['plan', join(dir, 'export.json'), '--demo'], {});
      expect(plan.stdout).toContain('-Administrator');
      expect(plan.code).toBe(3);
      const apply = await runCli(['apply', join(dir, 'export.json'), '--demo', '--yes', '-q'], {});
      expect(apply.stdout).toMatch(/Applied \d+ of \d+ change/);
      expect(apply.code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('invite-url --for restore', () => {
  it('asks for what a restore writes with', async () => {
    const run = await runCli(['invite-url', '--client-id', '123456789012345678', '--for', 'restore', '--json']);
    const out = JSON.parse(run.stdout) as { permission_names: string[]; url: string };
    expect(out.permission_names).toEqual(expect.arrayContaining(['ManageRoles', 'ManageChannels', 'ManageGuild']));
    expect(run.code).toBe(0);
    expect((await runCli(['invite-url', '--client-id', '123456789012345678', '--for', 'backup'])).code).toBe(64);
  });
});
