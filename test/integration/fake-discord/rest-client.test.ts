import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordAPIError, REST, makeURLSearchParams } from '@discordjs/rest';
import { Routes, type APIGuildMember, type APIThreadChannel } from 'discord-api-types/v10';
import { FAKE_BOT_TOKEN, generateGuild, startFakeDiscord, type FakeDiscord } from '../../../src/fake-discord/index.js';

const NOW = new Date('2026-06-01T00:00:00Z');
const sizes = [0, 999, 1000, 1001];
const guilds = sizes.map((members, i) => generateGuild({ seed: 100 + i, members, now: NOW }));
const threadsGuild = generateGuild({ seed: 200, text: 1, announcement: 0, forum: 0, archivedThreadsPerChannel: 250, now: NOW });
const locked = generateGuild({ seed: 300, now: NOW });
locked.noMembersIntent = true;
locked.missingPermissions = ['ManageWebhooks', 'ManageThreads'];

let fake: FakeDiscord;
/** The DiscordAPIError a request rejects with (fails the test if it resolves or fails otherwise). */
async function failure(request: Promise<unknown>): Promise<DiscordAPIError> {
  const err = await request.then(() => null, (e: unknown) => e);
  if (!(err instanceof DiscordAPIError)) throw new Error(`expected a DiscordAPIError, got ${String(err)}`);
  return err;
}
const msg = (e: DiscordAPIError) => (e.rawError as { message: string }).message;
const rest = () => new REST({ api: fake.apiBase, timeout: 5000 }).setToken(FAKE_BOT_TOKEN);

async function allMembers(client: REST, guildId: string): Promise<{ members: APIGuildMember[]; pages: number }> {
  const members: APIGuildMember[] = [];
  let pages = 0;
  for (let after = '0'; ;) {
    const page = (await client.get(Routes.guildMembers(guildId), { query: makeURLSearchParams({ limit: 1000, after }) })) as APIGuildMember[];
    pages++;
    members.push(...page);
    if (page.length < 1000) return { members, pages };
    after = page[page.length - 1].user.id;
  }
}

beforeAll(async () => {
  fake = await startFakeDiscord({ guilds: [...guilds, threadsGuild, locked] });
});
afterAll(() => fake.close());

describe('fake Discord with the real @discordjs/rest client', () => {
  for (const [i, n] of sizes.entries()) {
    it(`pages ${n} members in ${Math.floor(n / 1000) + 1} page(s), no duplicates or gaps`, async () => {
      const { members, pages } = await allMembers(rest(), guilds[i].guild.id);
      expect(pages).toBe(Math.floor(n / 1000) + 1);
      expect(members.map((m) => m.user.id)).toEqual(guilds[i].members.map((m) => m.user.id));
    });
  }

  it('defaults the members limit to 1 and rejects limit 1001 with 400 50035', async () => {
    const one = (await rest().get(Routes.guildMembers(guilds[1].guild.id))) as unknown[];
    expect(one).toHaveLength(1);
    const err = await failure(rest().get(Routes.guildMembers(guilds[1].guild.id), { query: makeURLSearchParams({ limit: 1001 }) }));
    expect(err).toBeInstanceOf(DiscordAPIError);
    expect([err.status, err.code]).toEqual([400, 50035]);
  });

  it('pages archived public threads newest first with has_more, by archive_timestamp', async () => {
    const channel = threadsGuild.channels.find((c) => c.type === 0)!;
    const client = rest();
    const seen: string[] = [];
    let before: string | undefined;
    let pages = 0;
    for (;;) {
      const page = (await client.get(Routes.channelThreads(channel.id, 'public'), { query: makeURLSearchParams({ limit: 100, before }) })) as { threads: APIThreadChannel[]; has_more: boolean };
      pages++;
      const stamps = page.threads.map((t) => Date.parse(t.thread_metadata!.archive_timestamp));
      expect(stamps).toEqual([...stamps].sort((a, b) => b - a));
      seen.push(...page.threads.map((t) => t.id));
      if (!page.has_more) break;
      before = page.threads[page.threads.length - 1].thread_metadata!.archive_timestamp;
    }
    const expected = threadsGuild.threads.filter((t) => t.parent_id === channel.id && t.thread_metadata?.archived && t.type === 11);
    expect(pages).toBeGreaterThan(1);
    expect(new Set(seen)).toEqual(new Set(expected.map((t) => t.id)));
    expect(seen).toHaveLength(expected.length);
  });

  it('answers 401 {"message":"401: Unauthorized","code":0} to a bad token', async () => {
    const err = await failure(new REST({ api: fake.apiBase }).setToken('wrong').get(Routes.user('@me')));
    expect([err.status, err.code, msg(err)]).toEqual([401, 0, '401: Unauthorized']);
  });

  it('answers 403 50001 for members without the intent and 403 50013 for a missing permission', async () => {
    const noIntent = await failure(rest().get(Routes.guildMembers(locked.guild.id)));
    expect([noIntent.status, noIntent.code, msg(noIntent)]).toEqual([403, 50001, 'Missing Access']);
    const noPerm = await failure(rest().get(Routes.guildWebhooks(locked.guild.id)));
    expect([noPerm.status, noPerm.code, msg(noPerm)]).toEqual([403, 50013, 'Missing Permissions']);
    const channel = locked.channels.find((c) => c.type === 0)!;
    const priv = await failure(rest().get(Routes.channelThreads(channel.id, 'private')));
    expect(priv.code).toBe(50013);
    expect(await rest().get(Routes.guildInvites(locked.guild.id))).toEqual(locked.invites);
  });

  it('answers 404 10004 for an unknown guild, 10003 for an unknown channel, code 0 for an unknown route', async () => {
    const guild = await failure(rest().get(Routes.guild('123456789012345678')));
    expect([guild.status, guild.code, msg(guild)]).toEqual([404, 10004, 'Unknown Guild']);
    const channel = await failure(rest().get(Routes.channelThreads('123456789012345678', 'public')));
    expect([channel.status, channel.code]).toEqual([404, 10003]);
    const route = await failure(rest().get('/nothing/here' as `/${string}`));
    expect([route.status, route.code]).toEqual([404, 0]);
  });

  it('serves the guild with counts, webhooks with their secrets, and the bot user', async () => {
    const g = guilds[1];
    const guild = (await rest().get(Routes.guild(g.guild.id), { query: makeURLSearchParams({ with_counts: true }) })) as { approximate_member_count: number; roles: unknown[] };
    expect(guild.approximate_member_count).toBe(999);
    expect(guild.roles).toEqual(g.guild.roles);
    const hooks = (await rest().get(Routes.guildWebhooks(g.guild.id))) as { token?: string; url?: string }[];
    expect(hooks.every((h) => h.token && h.url)).toBe(true);
    expect(await rest().get(Routes.user('@me'))).toEqual(guilds[0].botUser);
    const counts = (await rest().get(`/guilds/${g.guild.id}/roles/member-counts`)) as Record<string, number>;
    const admin = g.guild.roles.find((r) => r.name === 'Admin')!;
    expect(counts[admin.id]).toBe(g.members.filter((m) => m.roles.includes(admin.id)).length);
    expect(counts).not.toHaveProperty(g.guild.id);
    const sounds = (await rest().get(`/guilds/${g.guild.id}/soundboard-sounds`)) as { items: unknown[] };
    expect(sounds.items).toEqual(g.soundboardSounds);
  });

  it('reflects live state changes (a test edits a role, the next read shows it)', async () => {
    const g = fake.guild(guilds[2].guild.id);
    g.guild.roles[1].name = 'Renamed';
    const roles = (await rest().get(Routes.guildRoles(g.guild.id))) as { name: string }[];
    expect(roles[1].name).toBe('Renamed');
  });
});
