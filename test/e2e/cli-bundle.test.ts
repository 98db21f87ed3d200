import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readZip } from '../helpers/zip.js';
import { NODE24 } from '../helpers/node24.js';

const CLI = resolve('dist/cli.js');
const runtimes = [
  ['node ' + process.versions.node, process.execPath],
  ['node 24', NODE24],
].filter(([, bin]) => existsSync(bin));

// The bundle as a user runs it: `node dist/cli.js export --demo` on a checkout, on both runtimes.
describe.each(runtimes)('dist/cli.js on %s', (_label, node) => {
  it('exports the demo guild and writes every file', () => {
    const out = mkdtempSync(join(tmpdir(), 'dse-e2e-cli-'));
    try {
      const run = spawnSync(node, [CLI, 'export', '--demo', '--out', out], { encoding: 'utf8', timeout: 60_000, env: { PATH: process.env.PATH } });
      expect(run.stderr).not.toMatch(/Error:|Unexpected/);
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/Exported "Pixel Harbor"/);
      expect(run.stdout).toMatch(/Health score: \d+\/100/);
      const exp = JSON.parse(readFileSync(join(out, 'export.json'), 'utf8'));
      expect(exp.member_stats.total).toBe(1400);
      expect(exp.errors).toEqual([]);
      expect(readZip(join(out, 'export.zip')).names.sort()).toEqual(['audit-prompt.md', 'export.json', 'snapshot.json', 'snapshot.md']);
      expect(readFileSync(join(out, 'audit-prompt.md'), 'utf8').length).toBeGreaterThan(1000);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('refuses a missing token with a message naming DISCORD_TOKEN (exit 64)', () => {
    const run = spawnSync(node, [CLI, 'export', '--guild', '123456789012345678'], { encoding: 'utf8', env: { PATH: process.env.PATH } });
    expect(run.status).toBe(64);
    expect(run.stderr).toContain('DISCORD_TOKEN');
  });
});
