import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { GitHubApiError, GitHubClient } from '../../../src/github/client.js';

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  server = undefined;
});

/** A GitHub-shaped server answering from a queue of [status, body] per request. */
async function serve(replies: [number, unknown][]): Promise<{ client: GitHubClient; seen: string[] }> {
  const seen: string[] = [];
  server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url} ${req.headers.authorization}`);
    const [status, body] = replies.shift() ?? [500, { message: 'no reply queued' }];
    res.writeHead(status, { 'content-type': 'application/json' }).end(typeof body === 'string' ? body : JSON.stringify(body));
  });
  await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
  const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return { client: new GitHubClient({ apiUrl, token: 'tkn', owner: 'o', repo: 'r' }), seen };
}

describe('GitHubClient', () => {
  it('scopes paths to the repository and sends the token', async () => {
    const { client, seen } = await serve([[200, { ok: 1 }]]);
    expect(await client.request('GET', 'issues?state=open')).toEqual({ ok: 1 });
    expect(seen).toEqual(['GET /repos/o/r/issues?state=open Bearer tkn']);
  });

  it('retries a read once on 503, never a write', async () => {
    const read = await serve([[503, { message: 'busy' }], [200, { ok: 2 }]]);
    expect(await read.client.request('GET', 'pulls')).toEqual({ ok: 2 });
    expect(read.seen).toHaveLength(2);
    await new Promise<void>((done) => server!.close(() => done()));
    const write = await serve([[503, { message: 'busy' }], [201, { number: 1 }]]);
    await expect(write.client.request('POST', 'issues', { title: 't' })).rejects.toThrow(/failed with 503: busy\. GitHub had a server error/);
    expect(write.seen).toHaveLength(1);
  });

  it('surfaces GitHub\'s message, validation details and what to do', async () => {
    const { client } = await serve([
      [422, { message: 'Validation Failed', errors: [{ resource: 'Issue', code: 'custom', message: 'title is too long' }] }],
      [403, { message: 'Resource not accessible by integration' }],
      [404, 'not json'],
    ]);
    await expect(client.request('POST', 'issues', {})).rejects.toThrow('failed with 422: Validation Failed (title is too long). GitHub rejected the request');
    const forbidden = await client.request('GET', 'x').catch((e: unknown) => e);
    expect(forbidden).toBeInstanceOf(GitHubApiError);
    expect((forbidden as GitHubApiError).status).toBe(403);
    expect((forbidden as Error).message).toContain('permissions: contents: write');
    await expect(client.request('GET', 'y')).rejects.toThrow(/404: not json\. The repository or resource was not found/);
  });
});
