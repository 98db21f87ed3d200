import { afterEach, describe, expect, it } from 'vitest';
import { demoGuild, DEMO_GUILD_ID, startFakeDiscord, type FakeDiscord } from '../../../src/fake-discord/index.js';
import { createRest } from '../../../src/discord/client.js';
import { DiscordApi } from '../../../src/discord/api.js';
import { botIdOf, readLive } from '../../../src/restore/live.js';

let fake: FakeDiscord | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** The live read against the fake with 100 ms of latency; the bot's member record's arrival tells the round trips. */
async function read(token: string, tokenGiven: string) {
  const guild = demoGuild();
  fake = await startFakeDiscord({ guilds: [guild], token, latencyMs: 100, trace: true });
  const api = new DiscordApi(createRest({ token, apiBase: fake.apiBase }));
  const live = await readLive(api, DEMO_GUILD_ID, { members: false, token: tokenGiven });
  const trace = fake.stats().trace ?? [];
  const member = trace.find((e) => e.path.includes(`/members/${guild.botUserId}`))!;
  return { live, guild, memberAt: member.arrivedMs, requests: fake.stats().requests };
}

describe('reading the live server for a plan', () => {
  it("asks for the bot's member record in the first round trip when the token names the bot, as Discord's tokens do", async () => {
    const id = demoGuild().botUserId;
    const token = `${Buffer.from(id).toString('base64')}.live.abcdefghijklmnopqrstuvwxyz`;
    expect(botIdOf(token)).toBe(id);
    expect(botIdOf(`Bot ${token}`)).toBe(id);
    const early = await read(token, token);
    expect(early.memberAt).toBeLessThan(50);
    expect(early.live.bot.id).toBe(id);
    expect(early.live.bot.roleIds.length).toBeGreaterThan(0);
  });

  it('falls back to a second round trip when the token does not start with the bot id', async () => {
    const token = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.live.abcdefghijklmnopqrstuvwxyz';
    const late = await read(token, token);
    expect(late.memberAt).toBeGreaterThanOrEqual(100);
    expect(late.live.bot.id).toBe(late.guild.botUserId);
    expect(late.live.bot.roleIds.length).toBeGreaterThan(0);
  });
});
