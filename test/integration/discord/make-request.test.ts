import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMakeRequest, RawHeaders } from '../../../src/discord/make-request.js';
import { FAKE_BOT_TOKEN, generateGuild, startFakeDiscord, type FakeDiscord } from '../../../src/fake-discord/index.js';

const guild = generateGuild({ seed: 9, members: 3, now: new Date('2026-06-01T00:00:00Z') });
const makeRequest = createMakeRequest({ timeoutMs: 5_000 });
let fake: FakeDiscord;
beforeAll(async () => {
  fake = await startFakeDiscord({ guilds: [guild] });
});
afterAll(() => fake.close());

describe('makeRequest (the client HTTP strategy)', () => {
  it('returns the status, the JSON body and the rate-limit headers the client reads', async () => {
    const res = await makeRequest(`${fake.apiBase}/v10/guilds/${guild.guild.id}/roles`, {
      method: 'GET', headers: { Authorization: `Bot ${FAKE_BOT_TOKEN}` },
    });
    expect(res.status).toBe(200);
    expect(res.ok).toBe(true);
    expect(res.statusText).toBe('OK');
    expect(res.headers.get('Content-Type')).toMatch(/^application\/json/);
    expect(Number(res.headers.get('X-RateLimit-Limit'))).toBeGreaterThan(0);
    expect(res.headers.get('x-ratelimit-bucket')).toBe(res.headers.get('X-RateLimit-Bucket'));
    expect(res.headers.has('X-RateLimit-Global')).toBe(false);
    expect(((await res.json()) as unknown[]).length).toBe(guild.guild.roles.length);
    expect(res.bodyUsed).toBe(true);
  });

  it('hands an error status back for the client to classify (401 with Discord\'s body)', async () => {
    const res = await makeRequest(`${fake.apiBase}/v10/guilds/${guild.guild.id}`, { method: 'GET', headers: { Authorization: 'Bot wrong' } });
    expect(res.status).toBe(401);
    expect(res.ok).toBe(false);
    expect(await res.json()).toMatchObject({ code: 0 });
  });

  it('refuses a body it cannot send as is', async () => {
    await expect(makeRequest(`${fake.apiBase}/v10/x`, { method: 'POST', body: new Blob(['x']) })).rejects.toThrow(TypeError);
  });
});

describe('makeRequest bounds the whole request', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/trickle') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('[');
        const timer = setInterval(() => res.write(' '), 200);
        res.on('close', () => clearInterval(timer));
      } else if (req.url === '/declared-huge') {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(1024 * 1024) });
        res.write('[');
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ big: 'x'.repeat(2000) }));
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('a body still arriving at the timeout fails the request then, with the route in the message', async () => {
    const started = Date.now();
    const bounded = createMakeRequest({ timeoutMs: 600 });
    await expect(bounded(`${base}/trickle`, { method: 'GET' })).rejects.toThrow(/GET \/trickle timed out: no complete answer within 600 ms/);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('a body past the cap fails the request, whether declared up front or streamed', async () => {
    const capped = createMakeRequest({ timeoutMs: 5_000, maxBodyBytes: 1024 });
    await expect(capped(`${base}/declared-huge`, { method: 'GET' })).rejects.toMatchObject({ code: 'BODY_TOO_LARGE' });
    await expect(capped(`${base}/streamed`, { method: 'GET' })).rejects.toThrow(/larger than .* MiB/);
    const roomy = createMakeRequest({ timeoutMs: 5_000, maxBodyBytes: 4096 });
    expect(await (await roomy(`${base}/streamed`, { method: 'GET' })).json()).toMatchObject({ big: expect.any(String) });
  });
});

describe('RawHeaders', () => {
  const headers = new RawHeaders({ 'retry-after': '3', 'set-cookie': ['a=1', 'b=2'], 'x-empty': '' });
  it('finds a header whatever the case of the name asked for', () => {
    expect(headers.get('Retry-After')).toBe('3');
    expect(headers.has('RETRY-AFTER')).toBe(true);
  });
  it('joins repeated headers as Headers does and tells missing from empty', () => {
    expect(headers.get('Set-Cookie')).toBe('a=1, b=2');
    expect(headers.get('X-Empty')).toBe('');
    expect(headers.has('X-Empty')).toBe(true);
    expect(headers.get('X-RateLimit-Global')).toBeNull();
    expect(headers.has('X-RateLimit-Global')).toBe(false);
  });
});
