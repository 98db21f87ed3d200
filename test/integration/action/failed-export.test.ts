import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { restoreAfterEachRun, runActionInProcess } from '../../helpers/action-in-process.js';
import { generateGuild, startFakeDiscord, type FakeDiscord } from '../../../src/fake-discord/index.js';
import { startFakeGitHub, type FakeGitHub } from '../../fakes/github/index.js';
import { TEST_TOKEN } from '../../helpers/fake-discord.js';

// The Action in-process with one server: a run Discord refuses after a good one commits nothing, uploads nothing
// and leaves the snapshot in the repository as the good run left it; the step fails saying why.
describe('the Action after a failed export', () => {
  const guild = generateGuild({ seed: 93, members: 20 });
  let discord: FakeDiscord;
  let github: FakeGitHub;
  let dir: string;

  beforeAll(async () => {
    discord = await startFakeDiscord({ guilds: [guild], token: TEST_TOKEN, timeScale: 0.02 });
    github = await startFakeGitHub({});
    dir = mkdtempSync(join(tmpdir(), 'dse-action-failed-'));
  });
  restoreAfterEachRun();
  afterAll(async () => {
    await github.close();
    await discord.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const head = () => execFileSync('git', ['--git-dir', github.bareRepoPath, 'rev-parse', 'main'], { encoding: 'utf8' }).trim();
  const inputs = (token: string) => ({
    'discord-token': token, 'guild-id': guild.guild.id, 'api-base': discord.apiBase, 'github-token': github.token, 'on-regression': 'none',
  });

  it('commits nothing, uploads nothing, and names the failure', async () => {
    const good = await runActionInProcess(dir, github, inputs(TEST_TOKEN));
    expect(good.failed, good.stdout).toBe(false);
    const commit = head();
    const artifacts = github.artifacts.length;
    expect(artifacts).toBe(1);

    const failed = await runActionInProcess(dir, github, inputs('MTIzNDU2Nzg5MDEyMzQ1Njc4.wrong.abcdefghijklmnopqrstuvwxyz'));
    expect(failed.failed).toBe(true);
    expect(failed.stdout).toMatch(/::error::The export failed: .*token/i);
    expect(head()).toBe(commit);
    expect(github.artifacts).toHaveLength(artifacts);
    expect(failed.outputs['export-path']).toBe('');
    expect(failed.outputs['snapshot-changed']).toBe('false');
    // In the runner's temporary folder, only the record of the failure is new: the good run's files stay.
    expect(readdirSync(join(dir, 'discord-export'))).toContain('export-failed.json');
  }, 120_000);
});
