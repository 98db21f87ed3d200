import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRest } from '../../../src/discord/client.js';
import { FAKE_BOT_TOKEN, generateGuild, startFakeDiscord, type FakeDiscord } from '../../../src/fake-discord/index.js';

// A bucket of two requests per 500 ms, so the third request waits out a reset (two: the client files its first
// answer's bucket under a handler of its own, so a second request never knows the first's limit). The client's
// offset (300 ms here,
// large enough to measure) is the margin it keeps after a reset: once, not twice (@discordjs/rest 2.6.3 adds its
// `offset` both when it stores the reset and when it sleeps until it; createRest compensates).
const WINDOW = 500;
const OFFSET = 300;
const guild = generateGuild({ seed: 3, members: 5, text: 1 });
let fake: FakeDiscord;
beforeAll(async () => {
  fake = await startFakeDiscord({ guilds: [guild], token: FAKE_BOT_TOKEN, trace: true, limits: { defaultRoute: { limit: 2, windowMs: WINDOW } } });
});
afterAll(async () => {
  await fake.close();
});

describe('the client\'s rate-limit offset', () => {
  it('waits out a bucket reset plus the offset once', async () => {
    const rest = createRest({ token: FAKE_BOT_TOKEN, apiBase: fake.apiBase, offsetMs: OFFSET });
    for (let i = 0; i < 3; i++) await rest.get(`/guilds/${guild.guild.id}/roles`);
    const stats = fake.stats();
    expect(stats.ratelimited).toBe(0);
    const [first, , third] = stats.trace!.map((e) => e.arrivedMs);
    const gap = third - first;
    // Never before the reset plus the margin; with the offset counted twice it came ~300 ms later still.
    expect(gap).toBeGreaterThanOrEqual(WINDOW + OFFSET - 5);
    expect(gap).toBeLessThan(WINDOW + OFFSET + 120);
  });
});
