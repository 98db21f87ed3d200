import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ChannelType, OverwriteType, type APIGuildChannel } from 'discord-api-types/v10';
import { bitsOf } from '../../../src/discord/permissions.js';
import { generateGuild, RESTORE_BOT_PERMISSIONS, setBotPermissions, startFakeDiscord, type FakeDiscord, type FakeGuild } from '../../../src/fake-discord/index.js';
import { call, OPEN_LIMITS } from './write-helpers.js';

type Ch = APIGuildChannel & { topic?: string | null; bitrate?: number; available_tags?: unknown[] };
let fake: FakeDiscord;
let guild: FakeGuild;
let gid: string;
const channels = async () => (await call(fake, 'GET', `/guilds/${gid}/channels`)).body as Ch[];
const VIEW = String(bitsOf(['ViewChannel']));

beforeAll(async () => {
  guild = generateGuild({ seed: 41, now: new Date('2026-06-01T00:00:00Z') });
  gid = guild.guild.id;
  setBotPermissions(guild, RESTORE_BOT_PERMISSIONS);
  fake = await startFakeDiscord({ guilds: [guild], limits: OPEN_LIMITS });
});
afterAll(() => fake.close());
beforeEach(() => fake.resetStats());

describe('fake Discord channel writes', () => {
  it('creates a category and a channel under it with overwrites (201), and GET shows both', async () => {
    const cat = await call(fake, 'POST', `/guilds/${gid}/channels`, { name: 'Restored', type: ChannelType.GuildCategory });
    expect(cat.status).toBe(201);
    const catId = (cat.body as Ch).id;
    const ow = [{ id: gid, type: OverwriteType.Role, allow: '0', deny: VIEW }];
    const text = await call(fake, 'POST', `/guilds/${gid}/channels`, { name: 'rules', type: ChannelType.GuildText, topic: 'Be kind', parent_id: catId,
      permission_overwrites: ow, rate_limit_per_user: 10, position: 2 });
    expect(text.status).toBe(201);
    expect(text.body).toMatchObject({ name: 'rules', type: 0, topic: 'Be kind', parent_id: catId, rate_limit_per_user: 10, position: 2, guild_id: gid,
      permission_overwrites: ow, nsfw: false, last_message_id: null });
    const voice = await call(fake, 'POST', `/guilds/${gid}/channels`, { name: 'Lounge', type: ChannelType.GuildVoice, bitrate: 96000, user_limit: 5, topic: 'ignored' });
    expect(voice.body).toMatchObject({ type: 2, bitrate: 96000, user_limit: 5, video_quality_mode: 1 });
    expect(voice.body).not.toHaveProperty('topic');
    const forum = await call(fake, 'POST', `/guilds/${gid}/channels`, { name: 'help', type: ChannelType.GuildForum,
      available_tags: [{ name: 'Solved', moderated: true, emoji_name: '✅' }], default_sort_order: 1, default_forum_layout: 2 });
    expect(forum.body).toMatchObject({ type: 15, default_sort_order: 1, default_forum_layout: 2, available_tags: [{ name: 'Solved', moderated: true, emoji_id: null, emoji_name: '✅' }] });
    const listed = await channels();
    for (const made of [cat, text, voice, forum]) expect(listed).toContainEqual(made.body);
  });

  it('edits, moves, overwrites and deletes channels', async () => {
    const cats = guild.channels.filter((c) => c.type === ChannelType.GuildCategory);
    const text = guild.channels.find((c) => c.type === ChannelType.GuildText)!;
    expect((await call(fake, 'PATCH', `/channels/${text.id}`, { name: 'renamed', topic: 'new topic', nsfw: true })).body)
      .toMatchObject({ id: text.id, name: 'renamed', topic: 'new topic', nsfw: true });
    expect((await call(fake, 'PATCH', `/guilds/${gid}/channels`, [{ id: text.id, position: 7, parent_id: cats[1].id, lock_permissions: true }])).status).toBe(204);
    let now = (await channels()).find((c) => c.id === text.id)!;
    expect(now).toMatchObject({ position: 7, parent_id: cats[1].id, permission_overwrites: cats[1].permission_overwrites });
    const role = guild.guild.roles[1].id;
    expect((await call(fake, 'PUT', `/channels/${text.id}/permissions/${role}`, { type: 0, allow: VIEW, deny: '0' })).status).toBe(204);
    now = (await channels()).find((c) => c.id === text.id)!;
    expect(now.permission_overwrites).toContainEqual({ id: role, type: 0, allow: VIEW, deny: '0' });
    expect((await call(fake, 'DELETE', `/channels/${text.id}/permissions/${role}`)).status).toBe(204);
    expect((await channels()).find((c) => c.id === text.id)!.permission_overwrites?.some((o) => o.id === role)).toBe(false);
    const children = guild.channels.filter((c) => c.parent_id === cats[0].id).map((c) => c.id);
    expect((await call(fake, 'DELETE', `/channels/${cats[0].id}`)).body).toMatchObject({ id: cats[0].id });
    const after = await channels();
    expect(after.some((c) => c.id === cats[0].id)).toBe(false);
    for (const id of children) expect(after.find((c) => c.id === id)?.parent_id).toBeNull();
    expect(fake.stats().refusedWrites).toBe(0);
  });

  it('refuses what Discord refuses, with its bodies, and counts each refusal', async () => {
    const text = guild.channels.find((c) => c.type === ChannelType.GuildText)!;
    const answers = [
      await call(fake, 'POST', `/guilds/${gid}/channels`, { type: 0 }),
      await call(fake, 'POST', `/guilds/${gid}/channels`, { name: 'x', type: 3 }),
      await call(fake, 'POST', `/guilds/${gid}/channels`, { name: 'x', parent_id: text.id }),
      await call(fake, 'PATCH', `/channels/1234567890123456789`, { name: 'x' }),
      await call(fake, 'PUT', `/channels/${text.id}/permissions/${gid}`, { type: 0, allow: String(bitsOf(['Administrator'])) }),
      await call(fake, 'POST', `/guilds/${gid}/channels`, { name: 'x', permission_overwrites: [{ id: '1234567890123456789', type: 0, allow: '0', deny: '0' }] }),
    ];
    expect(answers.map((a) => a.status)).toEqual([400, 400, 400, 404, 403, 400]);
    expect(answers[0].body).toEqual({ message: 'Invalid Form Body', code: 50035, errors: { name: { _errors: [{ code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }] } } });
    expect(answers[1].body).toMatchObject({ code: 50035, errors: { type: { _errors: [{ code: 'BASE_TYPE_CHOICES' }] } } });
    expect(answers[2].body).toMatchObject({ code: 50035, errors: { parent_id: { _errors: [{ code: 'CHANNEL_PARENT_INVALID' }] } } });
    expect(answers[3].body).toEqual({ message: 'Unknown Channel', code: 10003 });
    expect(answers[4].body).toEqual({ message: 'Missing Permissions', code: 50013 });
    expect(answers[5].body).toMatchObject({ code: 50035, errors: { permission_overwrites: { 0: { id: { _errors: [{ code: 'UNKNOWN_ROLE' }] } } } } });
    expect(fake.stats().refusedWrites).toBe(answers.length);
  });

  it('answers 50035 CHANNEL_PARENT_MAX_CHANNELS for a 51st channel in a category, and 30013 past 500 channels', async () => {
    const g = generateGuild({ seed: 42, now: new Date('2026-06-01T00:00:00Z') });
    setBotPermissions(g, RESTORE_BOT_PERMISSIONS);
    const f = await startFakeDiscord({ guilds: [g], limits: OPEN_LIMITS });
    try {
      const cat = (await call(f, 'POST', `/guilds/${g.guild.id}/channels`, { name: 'full', type: 4 })).body as Ch;
      const have = g.channels.filter((c) => c.parent_id === cat.id).length;
      for (let i = have; i < 50; i++) expect((await call(f, 'POST', `/guilds/${g.guild.id}/channels`, { name: `c${i}`, parent_id: cat.id })).status).toBe(201);
      expect((await call(f, 'POST', `/guilds/${g.guild.id}/channels`, { name: 'c50', parent_id: cat.id })).body).toEqual({ message: 'Invalid Form Body', code: 50035,
        errors: { parent_id: { _errors: [{ code: 'CHANNEL_PARENT_MAX_CHANNELS', message: 'Maximum number of channels in category reached (50)' }] } } });
      while (g.channels.length < 500) g.channels.push({ ...g.channels[0], id: String(BigInt(g.channels.at(-1)!.id) + 1n) });
      expect((await call(f, 'POST', `/guilds/${g.guild.id}/channels`, { name: 'too many' })).body).toEqual({ message: 'Maximum number of guild channels reached (500)', code: 30013 });
      expect(f.stats().refusedWrites).toBe(2);
    } finally {
      await f.close();
    }
  });
});
