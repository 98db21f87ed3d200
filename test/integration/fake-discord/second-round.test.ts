import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordApi } from '../../../src/discord/api.js';
import { createRest } from '../../../src/discord/client.js';
import { Connections } from '../../../src/discord/connections.js';
import { NullMemberSink } from '../../../src/collectors/member-sink.js';
import { Sources } from '../../../src/collectors/sources.js';
import { FAKE_BOT_TOKEN, generateGuild, startFakeDiscord, type FakeDiscord } from '../../../src/fake-discord/index.js';

// The channel list answers 400 ms after the guild here, so "waits for the second round" is visible.
const guild = generateGuild({ seed: 5, members: 10, text: 3, now: new Date('2026-06-01T00:00:00Z') });
let fake: FakeDiscord;
let connections: Connections;
beforeAll(async () => {
  fake = await startFakeDiscord({ guilds: [guild], trace: true });
});
afterAll(async () => {
  await connections?.close();
  await fake.close();
});
// As in an export: sockets opened ahead, so "sent" means "on the wire" (see Connections).
const sources = async (guildId = guild.guild.id) => {
  await connections?.close();
  connections = new Connections(fake.apiBase);
  await connections.ready(12);
  const rest = createRest({ token: FAKE_BOT_TOKEN, apiBase: fake.apiBase, agent: connections.agent });
  return new Sources(new DiscordApi(rest, { retries: 0 }), guildId, { members: 'none', maxMembers: null, sink: new NullMemberSink() });
};
const slowChannels = () => fake.setFaults([{ route: 'GET /guilds/:guild/channels', kind: 'slow', delayMs: 400, times: 1 }]);

describe('Sources: the second round trip before the collectors\' reading', () => {
  it('hands the guild to collectors only once the channel list is in and the per-channel reads are sent', async () => {
    fake.resetStats();
    slowChannels();
    const s = await sources();
    const order: string[] = [];
    const forCollectors = s.guild().then(() => order.push('collectors read the guild'));
    const scan = s.threadScan();
    await s.fetchGuild();
    order.push('guild in');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(order).toEqual(['guild in']);
    await forCollectors;
    expect(order).toEqual(['guild in', 'collectors read the guild']);
    // By then every per-channel read has reached the fake.
    const archived = (fake.stats().trace ?? []).filter((e) => e.path.includes('/threads/archived/'));
    const expected = guild.channels.filter((c) => [0, 5, 15, 16].includes(c.type)).length + guild.channels.filter((c) => c.type === 0).length;
    expect(archived.length).toBe(expected);
    expect((await scan).errors).toEqual([]);
  });

  it('sends the active threads in the first round, not behind the channel list', async () => {
    fake.resetStats();
    slowChannels();
    const s = await sources();
    const scan = s.threadScan();
    await s.fetchChannels();
    const trace = fake.stats().trace ?? [];
    const channelsAt = trace.find((e) => e.path.endsWith('/channels'))!.arrivedMs;
    const activeAt = trace.find((e) => e.path.endsWith('/threads/active'))!.arrivedMs;
    expect(activeAt - channelsAt).toBeLessThan(200);
    await scan;
  });

  it('passes a failed read on to the collectors unchanged, and the second round still settles', async () => {
    fake.setFaults([]);
    const s = await sources('111111111111111111');
    const direct = await s.fetchGuild().catch((e: unknown) => e);
    expect(await s.guild().catch((e: unknown) => e)).toBe(direct);
    await expect(s.secondRoundSent()).resolves.toBeUndefined();
    await expect(s.threadScan()).rejects.toBe(await s.fetchChannels().catch((e: unknown) => e));
  });
});
