import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The npm package as a user gets it: packed, installed globally into a temporary prefix (nothing may be fetched:
// the install runs offline), and run through the link npm makes, as `discord-server-exporter` on the PATH.
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  version: string; dependencies?: Record<string, string>; engines: { node: string }; files: string[];
};
let dir: string;
let bin: string;
let packed: { size: number; files: { path: string }[] };

const npm = (args: string[]) => spawnSync('npm', args, { encoding: 'utf8', timeout: 120_000, env: { ...process.env, npm_config_update_notifier: 'false' } });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dse-e2e-pkg-'));
  const pack = npm(['pack', '--json', '--pack-destination', dir]);
  expect(pack.status, pack.stderr).toBe(0);
  packed = (JSON.parse(pack.stdout) as { size: number; files: { path: string }[]; filename: string }[])[0];
  const tarball = join(dir, (JSON.parse(pack.stdout) as { filename: string }[])[0].filename);
  const install = npm(['install', '--global', '--prefix', join(dir, 'prefix'), tarball, '--offline', '--no-audit', '--no-fund']);
  expect(install.status, install.stderr).toBe(0);
  bin = join(dir, 'prefix', 'bin', 'discord-server-exporter');
}, 180_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const run = (args: string[]) => spawnSync(bin, args, { encoding: 'utf8', timeout: 60_000, cwd: dir, env: { PATH: process.env.PATH } });

describe('the npm package', () => {
  it('holds the CLI bundle only, under 1.5 MB packed, and needs nothing installed beside it', () => {
    const paths = packed.files.map((f) => f.path);
    expect(paths).toContain('dist/cli.js');
    expect(paths).toContain('dist/cli/index.js');
    expect(paths.filter((p) => /^(src|test|\.ci|scripts|dist\/action)\//.test(p) || p === 'dist/index.js' || p === 'action.yml')).toEqual([]);
    expect(packed.size).toBeLessThan(1.5 * 1024 * 1024);
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(existsSync(join(dir, 'prefix', 'lib', 'node_modules', 'discord-server-exporter', 'node_modules'))).toBe(false);
  });

  it('runs through the link npm installs: --version, --help, a subcommand\'s --help', () => {
    const version = run(['--version']);
    expect(version.status).toBe(0);
    expect(version.stdout).toBe(`${pkg.version}\n`);
    const help = run(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage:');
    const auditHelp = run(['audit', '--help']);
    expect(auditHelp.status).toBe(0);
    expect(auditHelp.stdout).toContain('--write');
  });

  it('exports the demo server through the link', () => {
    const out = join(dir, 'out');
    const exp = run(['export', '--demo', '--out', out]);
    expect(exp.stderr).not.toMatch(/Error:|Unexpected/);
    expect(exp.status).toBe(0);
    expect(exp.stdout).toMatch(/Exported "Pixel Harbor"/);
    expect(JSON.parse(readFileSync(join(out, 'export.json'), 'utf8')).member_stats.total).toBe(1400);
  });

  it('prints the invite URL', () => {
    const r = run(['invite-url', '--client-id', '123456789012345678']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/https:\/\/discord\.com\/oauth2\/authorize\?client_id=123456789012345678&scope=bot&permissions=\d+/);
  });
});
