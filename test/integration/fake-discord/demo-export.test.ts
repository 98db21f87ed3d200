import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REST, makeURLSearchParams } from '@discordjs/rest';
import { Routes, type APIAuditLog, type APIBan, type APIGuildMember } from 'discord-api-types/v10';
import { DEMO_GUILD_ID, FAKE_BOT_TOKEN, startFakeDiscord, type FakeDiscord } from '../../../src/fake-discord/index.js';

let fake: FakeDiscord;
beforeAll(async () => { fake = await startFakeDiscord(); });
afterAll(() => fake.close());

describe('a whole demo-guild read at real-time limits', () => {
  it('serves every exporter route to the REST client without a single 429', async () => {
    const rest = new REST({ api: fake.apiBase }).setToken(FAKE_BOT_TOKEN);
    const g = DEMO_GUILD_ID;
    const started = Date.now();
    const channels = (await rest.get(Routes.guildChannels(g))) as { id: string; type: number }[];
    const threadParents = channels.filter((c) => [0, 5, 15, 16].includes(c.type));
    const simple = ['roles', 'emojis', 'stickers', 'invites', 'webhooks', 'integrations', 'welcome-screen', 'onboarding',
      'soundboard-sounds', 'vanity-url', 'widget', 'auto-moderation/rules', 'threads/active'];
    const [guild, events, members, bans, audit] = await Promise.all([
      rest.get(Routes.guild(g), { query: makeURLSearchParams({ with_counts: true }) }) as Promise<{ approximate_member_count: number }>,
      rest.get(Routes.guildScheduledEvents(g), { query: makeURLSearchParams({ with_user_count: true }) }) as Promise<{ user_count?: number }[]>,
      (async () => {
        const all: APIGuildMember[] = [];
        for (let after = '0'; ;) {
          const page = (await rest.get(Routes.guildMembers(g), { query: makeURLSearchParams({ limit: 1000, after }) })) as APIGuildMember[];
          all.push(...page);
          if (page.length < 1000) return all;
          after = page[page.length - 1].user.id;
        }
      })(),
      rest.get(Routes.guildBans(g), { query: makeURLSearchParams({ limit: 1000 }) }) as Promise<APIBan[]>,
      rest.get(Routes.guildAuditLog(g), { query: makeURLSearchParams({ action_type: 28, limit: 100 }) }) as Promise<APIAuditLog>,
      ...simple.map((r) => rest.get(`/guilds/${g}/${r}`)),
      ...threadParents.flatMap((c) => [rest.get(Routes.channelThreads(c.id, 'public')), rest.get(Routes.channelThreads(c.id, 'private'))]),
    ]);
    expect(guild.approximate_member_count).toBe(members.length);
    expect(members.length).toBeGreaterThan(1350);
    expect(events.every((e) => typeof e.user_count === 'number')).toBe(true);
    expect(bans).toHaveLength(12);
    expect(audit.audit_log_entries.every((e) => e.action_type === 28)).toBe(true);
    expect(audit.users.length).toBeGreaterThan(0);
    const elapsed = Date.now() - started;
    const s = fake.stats();
    expect(s.ratelimited).toBe(0);
    expect(s.status[200]).toBe(s.requests);
    // More than 50 requests: the global budget forces at least one 1 s wait, and the client really waited.
    expect(s.requests).toBeGreaterThan(50);
    expect(s.lowerBoundMs).toBe(1000);
    expect(s.lowerBoundDetail).toMatch(/^global: \d+ requests at 50 per 1000 ms$/);
    expect(elapsed).toBeGreaterThanOrEqual(s.lowerBoundMs);
  });

  it('strips user_count from events unless with_user_count=true', async () => {
    const rest = new REST({ api: fake.apiBase }).setToken(FAKE_BOT_TOKEN);
    const events = (await rest.get(Routes.guildScheduledEvents(DEMO_GUILD_ID))) as object[];
    expect(events.length).toBe(3);
    expect(events.some((e) => 'user_count' in e)).toBe(false);
  });
});
