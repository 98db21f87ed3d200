import { afterEach, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../../fakes/github/index.js';
import { callApi, commitOnMain } from '../../fakes/github/client.js';

let fake: FakeGitHub | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});


describe('fake GitHub: commits, comparisons and comment edits', () => {
  it('compares two commits (commits oldest first, files changed) and reads one commit with its files', async () => {
    fake = await startFakeGitHub();
    const r = `/repos/${fake.owner}/${fake.repo}`;
    const start = (await callApi(fake, 'GET', `${r}/git/ref/heads/main`)).json.object.sha;
    const a = await commitOnMain(fake, 'Edit a role\n\nBy hand.', { 'snaps/1/snapshot.json': '{}' });
    const b = await commitOnMain(fake, 'Discord snapshot\n\nSnapshot-by: discord-server-exporter', { 'snaps/1/snapshot.md': '# x' });

    const cmp = await callApi(fake, 'GET', `${r}/compare/${start}...${b}`);
    expect(cmp.status).toBe(200);
    expect(cmp.json).toMatchObject({ status: 'ahead', ahead_by: 2, behind_by: 0, total_commits: 2 });
    expect(cmp.json.commits.map((c: { sha: string }) => c.sha)).toEqual([a, b]);
    expect(cmp.json.commits[0].commit.message).toBe('Edit a role\n\nBy hand.');
    expect(cmp.json.files.map((f: { filename: string; status: string }) => [f.filename, f.status]))
      .toEqual([['snaps/1/snapshot.json', 'added'], ['snaps/1/snapshot.md', 'added']]);

    const one = await callApi(fake, 'GET', `${r}/commits/${b}`);
    expect(one.status).toBe(200);
    expect(one.json.commit.message).toContain('Snapshot-by: discord-server-exporter');
    expect(one.json.files.map((f: { filename: string }) => f.filename)).toEqual(['snaps/1/snapshot.md']);
    expect(one.json.parents.map((p: { sha: string }) => p.sha)).toEqual([a]);
    expect((await callApi(fake, 'GET', `${r}/compare/${start}...${'f'.repeat(40)}`)).status).toBe(404);
  });

  it('edits a comment in place: same id, new body, one comment', async () => {
    fake = await startFakeGitHub();
    const r = `/repos/${fake.owner}/${fake.repo}`;
    await callApi(fake, 'POST', `${r}/issues`, { title: 'x' });
    const made = await callApi(fake, 'POST', `${r}/issues/1/comments`, { body: 'first' });
    const edited = await callApi(fake, 'PATCH', `${r}/issues/comments/${made.json.id}`, { body: 'second' });
    expect(edited.status).toBe(200);
    expect(edited.json).toMatchObject({ id: made.json.id, body: 'second' });
    expect((await callApi(fake, 'GET', `${r}/issues/1/comments`)).json.map((c: { body: string }) => c.body)).toEqual(['second']);
    expect((await callApi(fake, 'PATCH', `${r}/issues/comments/999999`, { body: 'x' })).status).toBe(404);
  });
});
