import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { REST } from '@discordjs/rest';
import { Routes } from 'discord-api-types/v10';
import { FAKE_BOT_TOKEN, generateGuild, startFakeDiscord, type FakeDiscord } from '../../../src/fake-discord/index.js';

const guild = generateGuild({ seed: 21, now: new Date('2026-06-01T00:00:00Z') });
const id = guild.guild.id;
const ROUTE = 'GET /guilds/:guild/channels';
let fake: FakeDiscord;
const get = (init: RequestInit = {}) => fetch(`${fake.apiBase}/v10/guilds/${id}/channels`, { headers: { Authorization: `Bot ${FAKE_BOT_TOKEN}` }, ...init });

beforeAll(async () => { fake = await startFakeDiscord({ guilds: [guild], limits: { defaultRoute: { limit: 1000, windowMs: 1000 } } }); });
afterAll(() => fake.close());
beforeEach(() => { fake.setFaults([]); fake.resetStats(); });

describe('fake Discord faults', () => {
  it("'status' answers the status with a Discord-like JSON body, then stops after `times`", async () => {
    fake.setFaults([{ route: ROUTE, kind: 'status', status: 502, times: 1 }]);
    const bad = await get();
    expect(bad.status).toBe(502);
    expect(bad.headers.get('content-type')).toBe('application/json');
    expect(await bad.json()).toEqual({ message: '502: Bad Gateway', code: 0 });
    expect((await get()).status).toBe(200);
    expect(fake.stats().status).toEqual({ 200: 1, 502: 1 });
  });

  it("'slow' outlasts a client timeout", async () => {
    fake.setFaults([{ route: ROUTE, kind: 'slow', delayMs: 400, times: 1 }]);
    await expect(get({ signal: AbortSignal.timeout(100) })).rejects.toThrow();
    const rest = new REST({ api: fake.apiBase, timeout: 150, retries: 1 }).setToken(FAKE_BOT_TOKEN);
    fake.setFaults([{ route: ROUTE, kind: 'slow', delayMs: 400, times: 1 }]);
    expect(await rest.get(Routes.guildChannels(id))).toEqual(guild.channels); // the retry is not slowed
  });

  it("'truncate' cuts the JSON body in half with a matching Content-Length", async () => {
    fake.setFaults([{ route: ROUTE, kind: 'truncate' }]);
    const res = await get();
    const text = await res.text();
    expect(Number(res.headers.get('content-length'))).toBe(Buffer.byteLength(text));
    expect(Buffer.byteLength(text)).toBe(Math.floor(Buffer.byteLength(JSON.stringify(guild.channels)) / 2));
    expect(() => JSON.parse(text)).toThrow();
  });

  it("'reset' destroys the socket", async () => {
    fake.setFaults([{ route: '*', kind: 'reset', times: 1 }]);
    await expect(get()).rejects.toThrow();
    expect((await get()).status).toBe(200);
  });

  it("'ratelimit' answers a 429 with the given retry_after", async () => {
    fake.setFaults([{ route: ROUTE, kind: 'ratelimit', retryAfter: 2 }]);
    const res = await get();
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('2');
    expect(await res.json()).toMatchObject({ retry_after: 2, global: false });
    expect(fake.stats().ratelimited).toBe(1);
  });

  it("'cloudflare-ban' answers a text/plain 429 with a retry-after of hours", async () => {
    fake.setFaults([{ route: ROUTE, kind: 'cloudflare-ban' }]);
    const res = await get();
    expect(res.status).toBe(429);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(3600);
    expect(await res.text()).toContain('1015');
  });

  it("'non-json' answers an HTML error page", async () => {
    fake.setFaults([{ route: ROUTE, kind: 'non-json' }]);
    const res = await get();
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toBe('text/html');
    expect(await res.text()).toContain('<html>');
  });

  it('leaves other routes alone and counts faulted requests by route', async () => {
    fake.setFaults([{ route: ROUTE, kind: 'status', status: 500 }]);
    const roles = await fetch(`${fake.apiBase}/v10/guilds/${id}/roles`, { headers: { Authorization: `Bot ${FAKE_BOT_TOKEN}` } });
    expect(roles.status).toBe(200);
    await get();
    expect(fake.stats().byRoute).toEqual({ 'GET /guilds/:guild/roles': 1, [ROUTE]: 1 });
  });
});
