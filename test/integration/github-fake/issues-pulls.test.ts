import { afterEach, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../../fakes/github/index.js';
import { callApi } from '../../fakes/github/client.js';

let fake: FakeGitHub | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** Creates branch `name` one commit ahead of main (so a PR has a diff). */
async function branchWithChange(f: FakeGitHub, name: string): Promise<string> {
  const r = `/repos/${f.owner}/${f.repo}`;
  const main = (await callApi(f, 'GET', `${r}/git/ref/heads/main`)).json.object.sha;
  const base = (await callApi(f, 'GET', `${r}/git/commits/${main}`)).json.tree.sha;
  const tree = (await callApi(f, 'POST', `${r}/git/trees`, { base_tree: base, tree: [{ path: 's/snapshot.md', mode: '100644', type: 'blob', content: 'x' }] })).json.sha;
  const commit = (await callApi(f, 'POST', `${r}/git/commits`, { message: 'snap', tree, parents: [main] })).json.sha;
  await callApi(f, 'POST', `${r}/git/refs`, { ref: `refs/heads/${name}`, sha: commit });
  return commit;
}

describe('fake GitHub: auth and unknown routes', () => {
  it('answers 401 Bad credentials without or with a wrong token, and 404 JSON for unknown routes', async () => {
    fake = await startFakeGitHub({ token: 'ghs_right' });
    const path = `/repos/${fake.owner}/${fake.repo}`;
    for (const token of [null, 'ghs_wrong']) {
      const res = await callApi(fake, 'GET', path, undefined, token);
      expect(res.status).toBe(401);
      expect(res.json).toMatchObject({ message: 'Bad credentials', status: '401' });
      expect(res.json.documentation_url).toMatch(/^https:\/\/docs\.github\.com/);
    }
    const viaTokenScheme = await fetch(`${fake.apiUrl}${path}`, { headers: { authorization: 'token ghs_right' } });
    expect(viaTokenScheme.status).toBe(200);
    for (const unknown of ['/nope', `${path}/actions/secrets`, '/repos/someone/else']) {
      const res = await callApi(fake, 'GET', unknown);
      expect(res.status).toBe(404);
      expect(res.json.message).toBe('Not Found');
    }
    expect(fake.requests.map((r) => r.status)).toEqual([401, 401, 200, 404, 404, 404]);
  });
});

describe('fake GitHub: issues', () => {
  it('creates, lists by label, comments, and closes an issue with auto-created labels', async () => {
    fake = await startFakeGitHub();
    const r = `/repos/${fake.owner}/${fake.repo}`;
    const created = await callApi(fake, 'POST', `${r}/issues`, { title: 'Health below 70', body: '<!-- discord-health:1 -->', labels: ['discord-health'] });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ number: 1, state: 'open', labels: [{ name: 'discord-health' }] });
    await callApi(fake, 'POST', `${r}/issues`, { title: 'Unrelated' });

    const listed = await callApi(fake, 'GET', `${r}/issues?labels=discord-health&state=open&per_page=100&page=1`);
    expect(listed.json.map((i: { number: number }) => i.number)).toEqual([1]);
    expect((await callApi(fake, 'GET', `${r}/issues?per_page=1&page=2`)).json.map((i: { number: number }) => i.number)).toEqual([1]);
    const firstPage = await fetch(`${fake.apiUrl}${r}/issues?per_page=1`, { headers: { authorization: `token ${fake.token}` } });
    expect(firstPage.headers.get('link')).toContain('page=2>; rel="next"');

    const comment = await callApi(fake, 'POST', `${r}/issues/1/comments`, { body: 'Still unhealthy: 55' });
    expect(comment.status).toBe(201);
    expect((await callApi(fake, 'GET', `${r}/issues/1/comments`)).json.map((c: { body: string }) => c.body)).toEqual(['Still unhealthy: 55']);

    const closed = await callApi(fake, 'PATCH', `${r}/issues/1`, { state: 'closed', state_reason: 'completed', body: 'recovered' });
    expect(closed.json).toMatchObject({ state: 'closed', state_reason: 'completed', body: 'recovered', comments: 1 });
    expect(closed.json.closed_at).toEqual(expect.any(String));
    expect((await callApi(fake, 'GET', `${r}/issues?labels=discord-health&state=open`)).json).toEqual([]);
    expect((await callApi(fake, 'GET', `${r}/issues/1`)).json.state).toBe('closed');
    expect((await callApi(fake, 'GET', `${r}/issues/99`)).status).toBe(404);
    expect(fake.issues.map((i) => [i.number, i.state, i.comments.length])).toEqual([[1, 'closed', 1], [2, 'open', 0]]);

    expect((await callApi(fake, 'POST', `${r}/labels`, { name: 'health', color: 'ff0000' })).status).toBe(201);
    expect((await callApi(fake, 'POST', `${r}/labels`, { name: 'health' })).status).toBe(422);
    expect(fake.violations).toEqual([]);
  });

  it('records an OpenAPI violation for an invalid request body instead of throwing', async () => {
    fake = await startFakeGitHub();
    const r = `/repos/${fake.owner}/${fake.repo}`;
    const res = await callApi(fake, 'POST', `${r}/issues`, { title: 'ok', labels: 'not-an-array', assignees: 7 });
    expect(res.status).toBe(201);
    expect(fake.violations.length).toBeGreaterThan(0);
    expect(fake.violations[0]).toMatch(/^POST \/repos\/\{owner\}\/\{repo\}\/issues request body: .*labels/);
  });
});

describe('fake GitHub: pull requests', () => {
  it('creates one PR per head, lists it by head, shows it in the issue list, and updates it', async () => {
    fake = await startFakeGitHub();
    const r = `/repos/${fake.owner}/${fake.repo}`;
    const noDiff = await callApi(fake, 'POST', `${r}/git/refs`, { ref: 'refs/heads/same', sha: (await callApi(fake, 'GET', `${r}/git/ref/heads/main`)).json.object.sha });
    expect(noDiff.status).toBe(201);
    const empty = await callApi(fake, 'POST', `${r}/pulls`, { title: 't', head: 'same', base: 'main' });
    expect(empty.status).toBe(422);
    expect(empty.json.errors[0].message).toBe('No commits between main and same');

    const headSha = await branchWithChange(fake, 'discord-snapshots/1');
    const pr = await callApi(fake, 'POST', `${r}/pulls`, { title: 'Snapshot', head: 'discord-snapshots/1', base: 'main', body: 'score 80' });
    expect(pr.status).toBe(201);
    expect(pr.json).toMatchObject({ number: 1, state: 'open', head: { ref: 'discord-snapshots/1', sha: headSha }, base: { ref: 'main' } });
    const dup = await callApi(fake, 'POST', `${r}/pulls`, { title: 'again', head: `${fake.owner}:discord-snapshots/1`, base: 'main' });
    expect(dup.status).toBe(422);
    expect(dup.json.errors[0].message).toBe(`A pull request already exists for ${fake.owner}:discord-snapshots/1.`);

    const byHead = await callApi(fake, 'GET', `${r}/pulls?head=${fake.owner}:discord-snapshots/1&state=open&base=main`);
    expect(byHead.json.map((p: { number: number }) => p.number)).toEqual([1]);
    expect((await callApi(fake, 'GET', `${r}/pulls?head=${fake.owner}:other&state=open`)).json).toEqual([]);

    await callApi(fake, 'POST', `${r}/issues`, { title: 'an issue' });
    const issues = await callApi(fake, 'GET', `${r}/issues?state=open`);
    const withKey = issues.json.map((i: { number: number; pull_request?: unknown }) => [i.number, 'pull_request' in i]);
    expect(withKey).toEqual([[2, false], [1, true]]);

    const updated = await callApi(fake, 'PATCH', `${r}/pulls/1`, { body: 'score 75', title: 'Snapshot (updated)' });
    expect(updated.json).toMatchObject({ body: 'score 75', title: 'Snapshot (updated)' });
    expect(fake.pulls[0].body).toBe('score 75');
    expect(fake.violations).toEqual([]);
  });

  it('refuses PR creation with GitHub Actions\' 403 when the repository setting forbids it', async () => {
    fake = await startFakeGitHub({ refusePullRequests: true });
    await branchWithChange(fake, 'snap');
    const res = await callApi(fake, 'POST', `/repos/${fake.owner}/${fake.repo}/pulls`, { title: 't', head: 'snap', base: 'main' });
    expect(res.status).toBe(403);
    expect(res.json.message).toBe('GitHub Actions is not permitted to create or approve pull requests.');
    expect(fake.pulls).toEqual([]);
    expect(fake.violations).toEqual([]);
  });
});
