import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ChannelType, type APIAutoModerationRule, type APIEmoji, type APIGuild, type APIGuildMember } from 'discord-api-types/v10';
import { bitsOf } from '../../../src/discord/permissions.js';
import { demoGuild, RESTORE_BOT_PERMISSIONS, setBotPermissions, startFakeDiscord, type FakeDiscord, type FakeGuild } from '../../../src/fake-discord/index.js';
import { call, OPEN_LIMITS } from './write-helpers.js';

let fake: FakeDiscord;
let guild: FakeGuild;
let gid: string;
const byName = (name: string) => guild.channels.find((c) => c.name === name)!;
const PNG = `data:image/png;base64,${Buffer.from('fake png bytes').toString('base64')}`;
const missing = { message: 'Missing Permissions', code: 50013 };

beforeAll(async () => {
  guild = demoGuild(new Date('2026-06-01T00:00:00Z'));
  gid = guild.guild.id;
  setBotPermissions(guild, RESTORE_BOT_PERMISSIONS);
  fake = await startFakeDiscord({ guilds: [guild], limits: OPEN_LIMITS });
});
afterAll(() => fake.close());
beforeEach(() => fake.resetStats());

describe('fake Discord settings writes', () => {
  it('edits server settings and checks the channels they name', async () => {
    const vc = byName('General VC');
    const ok = await call(fake, 'PATCH', `/guilds/${gid}`, { name: 'Pixel Harbor 2', verification_level: 3, afk_channel_id: vc.id, afk_timeout: 900,
      rules_channel_id: byName('general').id, icon: PNG });
    expect(ok.status).toBe(200);
    const got = (await call(fake, 'GET', `/guilds/${gid}`)).body as APIGuild;
    expect(got).toMatchObject({ name: 'Pixel Harbor 2', verification_level: 3, afk_channel_id: vc.id, afk_timeout: 900, rules_channel_id: byName('general').id });
    expect(got.icon).toMatch(/^[0-9a-f]{32}$/);
    const bad = await call(fake, 'PATCH', `/guilds/${gid}`, { afk_channel_id: byName('general').id, system_channel_id: vc.id, name: 'x', afk_timeout: 7 });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 50035, message: 'Invalid Form Body' });
    expect(Object.keys((bad.body as { errors: object }).errors).sort()).toEqual(['afk_channel_id', 'afk_timeout', 'name', 'system_channel_id']);
    expect((await call(fake, 'PATCH', `/guilds/${gid}`, { rules_channel_id: '1234567890123456789' })).status).toBe(400);
    expect(fake.stats().refusedWrites).toBe(2);
  });

  it('creates, edits and deletes AutoMod rules, checking what they name', async () => {
    const modLog = byName('mod-log').id;
    const body = { name: 'No invites', event_type: 1, trigger_type: 1, trigger_metadata: { keyword_filter: ['discord.gg/'] },
      actions: [{ type: 1 }, { type: 2, metadata: { channel_id: modLog } }], enabled: true, exempt_roles: [guild.guild.roles[5].id] };
    const made = await call(fake, 'POST', `/guilds/${gid}/auto-moderation/rules`, body);
    expect(made.status).toBe(200);
    const rule = made.body as APIAutoModerationRule;
    expect(rule).toMatchObject({ ...body, guild_id: gid, creator_id: guild.botUserId });
    expect((await call(fake, 'PATCH', `/guilds/${gid}/auto-moderation/rules/${rule.id}`, { enabled: false })).body).toMatchObject({ enabled: false });
    const rules = (await call(fake, 'GET', `/guilds/${gid}/auto-moderation/rules`)).body as APIAutoModerationRule[];
    expect(rules.find((r) => r.id === rule.id)).toMatchObject({ name: 'No invites', enabled: false });
    const badChannel = await call(fake, 'POST', `/guilds/${gid}/auto-moderation/rules`, { ...body, exempt_channels: ['1234567890123456789'] });
    expect(badChannel.body).toMatchObject({ code: 50035, errors: { exempt_channels: { 0: { _errors: [{ code: 'CHANNEL_INVALID' }] } } } });
    const spam = await call(fake, 'POST', `/guilds/${gid}/auto-moderation/rules`, { ...body, trigger_type: 5, trigger_metadata: { mention_total_limit: 5 } });
    expect(spam.body).toMatchObject({ code: 30035 });
    expect((await call(fake, 'DELETE', `/guilds/${gid}/auto-moderation/rules/${rule.id}`)).status).toBe(204);
    expect((await call(fake, 'DELETE', `/guilds/${gid}/auto-moderation/rules/${rule.id}`)).body).toEqual({ message: '404: Not Found', code: 0 });
    expect(fake.stats().refusedWrites).toBe(3);
  });

  it('replaces the welcome screen and onboarding, read back by GET', async () => {
    const rules = byName('rules').id;
    const screen = { description: 'Welcome back', welcome_channels: [{ channel_id: rules, description: 'Rules first', emoji_id: null, emoji_name: '📜' }] };
    expect((await call(fake, 'PATCH', `/guilds/${gid}/welcome-screen`, { ...screen, enabled: true })).body).toEqual(screen);
    expect((await call(fake, 'GET', `/guilds/${gid}/welcome-screen`)).body).toEqual(screen);
    const role = guild.guild.roles.find((r) => r.name === 'Artist')!.id;
    const onboarding = { enabled: true, mode: 0, default_channel_ids: [rules], prompts: [{ id: '1300000000000000001', type: 0, title: 'Pick one', single_select: true,
      required: false, in_onboarding: true, options: [{ id: '1300000000000000002', title: 'Art', description: null, role_ids: [role], channel_ids: [], emoji_name: '🎨' }] }] };
    const put = await call(fake, 'PUT', `/guilds/${gid}/onboarding`, onboarding);
    expect(put.status).toBe(200);
    expect((await call(fake, 'GET', `/guilds/${gid}/onboarding`)).body).toEqual({ guild_id: gid, enabled: true, mode: 0, default_channel_ids: [rules],
      prompts: [{ ...onboarding.prompts[0], options: [{ id: '1300000000000000002', title: 'Art', description: null, role_ids: [role], channel_ids: [],
        emoji: { id: null, name: '🎨', animated: false } }] }] });
    const bad = await call(fake, 'PUT', `/guilds/${gid}/onboarding`, { ...onboarding, default_channel_ids: ['1234567890123456789'] });
    expect(bad.body).toMatchObject({ code: 50035, errors: { default_channel_ids: { 0: { _errors: [{ code: 'CHANNEL_INVALID' }] } } } });
  });

  it('adds and removes member roles within the hierarchy, and uploads an emoji', async () => {
    const member = guild.members.find((m) => m.roles.length === 0 && !m.user.bot)!;
    const artist = guild.guild.roles.find((r) => r.name === 'Artist')!.id;
    expect((await call(fake, 'PUT', `/guilds/${gid}/members/${member.user.id}/roles/${artist}`)).status).toBe(204);
    expect(((await call(fake, 'GET', `/guilds/${gid}/members/${member.user.id}`)).body as APIGuildMember).roles).toEqual([artist]);
    expect((await call(fake, 'DELETE', `/guilds/${gid}/members/${member.user.id}/roles/${artist}`)).status).toBe(204);
    expect(((await call(fake, 'GET', `/guilds/${gid}/members/${member.user.id}`)).body as APIGuildMember).roles).toEqual([]);
    const harborBot = guild.guild.roles.find((r) => r.name === 'Harbor Bot')!.id;
    expect((await call(fake, 'PUT', `/guilds/${gid}/members/${member.user.id}/roles/${harborBot}`)).body).toEqual(missing);
    expect((await call(fake, 'PUT', `/guilds/${gid}/members/1234567890123456789/roles/${artist}`)).body).toEqual({ message: 'Unknown Member', code: 10007 });
    const emoji = await call(fake, 'POST', `/guilds/${gid}/emojis`, { name: 'harbor_new', image: PNG });
    expect(emoji.status).toBe(201);
    expect(emoji.body).toMatchObject({ name: 'harbor_new', animated: false, managed: false, require_colons: true, available: true, roles: [] });
    expect(((await call(fake, 'GET', `/guilds/${gid}/emojis`)).body as APIEmoji[]).some((e) => e.name === 'harbor_new')).toBe(true);
    expect((await call(fake, 'POST', `/guilds/${gid}/emojis`, { name: 'no image', image: 'not a data uri' })).body)
      .toMatchObject({ code: 50035, errors: { name: { _errors: [{ code: 'STRING_TYPE_REGEX' }] }, image: { _errors: [{ code: 'IMAGE_INVALID' }] } } });
    expect(fake.stats().refusedWrites).toBe(3);
  });

  it('refuses settings, AutoMod and emoji writes without Manage Server / Manage Expressions', async () => {
    const g = demoGuild(new Date('2026-06-01T00:00:00Z'));
    setBotPermissions(g, bitsOf(['ViewChannel', 'ManageChannels']));
    const f = await startFakeDiscord({ guilds: [g], limits: OPEN_LIMITS });
    try {
      const id = g.guild.id;
      const answers = [
        await call(f, 'PATCH', `/guilds/${id}`, { name: 'nope' }),
        await call(f, 'POST', `/guilds/${id}/auto-moderation/rules`, { name: 'x', event_type: 1, trigger_type: 1, actions: [{ type: 1 }] }),
        await call(f, 'PATCH', `/guilds/${id}/welcome-screen`, { description: 'x' }),
        await call(f, 'POST', `/guilds/${id}/emojis`, { name: 'xx', image: PNG }),
        await call(f, 'POST', `/guilds/${id}/roles`, { name: 'x' }),
        await call(f, 'PUT', `/channels/${g.channels[0].id}/permissions/${id}`, { type: 0, allow: '0', deny: '0' }),
      ];
      for (const a of answers) expect(a).toMatchObject({ status: 403, body: missing });
      expect((await call(f, 'POST', `/guilds/${id}/channels`, { name: 'allowed', type: ChannelType.GuildText })).status).toBe(201);
      expect(f.stats().refusedWrites).toBe(answers.length);
    } finally {
      await f.close();
    }
  });
});
