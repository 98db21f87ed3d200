import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPORT_HELP } from '../../../src/cli/export-command.js';
import { runCli } from '../../helpers/cli.js';

describe('export --formats markdown', () => {
  it('writes the snapshot pair, snapshot.md and snapshot.json, and the help and README say so', async () => {
    const out = await mkdtemp(join(tmpdir(), 'dse-formats-'));
    try {
      const run = await runCli(['export', '--demo', '--out', out, '--formats', 'markdown', '--quiet']);
      expect(run.code).toBe(0);
      expect((await readdir(out)).sort()).toEqual(['snapshot.json', 'snapshot.md']);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
    expect(EXPORT_HELP).toMatch(/markdown writes the snapshot pair,\s+snapshot\.md and snapshot\.json/);
    const readme = await readFile(join(import.meta.dirname, '../../../README.md'), 'utf8');
    expect(readme).toContain('`markdown` is the snapshot pair, `snapshot.md` and `snapshot.json`');
  });
});
