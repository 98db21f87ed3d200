import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIGuildMember } from 'discord-api-types/v10';
import { FAKE_BOT_TOKEN, generateGuild, startFakeDiscord, type FakeDiscord } from '../../../src/fake-discord/index.js';
import { compareSnowflakes } from '../../../src/schema/snowflake.js';

const NOW = new Date('2026-06-01T00:00:00Z');
const million = generateGuild({ seed: 9, members: 1_000_000, membersOnDemand: true, now: NOW });
const small = generateGuild({ seed: 10, members: 5_000, membersOnDemand: true, now: NOW });

let fake: FakeDiscord;
beforeAll(async () => {
  fake = await startFakeDiscord({ guilds: [million, small], timeScale: 0.001 });
});
afterAll(() => fake.close());

async function get<T>(path: string): Promise<{ status: number; body: T }> {
  const res = await fetch(`${fake.apiBase}/v10${path}`, { headers: { Authorization: `Bot ${FAKE_BOT_TOKEN}` } });
  return { status: res.status, body: (await res.json()) as T };
}

async function page(guildId: string, after: string): Promise<APIGuildMember[]> {
  return (await get<APIGuildMember[]>(`/guilds/${guildId}/members?limit=1000&after=${after}`)).body;
}

describe('the fake Discord makes members on demand', () => {
  it('serves a 1,000,000-member guild without holding its members', async () => {
    expect(million.members.length).toBeLessThan(5);
    const guild = await get<{ approximate_member_count: number }>(`/guilds/${million.guild.id}?with_counts=true`);
    expect(guild.body.approximate_member_count).toBe(1_000_000);
    const first = await page(million.guild.id, '0');
    expect(first).toHaveLength(1000);
    const second = await page(million.guild.id, first[999].user.id);
    expect(second).toHaveLength(1000);
    const ids = [...first, ...second].map((m) => m.user.id);
    for (let i = 1; i < ids.length; i++) expect(compareSnowflakes(ids[i - 1], ids[i])).toBeLessThan(0);
    // The same member on every read, and by its own route.
    expect(await page(million.guild.id, first[998].user.id)).toEqual([first[999], ...second.slice(0, 999)]);
    const one = await get<APIGuildMember>(`/guilds/${million.guild.id}/members/${second[500].user.id}`);
    expect(one.body).toEqual(second[500]);
    const unknown = await get<{ code: number }>(`/guilds/${million.guild.id}/members/${BigInt(second[500].user.id) + 1n}`);
    expect([unknown.status, unknown.body.code]).toEqual([404, 10007]);
    // Role member counts over the million, in one answer.
    const counts = await get<Record<string, number>>(`/guilds/${million.guild.id}/roles/member-counts`);
    const moderator = million.guild.roles.find((r) => r.name === 'Moderator')!;
    expect(counts.body[moderator.id]).toBeGreaterThan(45_000);
    expect(counts.body[moderator.id]).toBeLessThan(55_000);
  });

  it('pages through every member once, and its counts agree with the pages', async () => {
    const all: APIGuildMember[] = [];
    for (let after = '0'; ;) {
      const p = await page(small.guild.id, after);
      all.push(...p);
      if (p.length < 1000) break;
      after = p[p.length - 1].user.id;
    }
    expect(all).toHaveLength(5_000);
    expect(new Set(all.map((m) => m.user.id)).size).toBe(5_000);
    expect(all.filter((m) => m.user.bot)).toHaveLength(2);
    const counts = (await get<Record<string, number>>(`/guilds/${small.guild.id}/roles/member-counts`)).body;
    for (const role of small.guild.roles.filter((r) => r.id !== small.guild.id)) {
      expect(counts[role.id]).toBe(all.filter((m) => m.roles.includes(role.id)).length);
    }
    const integrations = (await get<{ type: string; application?: { bot?: { id: string } } }[]>(`/guilds/${small.guild.id}/integrations`)).body;
    expect(integrations.filter((i) => i.type === 'discord' && i.application?.bot).map((i) => i.application!.bot!.id).sort())
      .toEqual(all.filter((m) => m.user.bot).map((m) => m.user.id).sort());
  });
});
