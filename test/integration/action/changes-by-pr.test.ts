import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { restoreAfterEachRun, runActionInProcess, type RunnerEvent } from '../../helpers/action-in-process.js';
import { demoGuild, DEMO_GUILD_ID, startFakeDiscord, type FakeDiscord } from '../../../src/fake-discord/index.js';
import { startFakeGitHub, type FakeGitHub } from '../../fakes/github/index.js';
import { callApi } from '../../fakes/github/client.js';
import { commentMarker } from '../../../src/github/pr-comment.js';
import { TEST_TOKEN } from '../../helpers/fake-discord.js';
import { PermissionFlagsBits } from 'discord-api-types/v10';

const MANAGE_MESSAGES = 1n << 13n;
const PATH = `discord-snapshots/${DEMO_GUILD_ID}/snapshot.json`;

// A team changes its server only through reviewed pull requests: the plan in the pull request (one comment, edited
// in place), the apply on merge, the next export committing nothing new, and a revert rolling the change back. The
// Action runs in-process as the runner drives it, against the fake Discord and the fake GitHub (a real bare repo).
describe('server changes by pull request', () => {
  const guild = demoGuild();
  let discord: FakeDiscord;
  let github: FakeGitHub;
  let dir: string;
  const api = (method: string, path: string, body?: unknown) => callApi(github, method, `/repos/${github.owner}/${github.repo}${path}`, body);
  const head = async (branch: string): Promise<string> => (await api('GET', `/git/ref/heads/${branch}`)).json.object.sha;
  const show = (ref: string) => execFileSync('git', ['--git-dir', github.bareRepoPath, 'show', `${ref}:${PATH}`], { encoding: 'utf8' });

  /** A person's commit of `content` at PATH on `branch` (created from main when missing); returns its sha. */
  async function commitFile(branch: string, message: string, content: string): Promise<string> {
    const exists = (await api('GET', `/git/ref/heads/${branch}`)).status === 200;
    const parent = await head(exists ? branch : 'main');
    const baseTree = (await api('GET', `/git/commits/${parent}`)).json.tree.sha;
    const tree = (await api('POST', '/git/trees', { base_tree: baseTree, tree: [{ path: PATH, mode: '100644', type: 'blob', content }] })).json.sha;
    const sha = (await api('POST', '/git/commits', { message, tree, parents: [parent], author: { name: 'Ana', email: 'ana@example.com' } })).json.sha;
    if (exists) await api('PATCH', `/git/refs/heads/${branch}`, { sha });
    else await api('POST', '/git/refs', { ref: `refs/heads/${branch}`, sha });
    return sha;
  }

  /** snapshot.json as committed on main with one role's permission names changed by hand (the names decide). */
  function edited(text: string, roleName: string, add: string): string {
    const snap = JSON.parse(text) as { roles: { name: string; permission_names: string[] }[] };
    const role = snap.roles.find((r) => r.name === roleName)!;
    role.permission_names = [...role.permission_names, add];
    return `${JSON.stringify(snap, null, 2)}\n`;
  }

  const inputs = (extra: Record<string, string> = {}) => ({
    'discord-token': TEST_TOKEN, 'guild-id': DEMO_GUILD_ID, 'api-base': discord.apiBase, 'github-token': github.token,
    'on-regression': 'none', mode: 'export', 'allow-writes': 'false', 'fail-on-skip': 'true', ...extra,
  });
  const run = (extra: Record<string, string>, event?: RunnerEvent) => runActionInProcess(dir, github, inputs(extra), event);
  const prEvent = (number: number, headSha: string, baseSha: string): RunnerEvent => ({
    name: 'pull_request', sha: headSha,
    payload: { pull_request: { number, head: { sha: headSha, repo: { fork: false, full_name: `${github.owner}/${github.repo}` } }, base: { sha: baseSha } } },
  });
  const pushEvent = (before: string, after: string): RunnerEvent => ({ name: 'push', sha: after, payload: { before, after, ref: 'refs/heads/main' } });
  const editedRole = () => guild.guild.roles.find((r) => r.name === 'Helper')!;
  let roleName = '';

  beforeAll(async () => {
    // The bot may change roles, and grant what it holds itself (Discord refuses granting a permission one lacks).
    const botRole = guild.guild.roles.find((r) => r.name === 'Server Exporter')!;
    const grants = ['ManageRoles', 'ManageChannels', 'ManageGuild', 'ManageMessages', 'MentionEveryone'] as const;
    botRole.permissions = String(grants.reduce((bits, name) => bits | PermissionFlagsBits[name], BigInt(botRole.permissions)));
    discord = await startFakeDiscord({ guilds: [guild], token: TEST_TOKEN, timeScale: 0.02 });
    github = await startFakeGitHub({});
    dir = mkdtempSync(join(tmpdir(), 'dse-pr-changes-'));
  });
  restoreAfterEachRun();
  afterAll(async () => {
    await github.close();
    await discord.close();
    rmSync(dir, { recursive: true, force: true });
  });

  let prNumber = 0;
  let editSha = '';
  let baseSha = '';

  it('starts from a committed snapshot (mode export)', async () => {
    const first = await run({});
    expect(first.failed, first.stdout).toBe(false);
    expect(first.outputs['snapshot-changed']).toBe('true');
    roleName = editedRole().name;
    expect(BigInt(editedRole().permissions) & MANAGE_MESSAGES).toBe(0n);
  });

  it('comments the plan of an edited role on the pull request, once, edited in place on the next push, with no write', async () => {
    baseSha = await head('main');
    editSha = await commitFile('give-mods-messages', 'Moderators may manage messages', edited(show('main'), roleName, 'ManageMessages'));
    prNumber = (await api('POST', '/pulls', { title: 'Moderators may manage messages', head: 'give-mods-messages', base: 'main' })).json.number;
    discord.resetStats();

    const plan = await run({ mode: 'plan' }, prEvent(prNumber, editSha, baseSha));
    expect(plan.failed, plan.outputs.plan).toBe(false);
    expect(plan.outputs.changes, plan.outputs.plan).toBe('1');
    const parsed = JSON.parse(plan.outputs.plan) as { guilds: { operations: { action: string; kind: string; changes?: Record<string, unknown> }[] }[] };
    expect(parsed.guilds[0].operations.filter((o) => o.action !== 'skip')).toEqual([expect.objectContaining({ action: 'update', kind: 'role' })]);
    const pull = () => github.pulls.find((p) => p.number === prNumber)!;
    expect(pull().comments).toHaveLength(1);
    expect(pull().comments[0].body).toContain('+ManageMessages');
    expect(pull().comments[0].body).toContain(commentMarker(DEMO_GUILD_ID));
    expect(plan.summary).toContain('+ManageMessages');
    expect(discord.stats().writes).toEqual([]);

    // A second push to the pull request: the same comment, now with both changes.
    const next = await commitFile('give-mods-messages', 'And mentions', edited(show(editSha), roleName, 'MentionEveryone'));
    const again = await run({ mode: 'plan' }, prEvent(prNumber, next, baseSha));
    expect(again.outputs.changes).toBe('1');
    expect(pull().comments).toHaveLength(1);
    expect(pull().comments[0].body).toContain('+MentionEveryone');
    editSha = next;
    expect(discord.stats().writes).toEqual([]);
  });

  it('fails the check with an annotation on the line of a permission name that does not exist', async () => {
    const bad = edited(show('main'), roleName, 'ManageEverythingPlease');
    const sha = await commitFile('typo', 'Typo', bad);
    const number = (await api('POST', '/pulls', { title: 'Typo', head: 'typo', base: 'main' })).json.number;
    const plan = await run({ mode: 'plan' }, prEvent(number, sha, baseSha));
    expect(plan.failed).toBe(true);
    const line = bad.split('\n').findIndex((l) => l.includes('ManageEverythingPlease')) + 1;
    const annotations = plan.stdout.split('\n').filter((l) => l.startsWith('::error '));
    expect(annotations.some((l) => l.includes(`file=${PATH}`) && l.includes(`line=${line}`)), plan.stdout).toBe(true);
    expect(discord.stats().writes).toEqual([]);
  });

  it('never applies on a pull_request event, without allow-writes or in a fork, before any request', async () => {
    discord.resetStats();
    const onPr = await run({ mode: 'apply', 'allow-writes': 'true' }, prEvent(prNumber, editSha, baseSha));
    expect(onPr.failed).toBe(true);
    expect(onPr.stdout).toContain('does not run for pull_request events');
    const unarmed = await run({ mode: 'apply' }, pushEvent(baseSha, editSha));
    expect(unarmed.failed).toBe(true);
    expect(unarmed.stdout).toContain('allow-writes: true');
    const fork = pushEvent(baseSha, editSha);
    fork.payload = { ...fork.payload, repository: { private: false, fork: true, full_name: 'someone/fork' } };
    const inFork = await run({ mode: 'apply', 'allow-writes': 'true' }, fork);
    expect(inFork.failed).toBe(true);
    expect(inFork.stdout).toContain('does not run in a fork');
    expect(discord.stats().requests).toBe(0);
  });

  it('applies the merged edit (the audit log names the commit), commits what the server became, and the next export commits nothing', async () => {
    await api('PATCH', '/git/refs/heads/main', { sha: editSha });
    discord.resetStats();
    const applied = await run({ mode: 'apply', 'allow-writes': 'true' }, pushEvent(baseSha, editSha));
    expect(applied.failed, applied.stdout).toBe(false);
    expect(BigInt(editedRole().permissions) & MANAGE_MESSAGES).toBe(MANAGE_MESSAGES);
    const writes = discord.stats().writes;
    expect(writes.length).toBeGreaterThan(0);
    expect(discord.stats().refusedWrites).toBe(0);
    for (const w of writes) expect(w.reason).toContain(editSha.slice(0, 12));
    expect(applied.summary).toContain('Applied');

    const scheduled = await run({});
    expect(scheduled.failed).toBe(false);
    expect(scheduled.outputs['snapshot-changed']).toBe('false');
  });

  it('rolls the change back when a revert is pushed', async () => {
    const before = await head('main');
    const revert = await commitFile('main', `Revert "Moderators may manage messages"`, show(baseSha));
    const reverted = await run({ mode: 'apply', 'allow-writes': 'true' }, pushEvent(before, revert));
    expect(reverted.failed, reverted.stdout).toBe(false);
    expect(BigInt(editedRole().permissions) & MANAGE_MESSAGES).toBe(0n);
    expect(discord.stats().refusedWrites).toBe(0);
  });
});
