import { describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateGuild } from '../../../src/fake-discord/index.js';
import { runCli } from '../../helpers/cli.js';
import { useFakeDiscord } from '../../helpers/fake-discord.js';

// An output folder that cannot take the files is found before any request, in one line: a usage error (64) when
// the path is a file, an environment error (73) when the folder cannot be written to.
describe('an unusable --out', () => {
  const guild = generateGuild({ seed: 31, members: 20 });
  const ctx = useFakeDiscord([guild]);
  const exportTo = (out: string) => runCli(['export', '--guild', guild.guild.id, '--out', out], ctx.env());

  it.each([
    ['a file', (dir: string) => join(dir, 'file.txt'), /"[^"]*file\.txt" cannot be used: it is a file, not a folder\. Choose another one/],
    ['a folder under a file', (dir: string) => join(dir, 'file.txt', 'sub', 'out'), /cannot be used: .*file\.txt is a file, not a folder/],
  ])('%s: exit 64, one line, no request', async (_label, pathIn, message) => {
    writeFileSync(join(ctx.dir, 'file.txt'), 'not a folder');
    ctx.fake.resetStats();
    const run = await exportTo(pathIn(ctx.dir));
    expect(run.code).toBe(64);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(ctx.fake.stats().requests).toBe(0);
  });

  // Permission bits do not bind root, so this case needs an ordinary user.
  it.skipIf(process.getuid?.() === 0)('a folder without write permission: exit 73 (cannot create), no request', async () => {
    const locked = join(ctx.dir, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o555);
    try {
      ctx.fake.resetStats();
      const run = await exportTo(locked);
      expect(run.code).toBe(73);
      expect(run.stderr).toMatch(/cannot be used: .*(not writable|permission denied)/);
      expect(ctx.fake.stats().requests).toBe(0);
    } finally {
      chmodSync(locked, 0o755);
    }
  });

  it('--demo with an unusable --out returns (the demo server is never left running)', async () => {
    const run = await runCli(['export', '--demo', '--out', join(ctx.dir, 'file.txt')]);
    expect(run.code).toBe(64);
    expect(run.stderr).toMatch(/it is a file, not a folder/);
  });

  it('a usable folder gets no probe or temporary file left in it', async () => {
    const out = join(ctx.dir, 'fine');
    expect((await runCli(['export', '--guild', guild.guild.id, '--out', out, '--members', 'counts'], ctx.env())).code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['audit-prompt.md', 'export.json', 'export.zip', 'snapshot.json', 'snapshot.md']);
  });
});
