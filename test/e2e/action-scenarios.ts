/**
 * End-to-end scenarios: the bundled action (dist/index.js) spawned as the runner does, against the fake Discord and
 * the fake GitHub (REST + Git Data on a real bare repository + artifact service). One test file per Node binary
 * calls defineActionScenarios, so the two runtimes run in parallel. Build dist/ first: npm run bundle.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub, type FakeGitHubOptions } from '../fakes/github/index.js';
import { startFakeDiscord, demoGuild, DEMO_GUILD_ID, type FakeDiscord } from '../../src/fake-discord/index.js';
import { ACTION_ENTRY, runAction, visibleLog, type ActionRun } from './action-harness.js';
import { readZip } from '../helpers/zip.js';

const DISCORD_TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.E2Etok.e2e-discord-secret-token-value';
const SNAP_DIR = `discord-snapshots/${DEMO_GUILD_ID}`;
const MARKER = `<!-- discord-server-exporter:guild:${DEMO_GUILD_ID} -->`;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

async function setup(gh: FakeGitHubOptions = {}): Promise<{ discord: FakeDiscord; github: FakeGitHub }> {
  const discord = await startFakeDiscord({ guilds: [demoGuild()], token: DISCORD_TOKEN });
  cleanups.push(() => discord.close());
  const github = await startFakeGitHub(gh);
  cleanups.push(() => github.close());
  return { discord, github };
}

function inputs(discord: FakeDiscord, github: FakeGitHub, extra: Record<string, string> = {}): Record<string, string> {
  return {
    'discord-token': DISCORD_TOKEN, 'guild-id': DEMO_GUILD_ID, 'api-base': discord.apiBase, 'github-token': github.token,
    commit: 'push', 'health-threshold': '0', 'on-regression': 'fail', members: 'counts', ...extra,
  };
}

/** A working copy of the fake's bare repository (the real history, as a user would clone it). */
function clone(github: FakeGitHub): { dir: string; git: (...args: string[]) => string; read: (path: string) => string } {
  const dir = mkdtempSync(join(tmpdir(), 'dse-clone-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  execFileSync('git', ['clone', '-q', github.bareRepoPath, dir]);
  const git = (...args: string[]) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' });
  return { dir, git, read: (path) => readFileSync(join(dir, path), 'utf8') };
}

/** Asserts no secret shows in anything the run left behind. */
function expectNoSecrets(run: ActionRun, github: FakeGitHub, secrets: string[]): void {
  for (const secret of secrets) {
    expect(visibleLog(run)).not.toContain(secret);
    expect(run.summary).not.toContain(secret);
    expect(run.outputFile).not.toContain(secret);
    const refs = execFileSync('git', ['--git-dir', github.bareRepoPath, 'rev-list', '--all'], { encoding: 'utf8' }).trim().split('\n');
    const grep = spawnSync('git', ['--git-dir', github.bareRepoPath, 'grep', '-l', '-F', secret, ...refs, '--'], { encoding: 'utf8' });
    expect(grep.stdout).toBe('');
    expect(grep.status).toBe(1); // git grep: 1 = no match
  }
}

function grantAdministrator(discord: FakeDiscord, roleName: string): void {
  const role = discord.guild(DEMO_GUILD_ID).guild.roles.find((r) => r.name === roleName);
  if (!role) throw new Error(`demo guild has no role ${roleName}`);
  role.permissions = String(BigInt(role.permissions) | 8n);
}

/** Files inside an uploaded artifact: the export ZIP itself, uploaded without an archive around it. */
const artifactFiles = (bytes: Buffer): string[] => {
  const dir = mkdtempSync(join(tmpdir(), 'dse-art-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'export.zip'), bytes);
  return readZip(join(dir, 'export.zip')).names.map((name) => `./${name}`).sort();
};

/** Registers every scenario for one Node binary. */
export function defineActionScenarios(label: string, node: string): void {
  describe.skipIf(!existsSync(ACTION_ENTRY) || !existsSync(node))(`the action, end to end (${label})`, () => {
    it('commits the first snapshot, nothing when unchanged, then a readable diff after a role change and a concurrent push', async () => {
      const { discord, github } = await setup();
      const first = await runAction({ node, github, inputs: inputs(discord, github) });
      expect(first.code, visibleLog(first)).toBe(0);
      expect(first.outputs['snapshot-changed']).toBe('true');
      expect(first.outputs['commit-sha']).toMatch(/^[0-9a-f]{40}$/);
      expect(Number(first.outputs['health-score'])).toBeGreaterThan(0);
      expect(first.outputs['previous-health-score']).toBe('');
      expect(Number(first.outputs['issues-found'])).toBeGreaterThan(0);
      let repo = clone(github);
      expect(repo.git('rev-parse', 'HEAD').trim()).toBe(first.outputs['commit-sha']);
      expect(repo.read(`${SNAP_DIR}/snapshot.md`)).toContain('Pixel Harbor');
      const snapshot = JSON.parse(repo.read(`${SNAP_DIR}/snapshot.json`));
      expect(snapshot.members).toBeNull(); // members: counts keeps no member list: "not collected", never a list
      expect(repo.read('README.md')).toContain('guild-snapshots');
      const commit = await (await fetch(`${github.apiUrl}/repos/${github.owner}/${github.repo}/git/commits/${first.outputs['commit-sha']}`, {
        headers: { authorization: `Bearer ${github.token}` },
      })).json() as { verification: { verified: boolean } };
      expect(commit.verification.verified).toBe(true);
      expect(first.summary).toContain('**Health score:');
      expect(first.summary).toContain('First snapshot');
      expect(first.summary).toMatch(/Commit: \[`[0-9a-f]{7}`\]/);
      // The artifact holds export.zip with the export files.
      expect(github.artifacts).toHaveLength(1);
      expect(first.outputs['artifact-id']).toBe(String(github.artifacts[0].id));
      expect(artifactFiles(github.artifacts[0].bytes)).toEqual(expect.arrayContaining(['./export.json', './snapshot.md']));

      const second = await runAction({ node, github, inputs: inputs(discord, github) });
      expect(second.code, visibleLog(second)).toBe(0);
      expect(second.outputs['snapshot-changed']).toBe('false');
      expect(second.outputs['commit-sha']).toBe('');
      expect(second.outputs['previous-health-score']).toBe(first.outputs['health-score']);
      expect(second.summary).toContain('No configuration changes since the last snapshot; nothing was committed.');
      // Same workflow run in the fake: the artifact name is taken, so the next free one is used.
      expect(github.artifacts.map((a) => a.name)).toEqual([`discord-export-${DEMO_GUILD_ID}.zip`, `discord-export-${DEMO_GUILD_ID}-2.zip`]);
      repo = clone(github);
      expect(repo.git('rev-list', '--count', 'HEAD').trim()).toBe('2');

      grantAdministrator(discord, 'Beta Tester');
      github.pushConcurrentCommitOnce('main', { 'NOTES.md': 'pushed by another run\n' });
      const third = await runAction({ node, github, inputs: inputs(discord, github) });
      expect(third.code, visibleLog(third)).toBe(0);
      expect(third.outputs['snapshot-changed']).toBe('true');
      expect(visibleLog(third)).toContain('retrying on the new head');
      repo = clone(github);
      const log = repo.git('log', '--format=%s', 'HEAD').trim().split('\n');
      expect(log).toHaveLength(4);
      expect(log[1]).toBe('Concurrent push to main');
      expect(repo.read('NOTES.md')).toBe('pushed by another run\n');
      const body = repo.git('log', '-1', '--format=%B', 'HEAD');
      expect(body).toContain('Beta Tester');
      expect(body).toMatch(/Administrator/);
      const diff = repo.git('diff', 'HEAD~1', 'HEAD', '--', `${SNAP_DIR}/snapshot.md`);
      expect(diff).toMatch(/^[-+].*Beta Tester/m);
      expect(third.summary).toMatch(/### What changed \(\d+\)/);
      expect(third.summary).toContain('Beta Tester');

      for (const run of [first, second, third]) expectNoSecrets(run, github, [DISCORD_TOKEN, github.token]);
      expect(github.violations).toEqual([]);
    });

    it('below the threshold: fails last and opens one issue, keeps it quiet while nothing moves, comments when the score moves, closes it on recovery', async () => {
      const { discord, github } = await setup();
      const bad = inputs(discord, github, { 'health-threshold': '99', 'on-regression': 'fail-and-issue', 'issue-labels': 'discord-health, ops' });
      const first = await runAction({ node, github, inputs: bad });
      expect(first.code).toBe(1);
      // Everything was written before failing, and the failure is the last thing printed.
      expect(first.outputs['health-score']).not.toBe('');
      expect(first.outputs['issue-number']).toBe(String(github.issues[0]?.number));
      expect(first.summary).toContain('below the threshold of 99');
      expect(first.stdout.trim().split('\n').at(-1)).toMatch(/^::error::.*below the threshold of 99/);
      expect(github.issues).toHaveLength(1);
      expect(github.issues[0]).toMatchObject({ state: 'open', labels: ['discord-health', 'ops'] });
      expect(github.issues[0].body).toContain(MARKER);

      // Same score, same failing checks: the body is rewritten (it links the latest run), no comment notifies anyone.
      const bodyBefore = github.issues[0].body;
      const second = await runAction({ node, github, inputs: { ...bad, 'on-regression': 'issue' } });
      expect(second.code, visibleLog(second)).toBe(0);
      expect(github.issues).toHaveLength(1);
      expect(github.issues[0].comments).toHaveLength(0);
      expect(second.stdout).toContain('body only: nothing new to comment on');
      expect(github.issues[0].body).toContain(MARKER);
      expect(github.requests.filter((r) => r.method === 'PATCH' && /\/issues\/\d+$/.test(r.path))).toHaveLength(1);
      expect(bodyBefore).toContain(MARKER);
      expect(second.outputs['issue-number']).toBe(first.outputs['issue-number']);
      expect(second.summary).toMatch(/Tracking issue \(updated\): \[#\d+\]/);

      // The score moves (verification raised: one check fewer failing): one comment.
      discord.guild(DEMO_GUILD_ID).guild.verification_level = 3;
      const third = await runAction({ node, github, inputs: { ...bad, 'on-regression': 'issue' } });
      expect(third.code, visibleLog(third)).toBe(0);
      expect(github.issues[0].comments).toHaveLength(1);
      expect(github.issues[0].comments[0].body).toMatch(/^Still below the threshold: \*\*Health score: [\d.]+\/100\*\* \(\+[\d.]+ from/);

      const recovered = await runAction({ node, github, inputs: { ...bad, 'health-threshold': '10', 'on-regression': 'issue' } });
      expect(recovered.code, visibleLog(recovered)).toBe(0);
      expect(github.issues).toHaveLength(1);
      expect(github.issues[0].state).toBe('closed');
      expect(github.issues[0].comments.at(-1)?.body).toMatch(/Recovered/);
      for (const run of [first, second, third, recovered]) expectNoSecrets(run, github, [DISCORD_TOKEN, github.token]);
      expect(github.violations).toEqual([]);
    });

    it('`fail` makes no issue API call', async () => {
      const { discord, github } = await setup();
      const run = await runAction({ node, github, inputs: inputs(discord, github, { commit: 'none', 'health-threshold': '99', 'on-regression': 'fail' }) });
      expect(run.code).toBe(1);
      expect(github.requests.filter((r) => r.path.includes('/issues'))).toEqual([]);
      expect(github.issues).toHaveLength(0);
    });

    it('pull-request mode creates one PR, then updates it in place', async () => {
      const { discord, github } = await setup();
      const pr = inputs(discord, github, { commit: 'pull-request' });
      const first = await runAction({ node, github, inputs: pr });
      expect(first.code, visibleLog(first)).toBe(0);
      expect(github.pulls).toHaveLength(1);
      expect(github.pulls[0]).toMatchObject({ head: `discord-snapshots/${DEMO_GUILD_ID}`, base: 'main', state: 'open' });
      expect(first.outputs['pull-request-number']).toBe(String(github.pulls[0].number));
      expect(github.pulls[0].body).toContain('`main` has no snapshot yet: merging adds the first one.');

      grantAdministrator(discord, 'Beta Tester');
      const second = await runAction({ node, github, inputs: pr });
      expect(second.code, visibleLog(second)).toBe(0);
      expect(github.pulls).toHaveLength(1);
      expect(second.outputs['pull-request-number']).toBe(first.outputs['pull-request-number']);
      expect(second.outputs['snapshot-changed']).toBe('true');
      const repo = clone(github);
      expect(repo.git('ls-tree', '-r', '--name-only', 'origin/main').trim()).toBe('README.md');
      expect(repo.git('show', `origin/discord-snapshots/${DEMO_GUILD_ID}:${SNAP_DIR}/snapshot.md`)).toContain('Beta Tester');
      expect(second.summary).toMatch(/Pull request \(updated\)/);
      expect(github.pulls[0].body).toMatch(/### Latest update \(since the previous run\)[\s\S]*Beta Tester[\s\S]*Administrator/);
      expect(github.violations).toEqual([]);
    });

    it('bad inputs fail with one message before any Discord or GitHub call', async () => {
      const { discord, github } = await setup();
      const run = await runAction({ node, github, inputs: inputs(discord, github, { 'guild-id': '12ab', 'health-threshold': '150', commit: 'force' }) });
      expect(run.code).toBe(1);
      const log = visibleLog(run);
      expect(log).toContain('guild-id must be a Discord id of 17-20 digits');
      expect(log).toContain('health-threshold must be a number from 0 to 100');
      expect(log).toContain('commit must be one of push | pull-request | none');
      expect(log.match(/::error::/g)).toHaveLength(1);
      expect(github.requests).toEqual([]);
      expect(discord.stats().requests).toBe(0);
      expectNoSecrets(run, github, [DISCORD_TOKEN, github.token]);
    });

    it('a protected default branch fails with advice to use pull-request mode, after the summary and artifact', async () => {
      const { discord, github } = await setup({ protectedBranches: ['main'] });
      const run = await runAction({ node, github, inputs: inputs(discord, github) });
      expect(run.code).toBe(1);
      expect(visibleLog(run)).toMatch(/protected branch "main".*commit: pull-request/);
      expect(run.summary).toContain('**Health score:');
      expect(github.artifacts).toHaveLength(1);
    });

    it('does not commit a snapshot when a collector that worked last time fails now', async () => {
      const { discord, github } = await setup();
      expect((await runAction({ node, github, inputs: inputs(discord, github) })).code).toBe(0);
      discord.setFaults([{ route: 'GET /guilds/:guild/invites', kind: 'status', status: 500 }]);
      const run = await runAction({ node, github, inputs: inputs(discord, github) });
      expect(run.code, visibleLog(run)).toBe(0);
      expect(run.outputs['snapshot-changed']).toBe('false');
      expect(run.stdout).toMatch(/::warning::Snapshot not committed: invites failed this run but worked last time/);
      expect(run.summary).toContain('The export is partial');
      expect(clone(github).git('rev-list', '--count', 'HEAD').trim()).toBe('2');
    });

    it('a rejected Discord token fails with what to do, and nothing is committed', async () => {
      const { discord, github } = await setup();
      const run = await runAction({ node, github, inputs: inputs(discord, github, { 'discord-token': 'MTIz.wrong.token-that-discord-rejects' }) });
      expect(run.code).toBe(1);
      expect(run.stdout.trim().split('\n').at(-1)).toMatch(/^::error::The export failed: .*token/i);
      expect(run.summary).toContain('export failed');
      expect(github.requests.filter((r) => r.method !== 'GET')).toEqual([]);
      expectNoSecrets(run, github, ['MTIz.wrong.token-that-discord-rejects', github.token]);
    });

    it('runs the demo guild with no token and skips the artifact outside the Actions runtime', async () => {
      const run = await runAction({ node, inputs: { demo: 'true', commit: 'none', 'on-regression': 'none' } });
      expect(run.code, visibleLog(run)).toBe(0);
      expect(run.stdout).toContain('::warning::Artifact upload skipped');
      expect(run.outputs['health-score']).not.toBe('');
      expect(run.outputs['zip-path']).toMatch(/export\.zip$/);
    });

    it('reads the audit config from the repository (no checkout) and shows the exclusion in the summary', async () => {
      const { discord, github } = await setup();
      const repo = clone(github);
      writeFileSync(join(repo.dir, '.discord-audit.yml'), 'disabled:\n  stale_channels: "seasonal event channels"\n');
      repo.git('add', '.discord-audit.yml');
      repo.git('-c', 'user.name=Admin', '-c', 'user.email=admin@example.com', 'commit', '-q', '-m', 'audit config');
      repo.git('push', '-q', 'origin', 'HEAD:main');
      const run = await runAction({ node, github, inputs: inputs(discord, github, { commit: 'none' }) });
      expect(run.code, visibleLog(run)).toBe(0);
      expect(run.summary).toContain('**Audit configuration** (changes the score):');
      expect(run.summary).toContain('seasonal event channels');
      expect(run.summary).not.toContain('(`stale_channels`)');
      // A config named in the input but found nowhere is an error before any Discord request.
      discord.resetStats();
      const missing = await runAction({ node, github, inputs: inputs(discord, github, { commit: 'none', config: 'nope/.discord-audit.yml' }) });
      expect(missing.code).toBe(1);
      expect(missing.stdout).toMatch(/::error::The config file nope\/\.discord-audit\.yml is neither on the runner nor in the repository/);
      expect(discord.stats().requests).toBe(0);
    });

    it('members: full in a public repository warns that the artifact holds identities; counts does not', async () => {
      const full = await runAction({ node, private: false, inputs: { demo: 'true', commit: 'none', 'on-regression': 'none', members: 'full' } });
      expect(full.code, visibleLog(full)).toBe(0);
      expect(full.stdout).toMatch(/::warning::members: full in a public repository/);
      const counts = await runAction({ node, private: false, inputs: { demo: 'true', commit: 'none', 'on-regression': 'none' } });
      expect(counts.code, visibleLog(counts)).toBe(0);
      expect(counts.stdout).not.toMatch(/members: full in a public repository/);
    });
  });
}
