import { afterEach, describe, expect, it } from 'vitest';
import { FAKE_BOT_TOKEN, generateGuild, startFakeDiscord, type FakeDiscord } from '../../../src/fake-discord/index.js';

const guild = generateGuild({ seed: 31, members: 30, now: new Date('2026-06-01T00:00:00Z') });
let fake: FakeDiscord | undefined;
afterEach(async () => { await fake?.close(); fake = undefined; });
const get = (path: string) => fetch(`${fake!.apiBase}/v10${path}`, { headers: { Authorization: `Bot ${FAKE_BOT_TOKEN}` } });

describe('fake Discord lower bound', () => {
  it('is 0 before any request and one round trip after one', async () => {
    fake = await startFakeDiscord({ guilds: [guild], latencyMs: 15 });
    expect(fake.stats().lowerBoundMs).toBe(0);
    const t0 = Date.now();
    await get(`/guilds/${guild.guild.id}`);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(14);
    expect(fake.stats()).toMatchObject({ lowerBoundMs: 15, lowerBoundDetail: 'latency: one round trip of 15 ms' });
  });

  it('counts a sequential member page chain as pages x latency', async () => {
    fake = await startFakeDiscord({ guilds: [guild], latencyMs: 10 });
    let after = '0';
    for (let i = 0; i < 6; i++) {
      const page = (await (await get(`/guilds/${guild.guild.id}/members?limit=5&after=${after}`)).json()) as { user: { id: string } }[];
      after = page[page.length - 1].user.id;
    }
    const s = fake.stats();
    expect(s.lowerBoundMs).toBe(60);
    expect(s.lowerBoundDetail).toContain('chain GET /guilds/:guild/members');
  });

  it('uses the bucket windows and ignores 429s', async () => {
    fake = await startFakeDiscord({ guilds: [guild], limits: { defaultRoute: { limit: 2, windowMs: 1000 } } });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await get(`/guilds/${guild.guild.id}/roles`)).status);
    expect(statuses).toEqual([200, 200, 429, 429]);
    expect(fake.stats().lowerBoundMs).toBe(0); // 2 served requests fit in one window
    fake.resetStats();
    expect(fake.stats()).toMatchObject({ requests: 0, lowerBoundMs: 0, firstRequestAt: null });
  });

  it('uses the global window when many buckets are served', async () => {
    fake = await startFakeDiscord({ guilds: [guild], limits: { globalLimit: 4, globalWindowMs: 100 } });
    const routes = ['roles', 'emojis', 'stickers', 'channels', 'invites', 'webhooks'];
    for (const r of routes) {
      let res = await get(`/guilds/${guild.guild.id}/${r}`);
      while (res.status === 429) {
        await new Promise((done) => setTimeout(done, 20));
        res = await get(`/guilds/${guild.guild.id}/${r}`);
      }
    }
    expect(fake.stats()).toMatchObject({ lowerBoundMs: 100, lowerBoundDetail: 'global: 6 requests at 4 per 100 ms' });
  });
});
