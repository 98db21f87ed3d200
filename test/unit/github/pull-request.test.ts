import { afterEach, describe, expect, it } from 'vitest';
import type { FakeGitHub } from '../../fakes/github/index.js';
import { proposeSnapshot } from '../../../src/github/pull-request.js';
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
});
