import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordApi } from '../../../src/discord/api.js';
import { createRest } from '../../../src/discord/client.js';
import { ExportNotice } from '../../../src/discord/errors.js';
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
