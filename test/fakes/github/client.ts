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
