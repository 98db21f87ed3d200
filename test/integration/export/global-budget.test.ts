import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import diagnostics from 'node:diagnostics_channel';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateGuild, startFakeDiscord, type FakeDiscord, type TraceEntry } from '../../../src/fake-discord/index.js';
import { runExport } from '../../../src/pipeline/run-export.js';
import { TEST_TOKEN } from '../../helpers/fake-discord.js';
import { busiest } from '../../helpers/windows.js';

const arrivals = (trace: TraceEntry[]) => trace.map((e) => e.arrivedMs);

// Discord's own global limit (50 per second) and route windows, so the global budget is what binds: ~200 archived
// thread reads (bulk) beside the member pages and the guild-level reads (the critical path). Before the client kept
// a sliding window of its own, the first seconds of such an export put ~70 requests into one second (fine for a
// server window that happened to open at the first request, a global 429 for any other), and a 100,000-member export
// at Discord's limits got 6-18 global 429s.
describe('the global budget at Discord\'s limits', () => {
  const guild = generateGuild({ seed: 23, members: 3_500, text: 90, announcement: 6, forum: 6, voice: 4, categories: 6 });
  let fake: FakeDiscord;
  let dir: string;
  beforeAll(async () => {
    fake = await startFakeDiscord({ guilds: [guild], token: TEST_TOKEN, trace: true, latencyMs: 5 });
    dir = mkdtempSync(join(tmpdir(), 'dse-budget-'));
  });
  afterAll(async () => {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('never sends more than the limit in any second, gets no 429, and still runs near the global bound', async () => {
    // When each request's headers went on the wire, as the client saw it (undici's diagnostics channel).
    const sent: number[] = [];
    const origin = new URL(fake.apiBase).origin;
    const onSend = (message: unknown) => {
      if ((message as { request: { origin: string } }).request.origin === origin) sent.push(performance.now());
    };
    diagnostics.subscribe('undici:client:sendHeaders', onSend);
    // How late this process's event loop ran while the export did: other test files share the two cores.
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    const outcome = await runExport({
      guildId: guild.guild.id, token: TEST_TOKEN, apiBase: fake.apiBase, demo: false, outDir: dir, only: null, skip: [],
      members: 'full', maxMembers: null, formats: ['json'], strict: false, auditConfigPath: null, promptBudget: 12_000,
    }).finally(() => {
      diagnostics.unsubscribe('undici:client:sendHeaders', onSend);
      lag.disable();
    });
    expect(outcome.status).toBe('complete');
    const stats = fake.stats();
    expect(stats.requests).toBeGreaterThan(200);
    expect(stats.ratelimited).toBe(0);
    expect(sent).toHaveLength(stats.requests);
    // What the client controls: never Discord's 50 exceeded in any second (it counts 48 per 1,050 ms when it lets a
    // request go, 48 in the busiest second here; the request reaches the socket a little after, following that
    // turn's other work, and on a busy machine a little more). Without the budget: 73, and 1-5 global 429s.
    // The fake runs in this process and stamps an arrival when the event loop comes to it, after the client's work
    // in that turn, so its stamps bunch up (a few more in its busiest second on a quiet machine, many more when
    // other test files share the two cores): that figure is printed, not held.
    // A request reaches its socket when the event loop gets to it: when the loop ran late (other test files on the
    // same cores), sends released a second apart bunch up. The strict figure holds when the loop kept time; on a
    // starved machine a bounded excess is allowed, and the fake's own count of 429s above stays the hard check.
    const lagMs = lag.percentile(99) / 1e6;
    expect(busiest(sent)).toBeLessThanOrEqual(lagMs < 25 ? 50 : 60);
    console.log(`global budget: busiest second ${busiest(sent)} sent, ${busiest(arrivals(stats.trace!))} arrived (fake's stamps); event loop p99 lag ${lagMs.toFixed(1)} ms`);
    // The bound is the global window (ceil(n / 50) - 1 seconds); the budget keeps 48 of 50 in windows of 1.05 s (and
    // bulk reads to 43 of them while the member scan runs), so allow what that costs and little more.
    const span = stats.lastResponseAt! - stats.firstRequestAt!;
    expect(stats.lowerBoundDetail).toMatch(/^global/);
    expect(span).toBeLessThan(stats.lowerBoundMs * 1.35 + 500);
  }, 30_000);
});
