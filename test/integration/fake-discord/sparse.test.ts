import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordAPIError, REST, makeURLSearchParams } from '@discordjs/rest';
import { Routes } from 'discord-api-types/v10';
import { FAKE_BOT_TOKEN, SPARSE_MISSING_ROUTES, generateGuild, sparseDropsUser, startFakeDiscord, type FakeDiscord } from '../../../src/fake-discord/index.js';

const NOW = new Date('2026-06-01T00:00:00Z');
const guild = generateGuild({ seed: 400, members: 120, text: 2, now: NOW });
const g = guild.guild.id;
let fake: FakeDiscord;
const rest = (token = FAKE_BOT_TOKEN) => new REST({ api: fake.apiBase, timeout: 5000 }).setToken(token);

beforeAll(async () => {
  fake = await startFakeDiscord({ guilds: [guild], sparse: true });
});
afterAll(() => fake.close());

describe('the fake in sparse mode: a Discord-compatible server that is not Discord', () => {
  it('answers the guild without roles or approximate counts, but with member_count', async () => {
    const body = (await rest().get(Routes.guild(g), { query: makeURLSearchParams({ with_counts: true }) })) as Record<string, unknown>;
    expect(body).not.toHaveProperty('roles');
    expect(body).not.toHaveProperty('approximate_member_count');
    expect(body).not.toHaveProperty('approximate_presence_count');
    expect(body.member_count).toBe(guild.members.length);
    expect(await rest().get(Routes.guildRoles(g))).toHaveLength(guild.guild.roles.length);
  });

  it('lists threads among the channels and sends some members without `user`', async () => {
    const channels = (await rest().get(Routes.guildChannels(g))) as { type: number }[];
    expect(channels.filter((c) => [10, 11, 12].includes(c.type))).toHaveLength(guild.threads.length);
    const page = (await rest().get(Routes.guildMembers(g), { query: makeURLSearchParams({ limit: 1000 }) })) as { user?: unknown }[];
    expect(page).toHaveLength(guild.members.length);
    expect(page.filter((m) => !m.user)).toHaveLength(guild.members.filter(sparseDropsUser).length);
  });

  it('answers 404 on the routes it lacks and 400 with code 40001 on a bad token', async () => {
    const routes = [Routes.guildScheduledEvents(g), `/guilds/${g}/onboarding`, `/guilds/${g}/soundboard-sounds`, Routes.guildActiveThreads(g),
      Routes.channelThreads(guild.channels.find((c) => c.type === 0)!.id, 'public')] as const;
    expect(routes).toHaveLength(SPARSE_MISSING_ROUTES.size - 1);
    for (const route of routes) {
      const err = await rest().get(route).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DiscordAPIError);
      expect([route, (err as DiscordAPIError).status, (err as DiscordAPIError).code]).toEqual([route, 404, 0]);
    }
    const bad = await rest('not-the-token').get(Routes.guild(g)).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(DiscordAPIError);
    expect([(bad as DiscordAPIError).status, (bad as DiscordAPIError).code]).toEqual([400, 40001]);
  });
});
