import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../../fakes/github/index.js';
import { callApi } from '../../fakes/github/client.js';

let fake: FakeGitHub | undefined;
const clones: string[] = [];
afterEach(async () => {
  await fake?.close();
  fake = undefined;
  for (const dir of clones.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function clone(f: FakeGitHub, branch?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'fake-gh-clone-'));
  clones.push(dir);
  execFileSync('git', ['clone', '--quiet', ...(branch ? ['--branch', branch] : []), f.bareRepoPath, dir]);
  return dir;
}
const gitLog = (dir: string) => execFileSync('git', ['-C', dir, 'log', '--format=%s|%an'], { encoding: 'utf8' }).trim().split('\n');

/** Commits files on top of `branch` the way the Action does (blobs, tree with base_tree, commit, ref update). */
async function commitFiles(f: FakeGitHub, branch: string, files: Record<string, string>, message: string) {
  const ref = await callApi(f, 'GET', `/repos/${f.owner}/${f.repo}/git/ref/heads/${branch}`);
  const parent = ref.json.object.sha as string;
  const head = await callApi(f, 'GET', `/repos/${f.owner}/${f.repo}/git/commits/${parent}`);
  const tree = [];
  for (const [path, content] of Object.entries(files)) {
    const blob = await callApi(f, 'POST', `/repos/${f.owner}/${f.repo}/git/blobs`, { content: Buffer.from(content).toString('base64'), encoding: 'base64' });
    tree.push({ path, mode: '100644', type: 'blob', sha: blob.json.sha });
  }
  const newTree = await callApi(f, 'POST', `/repos/${f.owner}/${f.repo}/git/trees`, { base_tree: head.json.tree.sha, tree });
  const commit = await callApi(f, 'POST', `/repos/${f.owner}/${f.repo}/git/commits`, { message, tree: newTree.json.sha, parents: [parent] });
  const update = await callApi(f, 'PATCH', `/repos/${f.owner}/${f.repo}/git/refs/heads/${branch}`, { sha: commit.json.sha, force: false });
  return { parent, commit, update };
}

describe('fake GitHub: repository and Git Data API on a real bare repo', () => {
  it('describes the repository and starts with a README commit on the default branch', async () => {
    fake = await startFakeGitHub({ owner: 'acme', repo: 'snaps', defaultBranch: 'trunk', private: true });
    const repo = await callApi(fake, 'GET', '/repos/acme/snaps');
    expect(repo.status).toBe(200);
    expect(repo.json).toMatchObject({ full_name: 'acme/snaps', default_branch: 'trunk', private: true, html_url: 'https://github.com/acme/snaps' });
    expect(readFileSync(join(clone(fake), 'README.md'), 'utf8')).toContain('# snaps');
    expect((await callApi(fake, 'GET', '/repos/acme/snaps/git/ref/heads/nope')).status).toBe(404);
    // Octokit percent-encodes the slash inside {ref}; GitHub accepts both spellings.
    expect((await callApi(fake, 'GET', '/repos/acme/snaps/git/ref/heads%2Ftrunk')).json.ref).toBe('refs/heads/trunk');
    expect((await callApi(fake, 'GET', `/repos/acme/snaps/git/commits/${'0'.repeat(40)}`)).status).toBe(404);
    expect(fake.violations).toEqual([]);
  });

  it('commits nested paths that a clone then shows, signed when no author is given', async () => {
    fake = await startFakeGitHub();
    const { commit, update, parent } = await commitFiles(fake, 'main', {
      'discord-snapshots/123/snapshot.md': '# Guild\n',
      'discord-snapshots/123/data/snapshot.json': '{"a":1}\n',
    }, 'Snapshot 123');
    expect(commit.status).toBe(201);
    expect(commit.json.verification.verified).toBe(true);
    expect(commit.json.parents[0].sha).toBe(parent);
    expect(update.status).toBe(200);
    expect(update.json.object.sha).toBe(commit.json.sha);

    const dir = clone(fake);
    expect(readFileSync(join(dir, 'discord-snapshots/123/data/snapshot.json'), 'utf8')).toBe('{"a":1}\n');
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toContain('guild-snapshots');
    expect(gitLog(dir)).toEqual(['Snapshot 123|github-actions[bot]', 'Initial commit|octo-org']);

    const tree = await callApi(fake, 'GET', `/repos/${fake.owner}/${fake.repo}/git/trees/${commit.json.tree.sha}?recursive=1`);
    expect(tree.json.tree.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining([
      'discord-snapshots', 'discord-snapshots/123', 'discord-snapshots/123/data/snapshot.json', 'README.md',
    ]));
    const content = await callApi(fake, 'GET', `/repos/${fake.owner}/${fake.repo}/contents/discord-snapshots/123/snapshot.md?ref=main`);
    expect(Buffer.from(content.json.content, 'base64').toString('utf8')).toBe('# Guild\n');
    expect((await callApi(fake, 'GET', `/repos/${fake.owner}/${fake.repo}/contents/missing.md?ref=main`)).status).toBe(404);
    expect(fake.violations).toEqual([]);
  });

  it('keeps an author that is given and marks that commit unverified; deletes paths with sha null', async () => {
    fake = await startFakeGitHub();
    const { owner, repo } = fake;
    const head = (await callApi(fake, 'GET', `/repos/${owner}/${repo}/git/ref/heads/main`)).json.object.sha;
    const base = (await callApi(fake, 'GET', `/repos/${owner}/${repo}/git/commits/${head}`)).json.tree.sha;
    const tree = await callApi(fake, 'POST', `/repos/${owner}/${repo}/git/trees`, {
      base_tree: base,
      tree: [{ path: 'README.md', mode: '100644', type: 'blob', sha: null }, { path: 'a/b.txt', mode: '100644', type: 'blob', content: 'b' }],
    });
    expect(tree.json.tree.map((e: { path: string }) => e.path)).toEqual(['a']);
    const author = { name: 'Ada', email: 'ada@example.com', date: '2026-01-02T03:04:05Z' };
    const commit = await callApi(fake, 'POST', `/repos/${owner}/${repo}/git/commits`, { message: 'm', tree: tree.json.sha, parents: [head], author });
    expect(commit.json.author).toEqual(author);
    expect(commit.json.verification.verified).toBe(false);
    expect(fake.violations).toEqual([]);
  });

  it('rejects a non-fast-forward update unless forced, and creates branches once', async () => {
    fake = await startFakeGitHub();
    const { owner, repo } = fake;
    const first = await commitFiles(fake, 'main', { 'x.txt': '1' }, 'one');
    // A commit whose parent is the old head is no longer a fast-forward once main moved.
    const stale = await callApi(fake, 'POST', `/repos/${owner}/${repo}/git/commits`, { message: 'stale', tree: first.commit.json.tree.sha, parents: [first.parent] });
    const rejected = await callApi(fake, 'PATCH', `/repos/${owner}/${repo}/git/refs/heads/main`, { sha: stale.json.sha, force: false });
    expect(rejected.status).toBe(422);
    expect(rejected.json.message).toBe('Update is not a fast forward');

    const created = await callApi(fake, 'POST', `/repos/${owner}/${repo}/git/refs`, { ref: 'refs/heads/side', sha: stale.json.sha });
    expect(created.status).toBe(201);
    expect(created.json.ref).toBe('refs/heads/side');
    const again = await callApi(fake, 'POST', `/repos/${owner}/${repo}/git/refs`, { ref: 'refs/heads/side', sha: stale.json.sha });
    expect(again.status).toBe(422);
    expect(again.json.message).toBe('Reference already exists');
    const forced = await callApi(fake, 'PATCH', `/repos/${owner}/${repo}/git/refs/heads/side`, { sha: first.commit.json.sha, force: true });
    expect(forced.status).toBe(200);
    expect(gitLog(clone(fake, 'side'))[0]).toBe('one|github-actions[bot]');
    expect(fake.violations).toEqual([]);
  });

  it('loses one race after pushConcurrentCommitOnce, then accepts a retry on the new head', async () => {
    fake = await startFakeGitHub();
    fake.pushConcurrentCommitOnce('main', { 'other/run.txt': 'theirs' });
    const lost = await commitFiles(fake, 'main', { 'mine.txt': 'ours' }, 'mine');
    expect(lost.update.status).toBe(422);
    expect(lost.update.json.message).toBe('Update is not a fast forward');
    const retry = await commitFiles(fake, 'main', { 'mine.txt': 'ours' }, 'mine, retried');
    expect(retry.update.status).toBe(200);
    const dir = clone(fake);
    expect(gitLog(dir).map((l) => l.split('|')[0])).toEqual(['mine, retried', 'Concurrent push to main', 'Initial commit']);
    expect(readFileSync(join(dir, 'other/run.txt'), 'utf8')).toBe('theirs');
    expect(readFileSync(join(dir, 'mine.txt'), 'utf8')).toBe('ours');
    expect(fake.violations).toEqual([]);
  });

  it('refuses updates of a protected branch with a GH006-like 422', async () => {
    fake = await startFakeGitHub({ protectedBranches: ['main'] });
    const { update } = await commitFiles(fake, 'main', { 'a.txt': 'a' }, 'a');
    expect(update.status).toBe(422);
    expect(update.json.message).toMatch(/^Protected branch update failed for refs\/heads\/main/);
    expect(gitLog(clone(fake))).toHaveLength(1);
    expect(fake.violations).toEqual([]);
  });
});
