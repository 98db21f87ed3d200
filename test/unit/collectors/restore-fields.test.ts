import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoGuild, generateGuild } from '../../../src/fake-discord/index.js';
import type { GuildExport } from '../../../src/schema/types.js';
import { SCHEMA_VERSION } from '../../../src/schema/types.js';
import { validateExport } from '../../../src/schema/validate.js';
import { runCli } from '../../helpers/cli.js';
import { useFakeDiscord } from '../../helpers/fake-discord.js';

const ONLY = 'roles,channels,forums,welcome_screen,onboarding,emojis';
const read = (dir: string, file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as GuildExport;

// The settings a restore needs to recreate what was there: icons, forum defaults, emoji ids, onboarding answers.
describe('the export keeps what a restore needs (schema 2.2.0)', () => {
  const demo = demoGuild();
  const bare = generateGuild({ seed: 77, members: 6, forum: 1, voice: 1, stage: 1 });
  const ctx = useFakeDiscord([demo, bare]);

  async function exportOf(guildId: string, name: string): Promise<{ exp: GuildExport; snap: GuildExport }> {
    const out = join(ctx.dir, name);
    const run = await runCli(['export', '--guild', guildId, '--out', out, '--members', 'none', '--only', ONLY,
      '--formats', 'json,markdown', '--quiet'], ctx.env());
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    return { exp: read(out, 'export.json'), snap: read(out, 'snapshot.json') };
  }

  it('maps role icons, channel defaults, tag, welcome and onboarding emojis from Discord\'s payloads', async () => {
    const { exp, snap } = await exportOf(demo.guild.id, 'demo');
    expect(exp.meta.schema_version).toBe('2.2.0');
    expect(SCHEMA_VERSION).toBe('2.2.0');
    expect(validateExport(exp).errors).toEqual([]);
    expect(exp.errors).toEqual([]);
    const emojiId = (name: string) => demo.guild.emojis.find((e) => e.name === name)!.id;

    const supporter = exp.roles.find((r) => r.name === 'Supporter')!;
    expect([supporter.icon, supporter.unicode_emoji]).toEqual([null, '💎']);
    expect(exp.roles.find((r) => r.name === 'Admin')).toMatchObject({ icon: null, unicode_emoji: null });

    const channel = (name: string) => exp.channels.find((c) => c.name === name)!;
    expect(channel('General VC').video_quality_mode).toBe(2);
    expect(channel('Gaming VC').video_quality_mode).toBe(1);
    expect(channel('general').video_quality_mode).toBeNull();
    expect(channel('help-forum')).toMatchObject({
      default_reaction_emoji: { emoji_id: null, emoji_name: '👍' }, default_thread_rate_limit_per_user: 30,
      default_sort_order: 0, default_forum_layout: 1,
    });
    expect(channel('showcase').default_reaction_emoji).toEqual({ emoji_id: emojiId('harbor_wave'), emoji_name: null });
    const tags = channel('help-forum').available_tags!;
    expect(tags.find((t) => t.name === 'Question')).toMatchObject({ emoji: '❓', emoji_id: null, emoji_name: '❓' });
    expect(tags.find((t) => t.name === 'Solved')).toMatchObject({ emoji: emojiId('pixel_heart'), emoji_id: emojiId('pixel_heart'), emoji_name: null });
    expect(exp.forums.find((f) => f.name === 'help-forum')!.tags).toEqual(tags);

    expect(exp.welcome_screen!.channels.map((c) => [c.emoji_id, c.emoji_name])).toEqual([
      [null, '📜'], [emojiId('harbor_wave'), 'harbor_wave'], [null, '❓']]);

    const [first, second] = exp.onboarding!.prompts;
    expect(first).toMatchObject({ title: 'What brings you here?', single_select: false, required: false, in_onboarding: true, options: 4 });
    expect(first.choices!.map((c) => [c.title, c.emoji_name, c.role_ids.length])).toEqual(
      ['Artist', 'Gamer', 'Event Ping', 'Announcements Ping'].map((t) => [t, '✨', 1]));
    const gaming = demo.channels.find((c) => c.name === 'Gaming')!.id;
    const lfg = demo.channels.find((c) => c.name === 'looking-for-group')!.id;
    expect(second).toMatchObject({ type: 1, single_select: true, required: true, in_onboarding: false, options: 2 });
    expect(second.choices![0]).toEqual({ id: second.choices![0].id, title: 'Gaming', description: 'Game nights and LFG',
      emoji_id: emojiId('sword'), emoji_name: 'sword', role_ids: [], channel_ids: [gaming, lfg].sort((a, b) => a.length - b.length || (a < b ? -1 : 1)) });

    // Configuration, so snapshot.json keeps it too, with the prompts in Discord's order.
    expect(validateExport(snap).errors).toEqual([]);
    expect(snap.roles.find((r) => r.name === 'Supporter')!.unicode_emoji).toBe('💎');
    expect(snap.channels.find((c) => c.name === 'help-forum')!.default_reaction_emoji).toEqual({ emoji_id: null, emoji_name: '👍' });
    expect(snap.onboarding!.prompts.map((p) => p.title)).toEqual(exp.onboarding!.prompts.map((p) => p.title));
    expect(snap.onboarding!.prompts[1].choices).toEqual(second.choices);
    // New keys come after the ones older files have: their key order stays as it was.
    expect(Object.keys(snap.roles[0]).slice(-2)).toEqual(['icon', 'unicode_emoji']);
    expect(Object.keys(snap.channels[0]).slice(-6)).toEqual(['available_tags', 'video_quality_mode',
      'default_thread_rate_limit_per_user', 'default_reaction_emoji', 'default_sort_order', 'default_forum_layout']);
  });

  it('a server that leaves the fields out, or sends something else in them, exports them as null', async () => {
    const g = ctx.fake.guild(bare.guild.id);
    for (const r of g.guild.roles) {
      delete (r as { icon?: unknown }).icon;
      (r as { unicode_emoji?: unknown }).unicode_emoji = 42;
    }
    for (const c of g.channels as unknown as Record<string, unknown>[]) {
      for (const key of ['video_quality_mode', 'default_thread_rate_limit_per_user', 'default_sort_order', 'default_forum_layout']) delete c[key];
      if (c.available_tags) {
        c.available_tags = [{ id: '1234567890123456789', name: 'odd', emoji_id: 'not-an-id' }];
        c.default_reaction_emoji = 'thumbs';
      }
    }
    g.welcomeScreen = { description: null, welcome_channels: [{ channel_id: g.channels[0].id, description: 'x' }] } as never;
    g.onboarding = { guild_id: g.guild.id, enabled: true, mode: 0, default_channel_ids: [], prompts: [
      { id: '1234567890123456780', title: 'Bare', type: 0, options: [
        { id: '1234567890123456781', title: 'No emoji', role_ids: ['nope', '1234567890123456782'] }, null, { title: 'no id' }] },
    ] } as never;
    const { exp } = await exportOf(bare.guild.id, 'bare');
    expect(exp.errors).toEqual([]);
    expect(validateExport(exp).errors).toEqual([]);
    for (const r of exp.roles) expect([r.icon, r.unicode_emoji]).toEqual([null, null]);
    for (const c of exp.channels) {
      expect([c.video_quality_mode, c.default_thread_rate_limit_per_user, c.default_reaction_emoji, c.default_sort_order,
        c.default_forum_layout]).toEqual([null, null, null, null, null]);
    }
    const forum = exp.channels.find((c) => c.type_name === 'forum')!;
    expect(forum.available_tags).toEqual([{ id: '1234567890123456789', name: 'odd', moderated: false, emoji: 'not-an-id', emoji_id: null, emoji_name: null }]);
    expect(exp.welcome_screen!.channels).toEqual([{ channel_id: g.channels[0].id, description: 'x', emoji_name: null, emoji_id: null }]);
    expect(exp.onboarding!.prompts).toEqual([{ id: '1234567890123456780', title: 'Bare', type: 0, required: false, options: 3,
      single_select: false, in_onboarding: true, choices: [{ id: '1234567890123456781', title: 'No emoji', description: null,
        emoji_id: null, emoji_name: null, role_ids: ['1234567890123456782'], channel_ids: [] }] }]);
  });
});
