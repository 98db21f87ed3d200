import { describe, expect, it } from 'vitest';
import { generateGuild } from '../../../src/fake-discord/index.js';
import { isSnowflake } from '../../../src/schema/snowflake.js';

const NOW = new Date('2026-06-01T00:00:00Z');

function allIds(value: unknown, out: string[] = [], key = ''): string[] {
  if (typeof value === 'string' && (key === 'id' || key.endsWith('_id'))) out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => allIds(v, out, key));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) allIds(v, out, k);
  return out;
}

describe('generateGuild', () => {
  it('is deterministic: the same spec yields deep-equal payloads, another seed differs', () => {
    const a = generateGuild({ seed: 7, members: 120, now: NOW });
    const b = generateGuild({ seed: 7, members: 120, now: NOW });
    expect(a).toEqual(b);
    expect(generateGuild({ seed: 8, members: 120, now: NOW })).not.toEqual(a);
  });

  it('uses real-length snowflakes (17-19 digits) everywhere, so @discordjs/rest groups routes', () => {
    const g = generateGuild({ seed: 3, now: NOW });
    const ids = allIds(g).filter((id) => id !== null);
    expect(ids.length).toBeGreaterThan(100);
    for (const id of ids) expect(isSnowflake(id) && id.length <= 19, id).toBe(true);
  });

  it('has the requested member count, sorted by id, with bots holding managed roles', () => {
    const g = generateGuild({ seed: 5, members: 300, now: NOW });
    expect(g.members).toHaveLength(300);
    const ids = g.members.map((m) => BigInt(m.user.id));
    expect(ids.every((id, i) => i === 0 || id > ids[i - 1])).toBe(true);
    const bots = g.members.filter((m) => m.user.bot);
    expect(bots.length).toBeGreaterThan(0);
    for (const bot of bots) {
      expect(g.guild.roles.some((r) => r.managed && r.tags?.bot_id === bot.user.id && bot.roles.includes(r.id))).toBe(true);
    }
    expect(g.members.some((m) => m.roles.length === 0)).toBe(true);
    expect(g.members.some((m) => m.user.id === g.botUserId)).toBe(true);
  });

  it('builds channels in categories, overwrites of both kinds, forum tags and spread archived threads', () => {
    const g = generateGuild({ seed: 9, archivedThreadsPerChannel: 30, now: NOW });
    const cats = new Set(g.channels.filter((c) => c.type === 4).map((c) => c.id));
    expect(g.channels.filter((c) => c.type !== 4).every((c) => cats.has((c as { parent_id: string }).parent_id))).toBe(true);
    const types = new Set(g.channels.flatMap((c) => c.permission_overwrites ?? []).map((o) => o.type));
    expect(types).toEqual(new Set([0, 1]));
    expect(g.channels.find((c) => c.type === 15)).toHaveProperty('available_tags');
    const stamps = g.threads.filter((t) => t.thread_metadata?.archived).map((t) => t.thread_metadata!.archive_timestamp);
    expect(new Set(stamps).size).toBe(stamps.length);
    expect(g.webhooks.every((w) => w.token && w.url)).toBe(true);
  });

  it('makes an empty guild when asked for 0 members', () => {
    expect(generateGuild({ seed: 1, members: 0, now: NOW }).members).toEqual([]);
  });
});
