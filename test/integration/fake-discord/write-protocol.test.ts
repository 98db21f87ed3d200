import { afterEach, describe, expect, it } from 'vitest';
import { FAKE_BOT_TOKEN, generateGuild, MAX_BODY_BYTES, RESTORE_BOT_PERMISSIONS, setBotPermissions, startFakeDiscord, type FakeDiscord, type FakeGuild } from '../../../src/fake-discord/index.js';
import { call, OPEN_LIMITS } from './write-helpers.js';

const NOW = new Date('2026-06-01T00:00:00Z');
let fake: FakeDiscord | undefined;
afterEach(async () => { await fake?.close(); fake = undefined; });

function restorable(seed: number): FakeGuild {
  const g = generateGuild({ seed, now: NOW });
  setBotPermissions(g, RESTORE_BOT_PERMISSIONS);
  return g;
}

describe('fake Discord writes: protocol', () => {
  it('answers bodies that are not JSON, too large, unknown routes and wrong methods as Discord does, each refused', async () => {
    const g = restorable(51);
    fake = await startFakeDiscord({ guilds: [g], limits: OPEN_LIMITS });
    const id = g.guild.id;
    const notJson = await call(fake, 'POST', `/guilds/${id}/roles`, '{"name": ');
    expect(notJson).toMatchObject({ status: 400, body: { message: 'The request body contains invalid JSON.', code: 50109 } });
    const huge = await call(fake, 'POST', `/guilds/${id}/roles`, JSON.stringify({ name: 'x'.repeat(MAX_BODY_BYTES) }));
    expect(huge).toMatchObject({ status: 413, body: { message: 'Request entity too large', code: 40005 } });
    expect(await call(fake, 'POST', `/guilds/${id}/nothing-here`, {})).toMatchObject({ status: 404, body: { message: '404: Not Found', code: 0 } });
    expect(await call(fake, 'PATCH', `/guilds/${id}/members`, {})).toMatchObject({ status: 405, body: { message: '405: Method Not Allowed', code: 0 } });
    expect(await call(fake, 'POST', `/guilds/1234567890123456789/roles`, { name: 'x' })).toMatchObject({ status: 404, body: { code: 10004 } });
    const s = fake.stats();
    expect(s.refusedWrites).toBe(5);
    expect(s.writes.map((w) => w.status)).toEqual([400, 413, 404, 405, 404]);
    expect(g.guild.roles.some((r) => r.name === 'x')).toBe(false);
  });

  it('records each write with its URL-decoded audit-log reason, and none for reads', async () => {
    const g = restorable(52);
    fake = await startFakeDiscord({ guilds: [g], limits: OPEN_LIMITS });
    await call(fake, 'GET', `/guilds/${g.guild.id}/roles`);
    await call(fake, 'POST', `/guilds/${g.guild.id}/roles`, { name: 'a' }, { 'X-Audit-Log-Reason': encodeURIComponent('Restore: export of 2026-06-01 — roles') });
    await call(fake, 'POST', `/guilds/${g.guild.id}/roles`, { name: 'b' });
    expect(fake.stats().writes).toEqual([
      { method: 'POST', path: `/guilds/${g.guild.id}/roles`, status: 200, reason: 'Restore: export of 2026-06-01 — roles' },
      { method: 'POST', path: `/guilds/${g.guild.id}/roles`, status: 200, reason: null },
    ]);
    expect(fake.stats().byRoute['POST /guilds/:guild/roles']).toBe(2);
  });

  it('sends bucket headers on writes and 429s past a write bucket, without counting the 429 as refused', async () => {
    const g = restorable(53);
    fake = await startFakeDiscord({ guilds: [g] });
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await call(fake, 'POST', `/guilds/${g.guild.id}/channels`, { name: `c${i}` }));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201, 429]);
    expect(answers[0].headers.get('x-ratelimit-limit')).toBe('5');
    expect(answers[0].headers.get('x-ratelimit-remaining')).toBe('4');
    expect(answers[0].headers.get('x-ratelimit-bucket')).toMatch(/^[0-9a-f]{32}$/);
    expect(answers[5].headers.get('x-ratelimit-scope')).toBe('user');
    expect(answers[5].body).toMatchObject({ message: 'You are being rate limited.', global: false });
    // Role creation reports its long window, as Discord does: 250 per 48 hours.
    const role = await call(fake, 'POST', `/guilds/${g.guild.id}/roles`, { name: 'r' });
    expect(role.headers.get('x-ratelimit-limit')).toBe('250');
    expect(Number(role.headers.get('x-ratelimit-reset-after'))).toBeCloseTo(48 * 3600, -1);
    expect(fake.stats()).toMatchObject({ ratelimited: 1, refusedWrites: 0 });
  });

  it("holds a channel's name and topic edits to 2 per 10 minutes while other edits go through", async () => {
    const g = restorable(54);
    fake = await startFakeDiscord({ guilds: [g] });
    const ch = g.channels.find((c) => c.type === 0)!;
    const a = await call(fake, 'PATCH', `/channels/${ch.id}`, { name: 'one' });
    const b = await call(fake, 'PATCH', `/channels/${ch.id}`, { topic: 'two' });
    const c = await call(fake, 'PATCH', `/channels/${ch.id}`, { name: 'three' });
    const d = await call(fake, 'PATCH', `/channels/${ch.id}`, { nsfw: true, name: 'one' });
    expect([a.status, b.status, c.status, d.status]).toEqual([200, 200, 429, 200]);
    expect(b.headers.get('x-ratelimit-limit')).toBe('2');
    expect(Number(c.headers.get('retry-after'))).toBeGreaterThan(590);
    expect(ch).toMatchObject({ name: 'one', topic: 'two', nsfw: true });
  });

  it('counts served writes in the lower bound', async () => {
    const g = restorable(55);
    fake = await startFakeDiscord({ guilds: [g], limits: { routes: { 'channel-create': { limit: 2, windowMs: 300 } } } });
    for (let i = 0; i < 5; i++) {
      let res = await call(fake, 'POST', `/guilds/${g.guild.id}/channels`, { name: `c${i}` });
      while (res.status === 429) {
        await new Promise((r) => setTimeout(r, Number(res.headers.get('x-ratelimit-reset-after')) * 1000 + 5));
        res = await call(fake, 'POST', `/guilds/${g.guild.id}/channels`, { name: `c${i}` });
      }
    }
    const s = fake.stats();
    expect(s.lowerBoundMs).toBe(600);
    expect(s.lowerBoundDetail).toContain('channel-create');
  });

  it("stops answering writes after N with a 'hang' fault on 'writes', and waitForWrites resolves at N", async () => {
    const g = restorable(56);
    fake = await startFakeDiscord({ guilds: [g], limits: OPEN_LIMITS, faults: [{ route: 'writes', kind: 'hang', after: 2 }] });
    const reached = fake.waitForWrites(2);
    const post = (name: string) => call(fake!, 'POST', `/guilds/${g.guild.id}/roles`, { name });
    await post('first');
    await post('second');
    await reached;
    await expect(fetch(`${fake.apiBase}/v10/guilds/${g.guild.id}/roles`, { method: 'POST', signal: AbortSignal.timeout(200),
      headers: { Authorization: `Bot ${FAKE_BOT_TOKEN}`, 'Content-Type': 'application/json' }, body: '{"name":"third"}' })).rejects.toThrow();
    expect((await call(fake, 'GET', `/guilds/${g.guild.id}/roles`)).status).toBe(200);
    expect(g.guild.roles.map((r) => r.name)).not.toContain('third');
    expect(fake.stats().writes.map((w) => w.status)).toEqual([200, 200, null]);
  });

  it("resets the connection of every write with a 'reset' fault on 'writes', leaving reads and the guild alone", async () => {
    const g = restorable(57);
    fake = await startFakeDiscord({ guilds: [g], limits: OPEN_LIMITS, faults: [{ route: 'writes', kind: 'reset' }] });
    const before = g.guild.roles.length;
    await expect(call(fake, 'POST', `/guilds/${g.guild.id}/roles`, { name: 'lost' })).rejects.toThrow();
    expect((await call(fake, 'GET', `/guilds/${g.guild.id}/roles`)).status).toBe(200);
    expect(g.guild.roles).toHaveLength(before);
    expect(fake.stats()).toMatchObject({ writes: [{ method: 'POST', status: 0 }], refusedWrites: 0 });
  });

  it("applies a write and then drops its answer with a 'lose-answer' fault", async () => {
    const g = restorable(58);
    fake = await startFakeDiscord({ guilds: [g], limits: OPEN_LIMITS, faults: [{ route: 'POST /guilds/:guild/roles', kind: 'lose-answer', times: 1 }] });
    await expect(call(fake, 'POST', `/guilds/${g.guild.id}/roles`, { name: 'applied unheard' })).rejects.toThrow();
    expect(g.guild.roles.filter((r) => r.name === 'applied unheard')).toHaveLength(1);
    expect((await call(fake, 'POST', `/guilds/${g.guild.id}/roles`, { name: 'heard' })).status).toBe(200);
    expect(fake.stats().writes.map((w) => w.status)).toEqual([0, 200]);
  });
});
