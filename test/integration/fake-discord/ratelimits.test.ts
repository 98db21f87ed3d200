import { afterEach, describe, expect, it } from 'vitest';
import { REST } from '@discordjs/rest';
import { Routes } from 'discord-api-types/v10';
import { FAKE_BOT_TOKEN, generateGuild, startFakeDiscord, type FakeDiscord } from '../../../src/fake-discord/index.js';

const NOW = new Date('2026-06-01T00:00:00Z');
const guild = generateGuild({ seed: 11, now: NOW });
const auth = { Authorization: `Bot ${FAKE_BOT_TOKEN}` };
let fake: FakeDiscord | undefined;
afterEach(async () => { await fake?.close(); fake = undefined; });

const get = (path: string) => fetch(`${fake!.apiBase}/v10${path}`, { headers: auth });

describe('fake Discord rate limits', () => {
  it('sends bucket headers on every bucketed response and a 429 (scope user) past the bucket', async () => {
    fake = await startFakeDiscord({ guilds: [guild] });
    const responses = [];
    for (let i = 0; i < 6; i++) responses.push(await get(`/guilds/${guild.guild.id}/roles`));
    const first = responses[0];
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('application/json');
    expect(first.headers.get('x-ratelimit-limit')).toBe('5');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('4');
    expect(Number(first.headers.get('x-ratelimit-reset-after'))).toBeCloseTo(5, 1);
    expect(first.headers.get('x-ratelimit-reset-after')).toMatch(/^\d+\.\d{3}$/);
    expect(Number(first.headers.get('x-ratelimit-reset')) * 1000).toBeGreaterThan(Date.now());
    const bucket = first.headers.get('x-ratelimit-bucket')!;
    expect(bucket).toMatch(/^[0-9a-f]{32}$/);
    expect(bucket).not.toContain(guild.guild.id);
    const limited = responses[5];
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-ratelimit-scope')).toBe('user');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited.headers.get('x-ratelimit-global')).toBeNull();
    const body = (await limited.json()) as { retry_after: number };
    expect(body).toMatchObject({ message: 'You are being rate limited.', global: false });
    expect(body.retry_after).toBeGreaterThan(4);
    // Another guild (another major parameter) has its own bucket; the emoji route has its own too.
    expect((await get(`/guilds/${guild.guild.id}/emojis`)).status).toBe(200);
    expect(fake.stats()).toMatchObject({ requests: 7, ratelimited: 1, globalRatelimited: 0, status: { 200: 6, 429: 1 } });
  });

  it('shares one bucket hash between the public and private archived-threads routes', async () => {
    fake = await startFakeDiscord({ guilds: [guild] });
    const channel = guild.channels.find((c) => c.type === 0)!;
    const pub = await get(`/channels/${channel.id}/threads/archived/public`);
    const priv = await get(`/channels/${channel.id}/threads/archived/private`);
    expect(pub.headers.get('x-ratelimit-bucket')).toBe(priv.headers.get('x-ratelimit-bucket'));
    expect(priv.headers.get('x-ratelimit-remaining')).toBe('3');
  });

  it('keeps the REST client under the bucket: it waits instead of getting 429s', async () => {
    fake = await startFakeDiscord({ guilds: [guild], timeScale: 0.05 });
    const rest = new REST({ api: fake.apiBase }).setToken(FAKE_BOT_TOKEN);
    await Promise.all(Array.from({ length: 12 }, () => rest.get(Routes.guildRoles(guild.guild.id))));
    const s = fake.stats();
    expect(s.requests).toBe(12);
    expect(s.ratelimited).toBe(0);
    expect(s.lowerBoundMs).toBe(500); // 12 requests at 5 per 250 ms: two full windows must pass
  });

  it('answers a global 429 with X-RateLimit-Global and scope global once the shared budget is spent', async () => {
    fake = await startFakeDiscord({ guilds: [guild], limits: { globalLimit: 3 } });
    const paths = ['roles', 'emojis', 'stickers', 'channels'].map((r) => `/guilds/${guild.guild.id}/${r}`);
    const res = [];
    for (const p of paths) res.push(await get(p));
    expect(res.slice(0, 3).map((r) => r.status)).toEqual([200, 200, 200]);
    const g = res[3];
    expect(g.status).toBe(429);
    expect(g.headers.get('x-ratelimit-global')).toBe('true');
    expect(g.headers.get('x-ratelimit-scope')).toBe('global');
    expect(g.headers.get('retry-after')).toBe('1');
    expect(await g.json()).toMatchObject({ message: 'You are being rate limited.', global: true });
    expect(fake.stats()).toMatchObject({ ratelimited: 1, globalRatelimited: 1 });
  });
});
