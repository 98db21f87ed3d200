import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { restoreAfterEachRun, runActionInProcess } from '../../helpers/action-in-process.js';
import { generateGuild, startFakeDiscord, type FakeDiscord } from '../../../src/fake-discord/index.js';
import { startFakeGitHub, type FakeGitHub } from '../../fakes/github/index.js';
import { TEST_TOKEN } from '../../helpers/fake-discord.js';

const ADMINISTRATOR = 1n << 3n;

// The Action in-process, as the runner drives it (INPUT_* variables, real GITHUB_OUTPUT and summary files), against
// the fake Discord and the fake GitHub, over several scheduled runs of one server that changes between them.
describe('the Action alerts on escalations and keeps the score history', () => {
  const guild = generateGuild({ seed: 77, members: 40 });
  const guildId = guild.guild.id;
  let discord: FakeDiscord;
  let github: FakeGitHub;
  let dir: string;

  beforeAll(async () => {
    discord = await startFakeDiscord({ guilds: [guild], token: TEST_TOKEN, timeScale: 0.02 });
    github = await startFakeGitHub({});
    dir = mkdtempSync(join(tmpdir(), 'dse-alerts-'));
  });
  restoreAfterEachRun();
  afterAll(async () => {
    await github.close();
    await discord.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const runAction = (inputs: Record<string, string> = {}) => runActionInProcess(dir, github, {
    'discord-token': TEST_TOKEN, 'guild-id': guildId, 'api-base': discord.apiBase, 'github-token': github.token,
    'on-regression': 'none', 'on-escalation': 'issue', ...inputs,
  });

  const escalationIssues = () => github.issues.filter((i) => !('head' in i) && (i.body ?? '').includes(`discord-server-exporter:escalations:${guildId}`));
  const committed = (path: string) => execFileSync('git', ['--git-dir', github.bareRepoPath, 'show', `main:discord-snapshots/${guildId}/${path}`], { encoding: 'utf8' });
  const commits = () => Number(execFileSync('git', ['--git-dir', github.bareRepoPath, 'rev-list', '--count', 'main'], { encoding: 'utf8' }));

  it('opens no issue on the first snapshot, and starts the history and the badge', async () => {
    const first = await runAction();
    expect(first.failed).toBe(false);
    expect(first.outputs.escalations).toBe('0');
    expect(escalationIssues()).toHaveLength(0);
    const history = JSON.parse(committed('history.json')) as { score: number }[];
    expect(history).toHaveLength(1);
    expect(history[0]!.score).toBe(Number(first.outputs['health-score']));
    expect(JSON.parse(committed('badge.json'))).toMatchObject({ schemaVersion: 1, label: 'Discord health', message: `${Math.round(Number(first.outputs['health-score']))}/100` });
    // One point is not a trend: no empty "Score over time" section in the summary or snapshot.md yet.
    expect(first.summary).not.toContain('Score over time');
    expect(committed('snapshot.md')).not.toContain('Score over time');
  });

  it('opens one escalation issue saying who can now do what when a role gains Administrator', async () => {
    const role = guild.guild.roles.find((r) => r.name !== '@everyone' && !r.managed && !(BigInt(r.permissions) & ADMINISTRATOR))!;
    role.permissions = String(BigInt(role.permissions) | ADMINISTRATOR);
    const second = await runAction();
    expect(second.failed).toBe(false);
    expect(second.outputs.escalations).toBe('1');
    const [issue] = escalationIssues();
    expect(escalationIssues()).toHaveLength(1);
    expect(issue!.title).toContain('Discord permission escalation');
    expect(issue!.body).toContain('gained Administrator');
    expect(issue!.body).toMatch(/everything: Administrator bypasses every channel permission/);
    expect(issue!.body).toMatch(/members?\)/);
    expect(second.outputs['escalation-issue-number']).toBe(String(issue!.number));
    expect(second.summary).toContain('### Escalations');
    // The history grew with the commit, and the chart is drawn once there are two points.
    expect(JSON.parse(committed('history.json'))).toHaveLength(2);
    expect(committed('snapshot.md')).toContain('xychart-beta');
    expect(second.summary).toContain('### Score over time');
  });

  it('changes nothing on an unchanged run: no commit, no comment, no new history entry', async () => {
    const before = { commits: commits(), comments: escalationIssues()[0]!.comments.length };
    const third = await runAction();
    expect(third.outputs.escalations).toBe('0');
    expect(third.outputs['snapshot-changed']).toBe('false');
    expect(commits()).toBe(before.commits);
    expect(escalationIssues()[0]!.comments).toHaveLength(before.comments);
    expect(JSON.parse(committed('history.json'))).toHaveLength(2);
  });

  it('updates the same issue with a comment on the next escalation, and fails the step when asked', async () => {
    const everyone = guild.guild.roles.find((r) => r.id === guildId)!;
    everyone.permissions = String(BigInt(everyone.permissions) | (1n << 2n)); // Ban Members for @everyone
    const fourth = await runAction({ 'on-escalation': 'fail-and-issue' });
    expect(fourth.failed).toBe(true);
    expect(fourth.stdout).toMatch(/::error::.*permission escalation/);
    expect(escalationIssues()).toHaveLength(1);
    const issue = escalationIssues()[0]!;
    expect(issue.comments.at(-1)?.body).toContain('BanMembers');
    // Who: everyone in the server, written so that GitHub notifies nobody.
    expect(issue.body).toContain('@\u200beveryone (everyone in the server)');
    expect(issue.body).not.toMatch(/@everyone/);
  });
});
