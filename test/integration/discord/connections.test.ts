import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { Connections } from '../../../src/discord/connections.js';
import { createRest } from '../../../src/discord/client.js';
import { demoGuild, DEMO_GUILD_ID, startFakeDiscord, type FakeDiscord } from '../../../src/fake-discord/index.js';
import { TEST_TOKEN } from '../../helpers/fake-discord.js';

// Sockets opened ahead against real local servers: the fake Discord (which counts the connections it accepts and
// can charge a handshake per connection) and a plain HTTP server that drops idle connections.
let fake: FakeDiscord | null = null;
let plain: Server | null = null;
let connections: Connections | null = null;

afterEach(async () => {
  await connections?.close();
  await fake?.close();
  if (plain) await new Promise((resolve) => plain!.close(resolve));
  connections = null;
  fake = null;
  plain = null;
});

const until = async (test: () => boolean, ms = 2000) => {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe('Connections (sockets opened ahead of need)', () => {
  it('opens the sockets asked for and hands them to the next requests instead of dialling new ones', async () => {
    fake = await startFakeDiscord({ guilds: [demoGuild()], token: TEST_TOKEN });
    connections = new Connections(fake.apiBase);
    connections.warm(20);
    await until(() => connections!.spareCount === 20);
    // The server may see a connection a moment after the client does.
    await until(() => fake!.stats().connections === 20);
    // Asking again for what is already there opens nothing more.
    connections.warm(20);
    // Twelve at once (each channel is its own bucket, so the client runs them side by side).
    const rest = createRest({ token: TEST_TOKEN, apiBase: fake.apiBase, agent: connections.agent });
    const channels = fake.guild(DEMO_GUILD_ID).channels.filter((c) => c.type === 0).slice(0, 12);
    expect(channels).toHaveLength(12);
    const bodies = await Promise.all(channels.map((c) => rest.get(`/channels/${c.id}/threads/archived/public`)));
    expect(bodies.every((b) => Array.isArray((b as { threads: unknown }).threads))).toBe(true);
    expect(fake.stats().connections).toBe(20);
    expect(connections.spareCount).toBe(8);
  });

  it('lets the second round trip skip the handshake a new connection costs', async () => {
    fake = await startFakeDiscord({ guilds: [demoGuild()], token: TEST_TOKEN, latencyMs: 50, connectLatencyMs: 150, trace: true });
    connections = new Connections(fake.apiBase);
    const rest = createRest({ token: TEST_TOKEN, apiBase: fake.apiBase, agent: connections.agent });
    const first = rest.get(`/guilds/${DEMO_GUILD_ID}/channels`);
    connections.warm(10);
    const channels = (await first) as { id: string }[];
    // Ten at once, each on a socket opened while the first request was answered (150 ms handshake + 50 ms).
    await Promise.all(channels.slice(0, 10).map((c) => rest.get(`/channels/${c.id}/threads/archived/public`)));
    const trace = fake.stats().trace!;
    const second = trace.slice(1);
    expect(second).toHaveLength(10);
    // Without the warm sockets each would have waited for its own 150 ms handshake after the first answer.
    for (const e of second) expect(e.arrivedMs).toBeLessThan(trace[0].sentMs! + 100);
  });

  it('drops spare sockets the server closes, and still connects on demand', async () => {
    plain = createServer((_, res) => res.end('{}'));
    await new Promise<void>((resolve) => plain!.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(plain.address() as AddressInfo).port}`;
    connections = new Connections(base);
    connections.warm(3);
    await until(() => connections!.spareCount === 3);
    plain.closeIdleConnections();
    plain.closeAllConnections();
    await until(() => connections!.spareCount === 0);
    const res = await request(`${base}/x`, { dispatcher: connections.agent });
    expect(await res.body.json()).toEqual({});
  });

  it('warms an IPv6 literal API base (a local rate-limit proxy at [::1]) and hands those sockets out', async () => {
    plain = createServer((_, res) => res.end('{}'));
    const listening = await new Promise<boolean>((resolve) => {
      plain!.once('error', () => resolve(false));
      plain!.listen(0, '::1', () => resolve(true));
    });
    if (!listening) {
      plain = null;
      return; // no IPv6 loopback on this machine: nothing to check
    }
    let accepted = 0;
    plain.on('connection', () => accepted++);
    const base = `http://[::1]:${(plain.address() as AddressInfo).port}`;
    connections = new Connections(base);
    connections.warm(2);
    await until(() => connections!.spareCount === 2);
    const res = await request(`${base}/x`, { dispatcher: connections.agent });
    expect(await res.body.json()).toEqual({});
    expect(connections.spareCount).toBe(1);
    expect(accepted).toBe(2);
  });

  it('closes its spare sockets and opens none after close', async () => {
    fake = await startFakeDiscord({ guilds: [demoGuild()], token: TEST_TOKEN });
    connections = new Connections(fake.apiBase);
    connections.warm(4);
    await until(() => connections!.spareCount === 4 && fake!.stats().connections === 4);
    await connections.close();
    expect(connections.spareCount).toBe(0);
    connections.warm(4);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(connections.spareCount).toBe(0);
    expect(fake.stats().connections).toBe(4);
  });

  it('ready(n) waits for all n sockets, even when they open over several event-loop turns', async () => {
    fake = await startFakeDiscord({ guilds: [demoGuild()], token: TEST_TOKEN });
    connections = new Connections(fake.apiBase);
    await connections.ready(16);
    expect(connections.spareCount).toBe(16);
  });

  it('ready(n) gives up at the first refused connection instead of dialling again and again', async () => {
    // A port that was just free: nothing listens there.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    connections = new Connections(`http://127.0.0.1:${port}/api`);
    const started = Date.now();
    await connections.ready(40);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(connections.spareCount).toBe(0);
    // The requests then dial on their own and get the real error.
    await expect(request(`http://127.0.0.1:${port}/x`, { dispatcher: connections.agent })).rejects.toThrow(/ECONNREFUSED/);
  });
});
