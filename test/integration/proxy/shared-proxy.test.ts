import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REST } from '@discordjs/rest';
import { proxyRequests } from '@discordjs/proxy';
import { generateGuild, startFakeDiscord, type FakeDiscord } from '../../../src/fake-discord/index.js';
import { runExport } from '../../../src/pipeline/run-export.js';
import { TEST_TOKEN } from '../../helpers/fake-discord.js';

/**
 * The proxy's global budget the README gives: half of Discord's 50 per second. @discordjs/rest counts in fixed
 * one-second windows of its own, which do not line up with Discord's, so two of its windows can land in one of
 * Discord's: at 25 that is still at most 50. Measured with this test's load (three exports, ~420 requests at the
 * fake): 25/s gave 0 429s in 17 s; 40/s gave 30 global 429s (6.7 %); the default 50/s gave 8 (1.9 %).
 */
const PER_SECOND = 25;

/**
 * Several exports (several jobs, or machines) sharing one bot token share its limits through one rate-limit proxy:
 * @discordjs/proxy in front of Discord (here the fake, at Discord's own limits), set up as the README shows.
 */
describe('exports sharing one token through @discordjs/proxy', () => {
  const guilds = [31, 32, 33].map((seed) => generateGuild({ seed, members: 300, text: 60, forum: 4, voice: 2, categories: 3 }));
  let fake: FakeDiscord;
  let proxy: Server;
  let proxyBase: string;
  let dir: string;
  beforeAll(async () => {
    fake = await startFakeDiscord({ guilds, token: TEST_TOKEN, latencyMs: 5 });
    // The README's proxy: Discord's API behind @discordjs/rest with a global budget of half Discord's 50 per second,
    // so two of its one-second windows (which do not line up with Discord's) can never put more than 50 into one.
    const rest = new REST({ api: fake.apiBase, globalRequestsPerSecond: PER_SECOND });
    const handle = proxyRequests(rest);
    proxy = createServer((req, res) => void handle(req, res));
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    proxyBase = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/api`;
    dir = mkdtempSync(join(tmpdir(), 'dse-proxy-'));
  });
  afterAll(async () => {
    await new Promise((resolve) => proxy.close(resolve));
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('completes three concurrent exports with 429s under 1 % of requests at Discord', async () => {
    const started = performance.now();
    const outcomes = await Promise.all(guilds.map((g) => runExport({
      guildId: g.guild.id, token: TEST_TOKEN, apiBase: proxyBase, demo: false, outDir: join(dir, g.guild.id), only: null,
      skip: [], members: 'counts', maxMembers: null, formats: ['json'], strict: false, auditConfigPath: null, promptBudget: 12_000,
    })));
    const seconds = (performance.now() - started) / 1000;
    expect(outcomes.map((o) => o.status)).toEqual(['complete', 'complete', 'complete']);
    const stats = fake.stats();
    console.log(`proxy at ${PER_SECOND}/s: ${stats.requests} requests at the fake, ${stats.ratelimited} 429s (${stats.globalRatelimited} global), ${seconds.toFixed(1)} s`);
    expect(stats.requests).toBeGreaterThan(150);
    expect(stats.ratelimited / stats.requests).toBeLessThan(0.01);
  }, 120_000);
});
