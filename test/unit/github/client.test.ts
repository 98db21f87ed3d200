import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { GitHubApiError, GitHubClient } from '../../../src/github/client.js';
import { startFakeGitHub } from '../../fakes/github/index.js';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done()));
  }
});

async function listen(server: Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return (server.address() as AddressInfo).port;
}

/** A GitHub-shaped server answering from a queue of [status, body, headers?] per request. */
async function serve(replies: [number, unknown, Record<string, string>?][], log?: (line: string) => void): Promise<{ client: GitHubClient; seen: string[] }> {
  const seen: string[] = [];
  const port = await listen(
    createServer((req, res) => {
      seen.push(`${req.method} ${req.url} ${req.headers.authorization}`);
      const [status, body, headers] = replies.shift() ?? [500, { message: 'no reply queued' }];
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(typeof body === 'string' ? body : JSON.stringify(body));
    }),
  );
  return { client: new GitHubClient({ apiUrl: `http://127.0.0.1:${port}/`, token: 'tkn', owner: 'o', repo: 'r', log }), seen };
}

describe('GitHubClient', () => {
  it('scopes paths to the repository and sends the token', async () => {
    const { client, seen } = await serve([[200, { ok: 1 }]]);
    expect(await client.request('GET', 'issues?state=open')).toEqual({ ok: 1 });
    expect(seen).toEqual(['GET /repos/o/r/issues?state=open token tkn']);
  });

  it('retries a read on 503, never the creation of an issue', async () => {
    const read = await serve([[503, { message: 'busy' }], [200, { ok: 2 }]]);
    expect(await read.client.request('GET', 'pulls')).toEqual({ ok: 2 });
    expect(read.seen).toHaveLength(2);
    const write = await serve([[503, { message: 'busy' }], [201, { number: 1 }]]);
    await expect(write.client.request('POST', 'issues', { title: 't' })).rejects.toThrow(/failed with 503: busy\. GitHub had a server error/);
    expect(write.seen).toHaveLength(1);
  });

  it('waits out a secondary rate limit per retry-after, says so, and retries', async () => {
    const lines: string[] = [];
    const { client, seen } = await serve(
      [
        [403, { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' }, { 'retry-after': '1' }],
        [201, { number: 7 }],
      ],
      (line) => lines.push(line),
    );
    const started = Date.now();
    expect(await client.request('POST', 'issues', { title: 't' })).toEqual({ number: 7 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(seen).toHaveLength(2);
    expect(lines.join('\n')).toMatch(/secondary rate limit on POST .*issues: waiting 1 s/);
  });

  it('surfaces GitHub\'s message, validation details and what to do, without retrying a 403', async () => {
    const { client, seen } = await serve([
      [422, { message: 'Validation Failed', errors: [{ resource: 'Issue', code: 'custom', message: 'title is too long' }] }],
      [403, { message: 'Resource not accessible by integration' }],
      [404, 'not json'],
      [403, { message: 'GitHub Actions is not permitted to create or approve pull requests.' }],
    ]);
    await expect(client.request('POST', 'issues', {})).rejects.toThrow('failed with 422: Validation Failed (title is too long). GitHub rejected the request');
    const forbidden = await client.request('GET', 'x').catch((e: unknown) => e);
    expect(forbidden).toBeInstanceOf(GitHubApiError);
    expect((forbidden as GitHubApiError).status).toBe(403);
    expect((forbidden as Error).message).toContain('permissions: contents: write');
    await expect(client.request('GET', 'y')).rejects.toThrow(/404: not json\. The repository or resource was not found/);
    await expect(client.request('POST', 'pulls', {})).rejects.toThrow(/Allow GitHub Actions to create and approve pull requests/);
    expect(seen).toHaveLength(4);
  });

  it('names the unreachable API and the proxy variables on a network error', async () => {
    const port = await listen(createServer());
    await new Promise<void>((done) => servers.pop()!.close(() => done()));
    const client = new GitHubClient({ apiUrl: `http://127.0.0.1:${port}`, token: 't', owner: 'o', repo: 'r' });
    const started = Date.now();
    await expect(client.request('POST', 'issues', { title: 't' })).rejects.toThrow(/failed with 0: network error .*reachable from the runner .*HTTPS_PROXY/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('follows pagination links to the last page', async () => {
    const fake = await startFakeGitHub();
    try {
      const client = new GitHubClient({ apiUrl: fake.apiUrl, token: fake.token, owner: fake.owner, repo: fake.repo });
      for (let i = 0; i < 5; i++) await client.request('POST', 'issues', { title: `issue ${i}` });
      const all = await client.paginate<{ number: number }>('issues?state=open&per_page=2');
      expect(all.map((i) => i.number).sort()).toEqual([1, 2, 3, 4, 5]);
      expect(fake.requests.filter((r) => r.method === 'GET' && r.path.includes('/issues')).length).toBe(3);
      expect(fake.violations).toEqual([]);
    } finally {
      await fake.close();
    }
  });
});

describe('GitHubClient behind a proxy', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const name of ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'no_proxy']) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });

  /** A forward proxy on loopback that tunnels CONNECT and records each target. */
  async function startProxy(): Promise<{ url: string; targets: string[] }> {
    const targets: string[] = [];
    const proxy = createServer((_req, res) => res.writeHead(405).end());
    proxy.on('connect', (req, client: Socket, head: Buffer) => {
      targets.push(String(req.url));
      const [host, port] = String(req.url).split(':');
      const upstream = connect(Number(port), host, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    const port = await listen(proxy);
    return { url: `http://127.0.0.1:${port}`, targets };
  }

  it('goes through HTTP(S)_PROXY, and straight to hosts NO_PROXY names', async () => {
    const fake = await startFakeGitHub();
    try {
      const proxy = await startProxy();
      process.env.HTTP_PROXY = proxy.url;
      process.env.HTTPS_PROXY = proxy.url;
      const proxied = new GitHubClient({ apiUrl: fake.apiUrl, token: fake.token, owner: fake.owner, repo: fake.repo });
      expect(await proxied.request<{ default_branch: string }>('GET', '')).toMatchObject({ default_branch: 'main' });
      const apiHost = new URL(fake.apiUrl).host;
      expect(proxy.targets).toEqual([apiHost]);

      process.env.NO_PROXY = '127.0.0.1';
      const direct = new GitHubClient({ apiUrl: fake.apiUrl, token: fake.token, owner: fake.owner, repo: fake.repo });
      await direct.request('GET', '');
      expect(proxy.targets).toEqual([apiHost]);
      expect(fake.requests.filter((r) => r.method === 'GET')).toHaveLength(2);
    } finally {
      await fake.close();
    }
  });
});
