import { afterEach, describe, expect, it } from 'vitest';
import { Client } from 'undici';
import { FAKE_BOT_TOKEN, generateGuild, startFakeDiscord, type FakeDiscord } from '../../../src/fake-discord/index.js';

// The fake charges a handshake per new connection (Discord is TLS): a request on a fresh connection counts as
// arriving when the handshake would be done, later requests on the same connection do not pay it again.
const guild = generateGuild({ seed: 32, members: 10, now: new Date('2026-06-01T00:00:00Z') });
let fake: FakeDiscord | undefined;
let client: Client | undefined;
afterEach(async () => {
  await client?.close();
  await fake?.close();
  client = fake = undefined;
});

describe('fake Discord connection cost', () => {
  it('delays the first request on a connection by connectLatencyMs, and only the first', async () => {
    fake = await startFakeDiscord({ guilds: [guild], latencyMs: 20, connectLatencyMs: 120, trace: true });
    client = new Client(fake.url);
    const get = async () => {
      const t0 = performance.now();
      const res = await client!.request({ path: `/api/v10/guilds/${guild.guild.id}/roles`, method: 'GET', headers: { authorization: `Bot ${FAKE_BOT_TOKEN}` } });
      await res.body.json();
      return performance.now() - t0;
    };
    const first = await get();
    const second = await get();
    expect(first).toBeGreaterThanOrEqual(138);
    expect(second).toBeGreaterThanOrEqual(19);
    expect(second).toBeLessThan(100);
    const s = fake.stats();
    expect(s.connections).toBe(1);
    // The clock starts when the first request could arrive, so the bound stays one round trip per request.
    const [a, b] = s.trace!;
    expect(a.arrivedMs).toBe(0);
    expect(a.sentMs! - a.arrivedMs).toBeGreaterThanOrEqual(19);
    expect(a.sentMs! - a.arrivedMs).toBeLessThan(60);
    expect(b.arrivedMs).toBeGreaterThan(a.sentMs!);
  });

  it('charges nothing by default', async () => {
    fake = await startFakeDiscord({ guilds: [guild] });
    client = new Client(fake.url);
    const t0 = performance.now();
    const res = await client.request({ path: `/api/v10/guilds/${guild.guild.id}/roles`, method: 'GET', headers: { authorization: `Bot ${FAKE_BOT_TOKEN}` } });
    await res.body.json();
    expect(performance.now() - t0).toBeLessThan(500);
    expect(fake.stats().connections).toBe(1);
  });
});
