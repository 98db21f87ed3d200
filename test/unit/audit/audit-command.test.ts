import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countTokens } from 'gpt-tokenizer/encoding/cl100k_base';
import { runCli } from '../../helpers/cli.js';
import { readZip } from '../../helpers/zip.js';
import type { GuildExport } from '../../../src/schema/types.js';
import { wellRun } from './fixtures.js';

let dir: string;
let file: string;
const cwd = process.cwd();

/** Runs the command, capturing what it prints. */
async function run(argv: string[]) {
  return runCli(['audit', ...argv]);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'audit-cmd-'));
  process.chdir(dir); // so no stray .discord-audit.yml from the repo is picked up
  file = join(dir, 'export.json');
  const exp = wellRun();
  exp.server!.mfa_level = 0;
  writeFileSync(file, JSON.stringify(exp));
});
afterEach(() => { process.chdir(cwd); rmSync(dir, { recursive: true, force: true }); });

describe('audit command', () => {
  it('without --write prints the result and leaves every file as it was', async () => {
    writeFileSync(join(dir, 'snapshot.md'), '# Fixture Guild\n\n## Health\n\nstale text\n');
    const before = readFileSync(file, 'utf8');
    const { code, stdout, stderr } = await run([file]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/FAIL {2}high\s+mod_2fa_not_required/);
    expect(stdout).toContain('Nothing written (add --write');
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(readFileSync(join(dir, 'snapshot.md'), 'utf8')).toContain('stale text');
    expect(existsSync(join(dir, 'audit-prompt.md'))).toBe(false);
    expect(existsSync(join(dir, 'snapshot.json'))).toBe(false);
  });

  it('--write updates snapshot.json and export.zip too, so no file disagrees, and leaves no temporary file', async () => {
    writeFileSync(join(dir, 'export.zip'), 'stale zip');
    writeFileSync(join(dir, 'snapshot.json'), '{}');
    const { code, stdout } = await run([file, '--write']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Wrote .*export\.json, .*audit-prompt\.md, .*snapshot\.md, .*snapshot\.json, .*export\.zip/);
    const snapshot = JSON.parse(readFileSync(join(dir, 'snapshot.json'), 'utf8')) as GuildExport;
    expect(snapshot.summary.issues_found).toEqual(['mod_2fa_not_required']);
    const zip = readZip(join(dir, 'export.zip'));
    expect(zip.names.sort()).toEqual(['audit-prompt.md', 'export.json', 'snapshot.json', 'snapshot.md']);
    expect(JSON.parse(zip.files['export.json']).summary.issues_found).toEqual(['mod_2fa_not_required']);
    expect(zip.files['audit-prompt.md']).toBe(readFileSync(join(dir, 'audit-prompt.md'), 'utf8'));
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('--write re-scores an export offline and rewrites summary, audit-prompt.md and snapshot.md\'s health section', async () => {
    writeFileSync(join(dir, 'snapshot.md'), '# Fixture Guild\n\n## Health\n\nstale text\n\n## Roles\n\n- Admin\n');
    const { code, stdout, stderr } = await run([file, '--write']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Health score: \d+\/100/);
    expect(stdout).toMatch(/FAIL {2}high\s+mod_2fa_not_required/);
    const exp = JSON.parse(readFileSync(file, 'utf8')) as GuildExport;
    expect(exp.summary.issues_found).toEqual(['mod_2fa_not_required']);
    expect(exp.summary.health_score).toBeGreaterThan(80);
    const prompt = readFileSync(join(dir, 'audit-prompt.md'), 'utf8');
    expect(exp.summary.llm_audit_prompt).toBe(prompt);
    expect(prompt).toContain('[high] mod_2fa_not_required');
    const snapshot = readFileSync(join(dir, 'snapshot.md'), 'utf8');
    expect(snapshot).not.toContain('stale text');
    expect(snapshot).toMatch(/^# Fixture Guild\n\n## Health\n\n\*\*Score: \d+\/100\*\*[\s\S]*`mod_2fa_not_required`[\s\S]*\n\n## Roles\n\n- Admin\n$/);
  });

  it('--json prints the machine-readable result', async () => {
    const { code, stdout } = await run([file, '--json']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.issues_found).toEqual(['mod_2fa_not_required']);
    expect(out.checks.length).toBeGreaterThanOrEqual(15);
    expect(out.prompt_tokens).toBeGreaterThan(0);
  });

  it('--config disables a check and the report says why; --prompt-budget bounds the prompt', async () => {
    const config = join(dir, 'my-audit.yml');
    writeFileSync(config, 'disabled:\n  mod_2fa_not_required: "Owner has no phone; tracked in #42"\n');
    const { code, stdout } = await run([file, '--write', '--config', config, '--prompt-budget=800']);
    expect(code).toBe(0);
    expect(stdout).toContain('Health score: 100/100');
    expect(stdout).toContain('mod_2fa_not_required disabled by');
    expect(stdout).toContain('Owner has no phone; tracked in #42');
    expect(countTokens(readFileSync(join(dir, 'audit-prompt.md'), 'utf8'))).toBeLessThanOrEqual(800);
    expect(readFileSync(join(dir, 'snapshot.md'), 'utf8')).toContain('Owner has no phone');
  });

  it('creates snapshot.md with the health section when there is none', async () => {
    await run([file, '--write']);
    expect(readFileSync(join(dir, 'snapshot.md'), 'utf8').startsWith('## Health\n')).toBe(true);
  });

  it.each([
    [[], 64, /Missing the export file\. Usage: discord-server-exporter audit/],
    [['a.json', 'b.json'], 64, /Only one export file/],
    [['x.json', '--frobnicate'], 64, /Unknown option '--frobnicate'.*audit --help/],
    [['x.json', '--prompt-budget', 'lots'], 64, /--prompt-budget must be a whole number/],
    [['x.json', '--config='], 64, /--config needs a value, got an empty one/],
    [['x.json', '--prompt-budget='], 64, /--prompt-budget needs a value/],
  ])('rejects bad arguments %j', async (argv, status, message) => {
    const { code, stderr } = await run(argv as string[]);
    expect(code).toBe(status);
    expect(stderr).toMatch(message as RegExp);
  });

  it('--help prints the options and exits 0', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: discord-server-exporter audit <export\.json>/);
    expect(stdout).toContain('--write');
  });

  it('explains a missing, unreadable or broken export (exit 66, once) and a bad config (64), and writes nothing', async () => {
    const missing = await run([join(dir, 'nope.json')]);
    expect(missing.code).toBe(66);
    expect(missing.stderr).toMatch(/^Error: Cannot read .*nope\.json: ENOENT\. Pass the path of an export\.json[^\n]*\n$/);
    expect((await run([dir])).code).toBe(66); // a folder: EISDIR
    writeFileSync(join(dir, 'broken.json'), '{"meta":');
    const broken = await run([join(dir, 'broken.json')]);
    expect(broken.code).toBe(66);
    expect(broken.stderr).toMatch(/is not valid JSON .*Re-run the export/);
    writeFileSync(join(dir, 'other.json'), '[1, 2]');
    expect((await run([join(dir, 'other.json')])).code).toBe(66);
    writeFileSync(join(dir, 'bad.yml'), 'weights:\n  nope: 1\n');
    const bad = await run([file, '--write', '--config', join(dir, 'bad.yml')]);
    expect(bad.code).toBe(64);
    expect(bad.stderr).toMatch(/weights\.nope: no check has this id/);
    expect(existsSync(join(dir, 'audit-prompt.md'))).toBe(false);
  });
});

describe('audit config limits and schema versions', () => {
  it('rejects a weight above 100 as a usage error (exit 64, one line) and writes nothing', async () => {
    writeFileSync(join(dir, '.discord-audit.yml'), 'weights:\n  unused_roles: 1e308\n');
    const before = readFileSync(file, 'utf8');
    const r = await run([file]);
    expect(r.code).toBe(64);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/weights\.unused_roles: expected a number from 0 to 100/);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('says exactly why there is no score when every weight is 0', async () => {
    const { CHECK_IDS } = await import('../../../src/audit/index.js');
    writeFileSync(join(dir, '.discord-audit.yml'), `weights:\n${CHECK_IDS.map((id) => `  ${id}: 0`).join('\n')}\n`);
    const r = await run([file, '--write']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Health score: n\/a \(every conclusive check has weight 0 in the audit configuration, so there is no score\)/);
    const written = JSON.parse(readFileSync(file, 'utf8')) as GuildExport;
    expect(written.summary.health_score).toBeNull();
    expect(readFileSync(join(dir, 'snapshot.md'), 'utf8')).toContain('**Score: n/a** (every conclusive check has weight 0');
  });

  it('refuses an export from a newer major schema with exit 65 and leaves it untouched', async () => {
    const exp = JSON.parse(readFileSync(file, 'utf8')) as GuildExport;
    exp.meta.schema_version = '3.0.0';
    writeFileSync(file, JSON.stringify(exp));
    const before = readFileSync(file, 'utf8');
    const r = await run([file]);
    expect(r.code).toBe(65);
    expect(r.stderr).toMatch(/export schema 3\.0\.0, newer than the 2\.2\.0 this version of discord-server-exporter reads\. Update discord-server-exporter/);
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(existsSync(join(dir, 'snapshot.md'))).toBe(false);
  });

  it('warns about a newer minor schema and audits it', async () => {
    const exp = JSON.parse(readFileSync(file, 'utf8')) as GuildExport;
    exp.meta.schema_version = '2.7.0';
    writeFileSync(file, JSON.stringify(exp));
    const r = await run([file]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^Warning: .*export schema 2\.7\.0, newer than 2\.2\.0; fields this version does not know are ignored/);
    expect(r.stdout).toMatch(/Health score: \d+\/100/);
  });
});
