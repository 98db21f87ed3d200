import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import diagnostics from 'node:diagnostics_channel';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateGuild, startFakeDiscord, type FakeDiscord, type FakeGuild, type TraceEntry } from '../../../src/fake-discord/index.js';
import { runExport } from '../../../src/pipeline/run-export.js';
import { TEST_TOKEN } from '../../helpers/fake-discord.js';

// What waits behind what, read from the fake's request timeline. The latency is long enough (200 ms) that
// "sent in the first round trip" means "arrived before the first response left", with a wide margin. A new
// connection costs a round trip too (TCP + TLS at Discord), so the second round fits in one round trip only if
// its sockets were opened during the first.
const LATENCY = 200;
const guild = generateGuild({ seed: 77, members: 1500, text: 8, forum: 2, now: new Date('2026-06-01T00:00:00Z') });
let fake: FakeDiscord;
let dir: string;
let trace: TraceEntry[];
/** Request paths in the order the client wrote them (undici's diagnostics channel), ids replaced by :id. */
const written: string[] = [];
const onSend = ({ request }: { request: { path: string } }) => written.push(request.path.replace(/^\/api\/v10/, '').replace(/\d{17,20}/g, ':id'));

beforeAll(async () => {
  fake = await startFakeDiscord({ guilds: [guild], token: TEST_TOKEN, latencyMs: LATENCY, connectLatencyMs: LATENCY, trace: true });
  dir = mkdtempSync(join(tmpdir(), 'dse-sched-'));
  diagnostics.subscribe('undici:client:sendHeaders', onSend as (message: unknown) => void);
  const outcome = await runExport({
    guildId: guild.guild.id, token: TEST_TOKEN, apiBase: fake.apiBase, demo: false, outDir: dir, only: null, skip: [],
    members: 'full', maxMembers: null, formats: ['json'], strict: false, auditConfigPath: null, promptBudget: 12_000,
  }).finally(() => diagnostics.unsubscribe('undici:client:sendHeaders', onSend as (message: unknown) => void));
  expect(outcome.status).toBe('complete');
  trace = fake.stats().trace ?? [];
});

afterAll(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

const firstResponse = () => Math.min(...trace.map((e) => e.sentMs ?? Infinity));
const arrivals = (test: (path: string) => boolean, from: TraceEntry[] = trace) => from.filter((e) => test(e.path)).map((e) => e.arrivedMs);

describe('request scheduling', () => {
  it('sends every read that needs only the guild id in the first round trip, the member page first', () => {
    const first = trace.filter((e) => e.arrivedMs < firstResponse()).sort((a, b) => a.arrivedMs - b.arrivedMs).map((e) => e.path.replace(/\d{17,20}/g, ':id'));
    expect(first[0]).toBe('/guilds/:id/members?limit=1000&after=0');
    for (const p of ['/guilds/:id/channels', '/guilds/:id?with_counts=true', '/guilds/:id/threads/active', '/guilds/:id/invites', '/guilds/:id/webhooks', '/guilds/:id/auto-moderation/rules']) {
      expect(first).toContain(p);
    }
    expect(first.filter((p) => p.startsWith('/guilds/')).length).toBeGreaterThanOrEqual(14);
    expect(first.filter((p) => p.startsWith('/channels/'))).toEqual([]);
  });

  it('writes the first member page, then the channel list, then the guild', () => {
    // The member list is the longest chain and every thread read waits on the channel list; the guild can follow.
    expect(written.slice(0, 3)).toEqual(['/guilds/:id/members?limit=1000&after=0', '/guilds/:id/channels', '/guilds/:id?with_counts=true']);
  });

  it('sends the next member page and the per-channel reads in the second round, once the first answers are in', () => {
    const [, page2] = arrivals((p) => p.includes('/members?'));
    const perChannel = arrivals((p) => p.startsWith('/channels/'));
    expect(perChannel.length).toBeGreaterThan(8);
    for (const t of [page2, ...perChannel]) expect(t).toBeGreaterThanOrEqual(firstResponse());
  });

  it('finishes in two round trips, the second on sockets opened during the first: nothing is a third', () => {
    expect(trace.every((e) => e.arrivedMs < 2 * LATENCY)).toBe(true);
    expect(fake.stats().lowerBoundMs).toBe(2 * LATENCY);
    // Every request had a connection ready: the sockets opened ahead covered the whole second round.
    expect(fake.stats().connections).toBeGreaterThanOrEqual(trace.length);
  });

  it('holds every response for the latency, counted from its arrival', () => {
    for (const e of trace) expect(e.sentMs! - e.arrivedMs).toBeGreaterThanOrEqual(LATENCY - 2);
  });

  it('does not hold the thread scan for a member list that is not read', async () => {
    for (const opts of [{ only: ['threads' as const], members: 'full' as const }, { only: null, members: 'none' as const }]) {
      fake.resetStats();
      const outcome = await runExport({
        guildId: guild.guild.id, token: TEST_TOKEN, apiBase: fake.apiBase, demo: false, outDir: join(dir, opts.members), skip: [],
        maxMembers: null, formats: ['json'], strict: false, auditConfigPath: null, promptBudget: 12_000, ...opts,
      });
      expect(outcome.export.meta.collectors.threads.status).toBe('ok');
      expect(outcome.export.threads.length).toBeGreaterThan(0);
      expect(Object.keys(fake.stats().byRoute).filter((r) => r.includes('/members'))).toEqual([]);
    }
  });

  it('does not hold the other reads behind a slow first member page', async () => {
    const { outcome, trace: t } = await exportWithSlowRoute(guild, 'GET /guilds/:guild/members', 'full');
    expect(outcome.status).toBe('complete');
    const others = arrivals((p) => !p.includes('/members?'), t);
    // Two round trips of 20 ms, not the 2.5 s member page.
    expect(others.length).toBeGreaterThan(20);
    expect(Math.max(...others)).toBeLessThan(1000);
  });

  it('does not hold the member chain behind a slow channel list', async () => {
    const big = generateGuild({ seed: 78, members: 2500, text: 4, now: new Date('2026-06-01T00:00:00Z') });
    const { outcome, trace: t } = await exportWithSlowRoute(big, 'GET /guilds/:guild/channels', 'full');
    expect(outcome.status).toBe('complete');
    expect(outcome.export.member_stats?.total).toBe(2500);
    const pages = arrivals((p) => p.includes('/members?'), t);
    // Three pages, one after another at 20 ms each, long before the 2.5 s channel list.
    expect(pages).toHaveLength(3);
    expect(Math.max(...pages)).toBeLessThan(1000);
  });
});

/** One export from a fake (20 ms latency) whose first answer on `route` takes 2.5 s; returns it and the timeline. */
async function exportWithSlowRoute(g: FakeGuild, route: string, members: 'counts' | 'full') {
  const slow = await startFakeDiscord({
    guilds: [g], token: TEST_TOKEN, latencyMs: 20, trace: true,
    faults: [{ route, kind: 'slow', delayMs: 2500, times: 1 }],
  });
  try {
    const outcome = await runExport({
      guildId: g.guild.id, token: TEST_TOKEN, apiBase: slow.apiBase, demo: false, outDir: join(dir, `slow-${members}`), only: null, skip: [],
      members, maxMembers: null, formats: ['json'], strict: false, auditConfigPath: null, promptBudget: 12_000, timeoutMs: 5000,
    });
    return { outcome, trace: slow.stats().trace ?? [] };
  } finally {
    await slow.close();
  }
}
