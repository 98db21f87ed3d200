import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordApi } from '../../../src/discord/api.js';
import { createRest } from '../../../src/discord/client.js';
import { TokenRejectedError } from '../../../src/discord/errors.js';
import { generateGuild, startFakeDiscord, type FakeDiscord } from '../../../src/fake-discord/index.js';

const guild = generateGuild({ seed: 31, members: 10, text: 2 });
let fake: FakeDiscord;
beforeAll(async () => {
  fake = await startFakeDiscord({ guilds: [guild], token: 'the.right.token' });
});
afterAll(async () => {
  await fake.close();
});

describe('DiscordApi: requests waiting in the global budget when Discord answers 401', () => {
  it('are never sent: each fails with the token message instead', async () => {
    // A global limit of 3 leaves a budget of one request per window: the second waits about a second for room.
    const rest = createRest({ token: 'MTIzNDU2Nzg5MDEyMzQ1Njc4.wrong.abcdefghijklmnopqrstuvwxyz', apiBase: fake.apiBase, globalRequestsPerSecond: 3 });
    const api = new DiscordApi(rest, { retries: 0, globalRequestsPerSecond: 3, rateLimitOffsetMs: 0 });
    const first = api.get(`/guilds/${guild.guild.id}`);
    const waiting = api.get(`/guilds/${guild.guild.id}/roles`);
    await expect(first).rejects.toMatchObject({ status: 401 });
    await expect(waiting).rejects.toBeInstanceOf(TokenRejectedError);
    expect(fake.stats().requests).toBe(1);
  });
});
