import { afterEach, describe, expect, it } from 'vitest';
import type { FakeGitHub } from '../../fakes/github/index.js';
import { commitSnapshot, ProtectedBranchError } from '../../../src/github/commit-snapshot.js';
import { GitHubApiError, GitHubClient } from '../../../src/github/client.js';
import { readTextFile } from '../../../src/github/repository.js';
import { fakeWithClient, git } from './helpers.js';

let fake: FakeGitHub | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const files = (role: string) => [
  { path: 'discord-snapshots/1/snapshot.md', content: `# Guild\n\n- ${role}\n` },
  { path: 'discord-snapshots/1/snapshot.json', content: JSON.stringify({ roles: [role] }, null, 2) + '\n' },
];

describe('commitSnapshot', () => {
  it('commits new files on top of the branch, keeps the rest, and the commit is verified', async () => {
    const env = await fakeWithClient();
    fake = env.fake;
    const result = await commitSnapshot(env.client, { branch: 'main', files: files('Mods'), message: 'Snapshot\n\nbody\n' });
    expect(result).toMatchObject({ changed: true, attempts: 1 });
    expect(git(fake, 'rev-parse', 'main').trim()).toBe(result.sha);
    expect(git(fake, 'show', 'main:discord-snapshots/1/snapshot.md')).toBe('# Guild\n\n- Mods\n');
    expect(git(fake, 'ls-tree', '-r', '--name-only', 'main')).toContain('README.md');
    expect(git(fake, 'log', '--format=%s', 'main').trim().split('\n')).toEqual(['Snapshot', 'Initial commit']);
    const commit = await env.client.request<{ verification: { verified: boolean } }>('GET', `git/commits/${result.sha}`);
    expect(commit.verification.verified).toBe(true);
    expect(await readTextFile(env.client, 'discord-snapshots/1/snapshot.json', 'main')).toContain('Mods');
    expect(fake.violations).toEqual([]);
  });

  it('makes no commit when the files are unchanged', async () => {
    const env = await fakeWithClient();
    fake = env.fake;
    await commitSnapshot(env.client, { branch: 'main', files: files('Mods'), message: 'first' });
    const head = git(fake, 'rev-parse', 'main');
    const again = await commitSnapshot(env.client, { branch: 'main', files: files('Mods'), message: 'second' });
    expect(again).toEqual({ sha: null, changed: false, attempts: 1 });
    expect(git(fake, 'rev-parse', 'main')).toBe(head);
  });

  it('retries on the new head when another push lands first, keeping both changes', async () => {
    const env = await fakeWithClient();
    fake = env.fake;
    fake.pushConcurrentCommitOnce('main', { 'other.txt': 'from another run\n' });
    const lines: string[] = [];
    const result = await commitSnapshot(env.client, { branch: 'main', files: files('Mods'), message: 'mine', log: (l) => lines.push(l) });
    expect(result).toMatchObject({ changed: true, attempts: 2 });
    expect(git(fake, 'log', '--format=%s', 'main').trim().split('\n')).toEqual(['mine', 'Concurrent push to main', 'Initial commit']);
    expect(git(fake, 'show', 'main:other.txt')).toBe('from another run\n');
    expect(lines.join('\n')).toContain('retrying on the new head');
  });

  it('starts a missing branch from the default branch', async () => {
    const env = await fakeWithClient();
    fake = env.fake;
    const result = await commitSnapshot(env.client, { branch: 'snapshots', startFrom: 'main', files: files('Mods'), message: 'first on branch' });
    expect(result.changed).toBe(true);
    expect(git(fake, 'log', '--format=%s', 'snapshots').trim().split('\n')).toEqual(['first on branch', 'Initial commit']);
    expect(git(fake, 'ls-tree', '-r', '--name-only', 'snapshots')).toContain('README.md');
  });

  it('explains a protected branch and suggests pull-request mode', async () => {
    const env = await fakeWithClient({ protectedBranches: ['main'] });
    fake = env.fake;
    const error = await commitSnapshot(env.client, { branch: 'main', files: files('Mods'), message: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProtectedBranchError);
    expect((error as Error).message).toMatch(/protected branch "main".*commit: pull-request/s);
  });

  it('surfaces GitHub\'s message and what to do for a bad token', async () => {
    const env = await fakeWithClient();
    fake = env.fake;
    const client = new GitHubClient({ apiUrl: fake.apiUrl, token: 'wrong', owner: fake.owner, repo: fake.repo });
    const error = await commitSnapshot(client, { branch: 'main', files: files('Mods'), message: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubApiError);
    expect((error as Error).message).toMatch(/failed with 401: Bad credentials\. The github-token is invalid/);
  });
});
