import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import type { FakeGitHub } from '../../fakes/github/index.js';
import { ForeignBranchError, proposeSnapshot } from '../../../src/github/pull-request.js';
import { SNAPSHOT_TRAILER } from '../../../src/github/git-data.js';
import { commitSnapshot } from '../../../src/github/commit-snapshot.js';
import { fakeWithClient, git } from './helpers.js';

let fake: FakeGitHub | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const options = (content: string, body = 'body') => ({
  baseBranch: 'main', headBranch: 'discord-snapshots/1', files: [{ path: 'snap/snapshot.md', content }],
  commitMessage: 'Snapshot', title: 'Discord snapshot', body,
});

describe('proposeSnapshot', () => {
  it('creates one PR, updates it in place, and does nothing when unchanged', async () => {
    const env = await fakeWithClient();
    fake = env.fake;
    const first = await proposeSnapshot(env.client, options('v1\n', 'first body'));
    expect(first).toMatchObject({ operation: 'created', changed: true });
    expect(fake.pulls).toHaveLength(1);
    expect(fake.pulls[0]).toMatchObject({ head: 'discord-snapshots/1', base: 'main', body: 'first body', state: 'open' });
    expect(git(fake, 'show', 'discord-snapshots/1:snap/snapshot.md')).toBe('v1\n');

    const same = await proposeSnapshot(env.client, options('v1\n'));
    expect(same).toMatchObject({ operation: 'none', number: first.number, changed: false, sha: null });

    const second = await proposeSnapshot(env.client, options('v2\n', 'second body'));
    expect(second).toMatchObject({ operation: 'updated', number: first.number, changed: true });
    expect(fake.pulls).toHaveLength(1);
    expect(fake.pulls[0].body).toBe('second body');
    expect(git(fake, 'show', 'discord-snapshots/1:snap/snapshot.md')).toBe('v2\n');
    // The base branch is never touched.
    expect(git(fake, 'ls-tree', '-r', '--name-only', 'main').trim()).toBe('README.md');
    expect(fake.violations).toEqual([]);
  });

  it('opens nothing when the base already holds the snapshot', async () => {
    const env = await fakeWithClient();
    fake = env.fake;
    await commitSnapshot(env.client, { branch: 'main', files: options('v1\n').files, message: 'base' });
    expect(await proposeSnapshot(env.client, options('v1\n'))).toMatchObject({ operation: 'none', number: null });
    expect(fake.pulls).toHaveLength(0);
  });

  it('says which repository setting to change when Actions may not open pull requests', async () => {
    const env = await fakeWithClient({ refusePullRequests: true });
    fake = env.fake;
    await expect(proposeSnapshot(env.client, options('v1\n'))).rejects.toThrow(
      /403: GitHub Actions is not permitted to create or approve pull requests\. Enable "Allow GitHub Actions to create and approve pull requests"/,
    );
  });

  it('refuses to use the base branch as its own branch', async () => {
    const env = await fakeWithClient();
    fake = env.fake;
    await expect(proposeSnapshot(env.client, { ...options('v1\n'), headBranch: 'main' })).rejects.toThrow(/dedicated branch/);
  });

  describe('an existing branch', () => {
    /** A commit by someone else on `branch`, on top of `parent`, adding `file`. */
    function humanCommit(f: FakeGitHub, branch: string, parent: string, file: string): string {
      const blob = git(f, 'hash-object', '-w', '/dev/null').trim();
      const base = git(f, 'ls-tree', parent).trim();
      const tree = execFileSync('git', ['--git-dir', f.bareRepoPath, 'mktree'], { input: `${base}\n100644 blob ${blob}\t${file}\n`, encoding: 'utf8' }).trim();
      const sha = git(f, 'commit-tree', tree, '-p', parent, '-m', 'Work in progress by a person').trim();
      git(f, 'update-ref', `refs/heads/${branch}`, sha);
      return sha;
    }

    it('refuses to reset a branch whose head the Action did not write, and keeps the commit', async () => {
      const env = await fakeWithClient();
      fake = env.fake;
      const theirs = humanCommit(fake, 'release-notes', 'main', 'NOTES.md');
      const attempt = proposeSnapshot(env.client, { ...options('v1\n'), headBranch: 'release-notes' });
      await expect(attempt).rejects.toBeInstanceOf(ForeignBranchError);
      await expect(attempt).rejects.toThrow(/"release-notes" has a commit the Action did not write at its head \([0-9a-f]{7}\), so it was left untouched/);
      expect(git(fake, 'rev-parse', 'release-notes').trim()).toBe(theirs);
      expect(fake.pulls).toHaveLength(0);
      expect(fake.violations).toEqual([]);
    });

    it('refuses when someone pushed onto the Action\'s own branch, instead of discarding their commit', async () => {
      const env = await fakeWithClient();
      fake = env.fake;
      await proposeSnapshot(env.client, options('v1\n'));
      const theirs = humanCommit(fake, 'discord-snapshots/1', 'discord-snapshots/1', 'FIX.md');
      await expect(proposeSnapshot(env.client, options('v2\n'))).rejects.toBeInstanceOf(ForeignBranchError);
      expect(git(fake, 'rev-parse', 'discord-snapshots/1').trim()).toBe(theirs);
    });

    it('rebuilds its own branch on a moved base (its commits carry the trailer) and fast-forwards a branch at the base head', async () => {
      const env = await fakeWithClient();
      fake = env.fake;
      await proposeSnapshot(env.client, options('v1\n'));
      expect(git(fake, 'log', '-1', '--format=%B', 'discord-snapshots/1').trim().split('\n').at(-1)).toBe(SNAPSHOT_TRAILER);
      await commitSnapshot(env.client, { branch: 'main', files: [{ path: 'OTHER.md', content: 'x\n' }], message: 'base moved' });
      const updated = await proposeSnapshot(env.client, options('v2\n'));
      expect(updated).toMatchObject({ operation: 'updated', changed: true });
      expect(git(fake, 'rev-parse', 'discord-snapshots/1~1').trim()).toBe(git(fake, 'rev-parse', 'main').trim());

      git(fake, 'update-ref', 'refs/heads/made-by-hand', git(fake, 'rev-parse', 'main').trim());
      const ff = await proposeSnapshot(env.client, { ...options('v3\n'), headBranch: 'made-by-hand' });
      expect(ff).toMatchObject({ operation: 'created', changed: true });
      expect(git(fake, 'show', 'made-by-hand:snap/snapshot.md')).toBe('v3\n');
      expect(fake.violations).toEqual([]);
    });
  });
});
