/** A tiny REST caller for tests that talk to the fake directly. */
import type { FakeGitHub } from './server.js';

/** Calls the fake's REST API with its token; returns the status and parsed JSON. */
export async function callApi(
  fake: Pick<FakeGitHub, 'apiUrl' | 'token'>,
  method: string,
  path: string,
  body?: unknown,
  token: string | null = fake.token,
): Promise<{ status: number; json: any }> {
  const headers: Record<string, string> = { accept: 'application/vnd.github+json' };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${fake.apiUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

/** Commits `files` on top of main through the Git Data API with `message` and moves main; returns the new commit. */
export async function commitOnMain(f: Pick<FakeGitHub, 'apiUrl' | 'token' | 'owner' | 'repo'>, message: string, files: Record<string, string>): Promise<string> {
  const r = `/repos/${f.owner}/${f.repo}`;
  const head = (await callApi(f, 'GET', `${r}/git/ref/heads/main`)).json.object.sha;
  const base = (await callApi(f, 'GET', `${r}/git/commits/${head}`)).json.tree.sha;
  const tree = (await callApi(f, 'POST', `${r}/git/trees`, {
    base_tree: base, tree: Object.entries(files).map(([path, content]) => ({ path, mode: '100644', type: 'blob', content })),
  })).json.sha;
  const sha = (await callApi(f, 'POST', `${r}/git/commits`, { message, tree, parents: [head] })).json.sha;
  await callApi(f, 'PATCH', `${r}/git/refs/heads/main`, { sha });
  return sha;
}
