import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { restoreAfterEachRun, runActionInProcess } from '../../helpers/action-in-process.js';
import { generateGuild, startFakeDiscord, type FakeDiscord } from '../../../src/fake-discord/index.js';
import { startFakeGitHub, type FakeGitHub } from '../../fakes/github/index.js';
import { TEST_TOKEN } from '../../helpers/fake-discord.js';

const UNKNOWN = '999999999999999999';

// The Action in-process, as the runner drives it, with several servers in `guild-id`: each exported over one
// client and published on its own (snapshot folder, commit, artifact), one unknown server failing alone, the step
// failing at the end after the others are published.
describe('the Action with several servers', () => {
  const guilds = [91, 92].map((seed) => generateGuild({ seed, members: 30 }));
  let discord: FakeDiscord;
  let github: FakeGitHub;
  let dir: string;

  beforeAll(async () => {
    discord = await startFakeDiscord({ guilds, token: TEST_TOKEN, timeScale: 0.02 });
    github = await startFakeGitHub({});
    dir = mkdtempSync(join(tmpdir(), 'dse-several-'));
  });
  restoreAfterEachRun();
  afterAll(async () => {
    await github.close();
    await discord.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes each server on its own, reports every one in `results`, and fails last for the one that failed', async () => {
    const { stdout, summary, outputs, failed } = await runActionInProcess(dir, github, {
      'discord-token': TEST_TOKEN, 'guild-id': `${guilds[0]!.guild.id}, ${UNKNOWN}\n${guilds[1]!.guild.id},${guilds[0]!.guild.id}`,
      'api-base': discord.apiBase, 'github-token': github.token, 'on-regression': 'none',
    });

    // The unknown server fails the step, last, and says which.
    expect(failed).toBe(true);
    expect(stdout).toMatch(new RegExp(`::error::.*${UNKNOWN}: The export failed`));
    const results = JSON.parse(outputs.results!) as { 'guild-id': string; status: string; failed: boolean; 'snapshot-changed': boolean; 'artifact-id': number | null }[];
    // One entry per server in the order given, the repeat dropped.
    expect(results.map((r) => [r['guild-id'], r.status, r.failed])).toEqual([
      [guilds[0]!.guild.id, 'complete', false],
      [UNKNOWN, 'fatal', true],
      [guilds[1]!.guild.id, 'complete', false],
    ]);
    expect(outputs['snapshot-changed']).toBe('true');
    expect(outputs['health-score']).toBeUndefined();
    // Each good server committed into its own folder, with its own artifact; nothing for the unknown one.
    const tree = execFileSync('git', ['--git-dir', github.bareRepoPath, 'ls-tree', '-r', '--name-only', 'main'], { encoding: 'utf8' });
    for (const g of guilds) expect(tree).toContain(`discord-snapshots/${g.guild.id}/snapshot.json`);
    expect(tree).not.toContain(UNKNOWN);
    expect(github.artifacts.map((a) => a.name).sort()).toEqual(guilds.map((g) => `discord-export-${g.guild.id}.zip`).sort());
    expect(results.filter((r) => r['artifact-id'] !== null)).toHaveLength(2);
    // One job summary section per server.
    for (const g of guilds) expect(summary).toContain(`## Discord server health: ${g.guild.name}`);
    expect(summary).toContain(`## Discord server export failed (\`${UNKNOWN}\`)`);
  }, 120_000);
});
