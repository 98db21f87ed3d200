import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordApi } from '../../../src/discord/api.js';
import { createRest } from '../../../src/discord/client.js';
import { FAKE_BOT_TOKEN, generateGuild, startFakeDiscord, type FakeDiscord } from '../../../src/fake-discord/index.js';

const guild = generateGuild({ seed: 5, members: 10, now: new Date('2026-06-01T00:00:00Z') });
let fake: FakeDiscord;
beforeAll(async () => {
  fake = await startFakeDiscord({ guilds: [guild] });
});
afterAll(() => fake.close());

describe('DiscordApi.holdResponses', () => {
  it('hands critical responses over at once and holds the rest until the hold settles', async () => {
    const api = new DiscordApi(createRest({ token: FAKE_BOT_TOKEN, apiBase: fake.apiBase }));
    let open!: () => void;
    api.holdResponses(new Promise<void>((resolve) => (open = resolve)));
    const order: string[] = [];
    const roles = api.get(`/guilds/${guild.guild.id}/roles`).then(() => order.push('roles'));
    const channels = api.get(`/guilds/${guild.guild.id}/channels`, undefined, { critical: true }).then(() => order.push('channels'));
    await channels;
    // Long enough for the roles response to have arrived: it is still held.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(order).toEqual(['channels']);
    open();
    await roles;
    expect(order).toEqual(['channels', 'roles']);
    // Once released, nothing is held any more.
    await api.get(`/guilds/${guild.guild.id}/roles`);
  });

  it('releases on a rejected hold too: a failed first round never stalls the export', async () => {
    const api = new DiscordApi(createRest({ token: FAKE_BOT_TOKEN, apiBase: fake.apiBase }));
    api.holdResponses(Promise.reject(new Error('channel list failed')));
    const roles = await api.get<unknown[]>(`/guilds/${guild.guild.id}/roles`);
    expect(roles.length).toBeGreaterThan(0);
  });
});
