import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordApi } from '../../../src/discord/api.js';
import { createRest } from '../../../src/discord/client.js';
import { ExportNotice } from '../../../src/discord/errors.js';
import { NullMemberSink } from '../../../src/collectors/member-sink.js';
import { Sources } from '../../../src/collectors/sources.js';
import { FAKE_BOT_TOKEN, generateGuild, startFakeDiscord, type FakeDiscord } from '../../../src/fake-discord/index.js';

const guild = generateGuild({ seed: 5, members: 10, now: new Date('2026-06-01T00:00:00Z') });
let fake: FakeDiscord;
beforeAll(async () => {
  fake = await startFakeDiscord({ guilds: [guild], trace: true });
});
afterAll(() => fake.close());
const api = () => new DiscordApi(createRest({ token: FAKE_BOT_TOKEN, apiBase: fake.apiBase }));
const sent = () => (fake.stats().trace ?? []).map((e) => e.path.replace(/\d{17,20}/g, ':id'));

describe('DiscordApi.deferUntil', () => {
  it('sends critical and bulk requests at once and the rest only when the gate opens', async () => {
    fake.resetStats();
    const client = api();
    let open!: (ok: boolean) => void;
    client.deferUntil(new Promise<boolean>((resolve) => (open = resolve)));
    const roles = client.get(`/guilds/${guild.guild.id}/roles`);
    await client.get(`/guilds/${guild.guild.id}/channels`, undefined, { critical: true });
    const channel = guild.channels.find((c) => c.type === 0)!;
    await client.get(`/channels/${channel.id}/threads/archived/public`, { limit: 100 }, { bulk: true });
    expect(sent()).toEqual(['/guilds/:id/channels', '/channels/:id/threads/archived/public?limit=100']);
    open(true);
    expect((await roles as unknown[]).length).toBeGreaterThan(0);
    expect(sent()).toHaveLength(3);
  });

  it('never sends the deferred requests when the gate resolves false (a failed guild check)', async () => {
    fake.resetStats();
    const client = api();
    client.deferUntil(Promise.resolve(false));
    const err = await client.get(`/guilds/${guild.guild.id}/roles`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExportNotice);
    expect(fake.stats().requests).toBe(0);
  });

  it('opens on a rejected gate: a broken gate never stalls the export', async () => {
    const client = api();
    client.deferUntil(Promise.reject(new Error('channel list failed')));
    expect((await client.get<unknown[]>(`/guilds/${guild.guild.id}/roles`)).length).toBeGreaterThan(0);
  });
});

describe('Sources: what collectors read waits for the second round trip to be sent', () => {
  it('hands the guild and channel list to collectors only once the deferred reads are sent', async () => {
    const client = api();
    let open!: (ok: boolean) => void;
    client.deferUntil(new Promise<boolean>((resolve) => (open = resolve)));
    const sources = new Sources(client, guild.guild.id, { members: 'none', maxMembers: null, sink: new NullMemberSink() });
    const order: string[] = [];
    const forCollectors = Promise.all([sources.guild(), sources.channels()]).then(() => order.push('collectors'));
    const [g, channels] = await Promise.all([sources.fetchGuild(), sources.fetchChannels()]);
    order.push('fetched');
    // Both answers are in, yet the collectors' view waits while the gate (the second round) is still shut.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(order).toEqual(['fetched']);
    open(true);
    await forCollectors;
    expect(order).toEqual(['fetched', 'collectors']);
    expect(await sources.guild()).toBe(g);
    expect(await sources.channels()).toBe(channels);
  });

  it('passes a failed read on to the collectors unchanged', async () => {
    const client = new DiscordApi(createRest({ token: FAKE_BOT_TOKEN, apiBase: fake.apiBase }), { retries: 0 });
    const sources = new Sources(client, '111111111111111111', { members: 'none', maxMembers: null, sink: new NullMemberSink() });
    const direct = await sources.fetchGuild().catch((e: unknown) => e);
    expect(await sources.guild().catch((e: unknown) => e)).toBe(direct);
  });
});
