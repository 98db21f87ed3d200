import { ChannelType } from 'discord-api-types/v10';
import type { APIGuildOnboarding, APIUser } from 'discord-api-types/v10';
import { bitsOf } from '../discord/permissions.js';
import { makeSnowflake } from '../schema/snowflake.js';
import { LazyMembers } from './lazy-members.js';
import { GuildBuilder, startOfUtcDay } from './builder.js';
import { addAutomodRule, addBan, addBot, addEmoji, addEvent, addInvite, addSound, addSticker, addWebhook } from './extras.js';
import { EXPORTER_PERMS, MEMBER_PERMS, MOD_PERMS } from './generate.js';
import type { FakeGuild } from './types.js';

export const DEMO_GUILD_ID = makeSnowflake(Date.UTC(2020, 3, 12, 15, 30), 1);
/** The token the fake accepts by default (obviously fake: never a real credential). */
export const FAKE_BOT_TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAw.FAKE00.fake-discord-token-not-a-real-secret';
/** Audit check ids the demo guild is built to fail; everything else about it is healthy. */
export const DEMO_PLANTED_PROBLEMS: readonly string[] = Object.freeze([
  'verification_level_low', 'mod_2fa_not_required', 'everyone_dangerous_permissions', 'too_many_admin_roles',
  'bots_with_administrator', 'unused_roles', 'uncategorized_channels', 'empty_categories', 'stale_channels', 'permanent_invites',
]);

const NAMES = ['ava', 'kai', 'mila', 'noah', 'zoe', 'liam', 'ivy', 'leo', 'nora', 'eli', 'ruby', 'finn', 'luna', 'owen', 'iris', 'jude', 'sage', 'theo', 'wren', 'milo'];
const VIEW = bitsOf(['ViewChannel']);

/**
 * "Pixel Harbor": a ~1,400 member community with exactly the DEMO_PLANTED_PROBLEMS wrong. `extraMembers` adds that
 * many more, made on demand (the same server grown to a million, for the benchmarks); without it the guild is the same
 * byte for byte.
 */
export function demoGuild(now: Date = startOfUtcDay(), options: { extraMembers?: number } = {}): FakeGuild {
  const b = new GuildBuilder('pixel-harbor', DEMO_GUILD_ID, 'Pixel Harbor', now);
  const g = b.state.guild;
  Object.assign(g, { description: 'A friendly harbor for pixel artists and gamers.', verification_level: 1, mfa_level: 0,
    explicit_content_filter: 2, default_message_notifications: 1, premium_tier: 2, premium_subscription_count: 9,
    features: ['COMMUNITY', 'NEWS', 'WELCOME_SCREEN_ENABLED', 'GUILD_ONBOARDING', 'ANIMATED_ICON'], icon: b.hash() });
  // Planted: @everyone may ping everyone.
  g.roles[0].permissions = String(MEMBER_PERMS | bitsOf(['MentionEveryone']));
  const admin = String(bitsOf(['Administrator']));
  const [owner, adminRole, headMod, manager] = ['Owner', 'Admin', 'Head Moderator', 'Server Manager'].map((n) => b.role(n, admin, { hoist: true }));
  const mod = b.role('Moderator', String(MOD_PERMS | MEMBER_PERMS), { hoist: true });
  const helper = b.role('Helper', String(MEMBER_PERMS | bitsOf(['ManageThreads'])), { hoist: true });
  // A role icon from a unicode emoji (no uploaded icon): what a restore must put back as unicode_emoji.
  const supporter = b.role('Supporter', String(MEMBER_PERMS), { unicode_emoji: '💎' });
  const interests = ['Artist', 'Gamer', 'Event Ping', 'Announcements Ping'].map((n) => b.role(n, '0', { mentionable: true }));
  for (const n of ['Old Staff', 'Beta Tester', 'Legacy VIP']) b.role(n, String(MEMBER_PERMS)); // planted: nobody holds these

  const humans: APIUser[] = [];
  for (let i = 0; i < 1395; i++) {
    const user = b.user(b.idAt(b.randomTime(Date.UTC(2016, 0, 1), b.now - 86_400_000)), `${b.rng.pick(NAMES)}${b.rng.pick(NAMES)}${i}`);
    const roles = i === 0 ? [owner.id] : i <= 2 ? [adminRole.id] : i === 3 ? [headMod.id] : i === 4 ? [manager.id]
      : i <= 10 ? [mod.id] : i <= 20 ? [helper.id] : [];
    if (i > 4 && b.rng.chance(0.05)) roles.push(supporter.id);
    if (b.rng.chance(0.7)) for (const r of interests) if (b.rng.chance(0.3)) roles.push(r.id);
    b.member(user, roles, i < 5 ? 1500 - i : b.rng.int(1, 1400));
    humans.push(user);
  }
  const own = humans[0];
  g.owner_id = own.id;
  addBot(b, 'Server Exporter', String(EXPORTER_PERMS), own.id, b.state.botUser);
  addBot(b, 'Harbor Bot', admin, own.id); // planted: a bot with Administrator
  addBot(b, 'Groove', String(bitsOf(['ViewChannel', 'Connect', 'Speak', 'SendMessages'])), own.id);
  addBot(b, 'Ticket Tool', String(bitsOf(['ViewChannel', 'SendMessages', 'ManageChannels'])), own.id);
  addBot(b, 'Stats Counter', String(bitsOf(['ViewChannel', 'ManageChannels'])), own.id);

  const ch = (type: Parameters<GuildBuilder['channel']>[0], name: string, parentId: string | null, days: number | null = b.rng.int(0, 14), topic: string | null = null) =>
    b.channel(type, name, { parentId, lastMessageDaysAgo: days, topic });
  const T = ChannelType;
  // Planted: three text channels outside any category.
  for (const n of ['general-old', 'memes-temp', 'bot-spam']) ch(T.GuildText, n, null, b.rng.int(0, 10));
  const info = ch(T.GuildCategory, 'Info', null, null);
  const rules = ch(T.GuildText, 'rules', info.id, 90, 'Read before posting.');
  const news = ch(T.GuildAnnouncement, 'announcements', info.id, 3, 'Server news.');
  const welcome = ch(T.GuildText, 'welcome', info.id, 0);
  rules.permission_overwrites = [b.overwrite(b.guildId, 'role', 0n, bitsOf(['SendMessages']))];
  news.permission_overwrites = [b.overwrite(b.guildId, 'role', 0n, bitsOf(['SendMessages'])), b.overwrite(humans[1].id, 'member', bitsOf(['SendMessages']), 0n)];
  const community = ch(T.GuildCategory, 'Community', null, null);
  const general = ch(T.GuildText, 'general', community.id, 0, 'Say hi!');
  ch(T.GuildText, 'introductions', community.id);
  const art = ch(T.GuildText, 'pixel-art', community.id);
  const help = ch(T.GuildForum, 'help-forum', community.id, 1);
  const showcase = ch(T.GuildMedia, 'showcase', community.id, 2);
  ch(T.GuildText, 'off-topic-2021', community.id, 200); // planted: stale
  const gaming = ch(T.GuildCategory, 'Gaming', null, null);
  const lfg = ch(T.GuildText, 'looking-for-group', gaming.id);
  ch(T.GuildText, 'minecraft', gaming.id);
  ch(T.GuildText, 'speedruns', gaming.id, 150); // planted: stale
  const voiceCat = ch(T.GuildCategory, 'Voice', null, null);
  const vc = ch(T.GuildVoice, 'General VC', voiceCat.id);
  Object.assign(vc, { video_quality_mode: 2 }); // full quality video
  ch(T.GuildVoice, 'Gaming VC', voiceCat.id);
  ch(T.GuildVoice, 'Music', voiceCat.id);
  const stage = ch(T.GuildStageVoice, 'Town Hall', voiceCat.id, null);
  const staffCat = ch(T.GuildCategory, 'Staff', null, null);
  const staffOnly = [b.overwrite(b.guildId, 'role', 0n, VIEW), b.overwrite(mod.id, 'role', VIEW, 0n)];
  staffCat.permission_overwrites = staffOnly;
  const modLog = ch(T.GuildText, 'mod-log', staffCat.id, 0);
  const staffChat = ch(T.GuildText, 'staff-chat', staffCat.id, 1);
  const safety = ch(T.GuildText, 'safety-alerts', staffCat.id, 5);
  ch(T.GuildVoice, 'Staff VC', staffCat.id);
  for (const c of [modLog, staffChat, safety]) c.permission_overwrites = staffOnly.map((o) => ({ ...o }));
  ch(T.GuildCategory, 'Archive', null, null); // planted: empty category
  Object.assign(g, { rules_channel_id: rules.id, system_channel_id: welcome.id, public_updates_channel_id: staffChat.id,
    safety_alerts_channel_id: safety.id, widget_enabled: true, widget_channel_id: general.id });
  b.state.widget = { enabled: true, channel_id: general.id };

  b.thread(general, 'Introduce your setup', false, null);
  b.thread(general, 'Weekly challenge', false, null);
  for (let i = 0; i < 3; i++) b.thread(help, `How do I ${['shade', 'animate', 'export'][i]}?`, false, null);
  for (let i = 0; i < 6; i++) b.thread(help, `Solved question ${i + 1}`, false, b.daysAgo(3 + i * 9));
  for (let i = 0; i < 2; i++) b.thread(showcase, `Showcase ${i + 1}`, false, b.daysAgo(20 + i * 30));
  b.thread(lfg, 'Private squad', true, b.daysAgo(12));
  b.thread(art, 'Palette swap', false, b.daysAgo(40));

  addInvite(b, welcome, own, 0, 0); // planted: permanent
  addInvite(b, general, humans[1], 0, 0); // planted: permanent
  addInvite(b, welcome, humans[2], 604800, 0);
  addInvite(b, welcome, humans[5], 86400, 10);
  addInvite(b, lfg, humans[7], 43200, 5);
  addWebhook(b, news, 'Patch Notes', own);
  addWebhook(b, modLog, 'Mod Logger', humans[1]);
  addWebhook(b, art, 'Art Feed', humans[2]);
  for (const n of ['harbor_wave', 'pixel_heart', 'gg', 'lol_pixel', 'anchor', 'coin', 'sword', 'potion']) addEmoji(b, n, humans[b.rng.int(0, 4)]);
  // Forum settings that name emojis, custom and unicode (the values a restore needs to set them again).
  const emojiId = (name: string) => g.emojis.find((e) => e.name === name)!.id!;
  const helpTags = (help as unknown as { available_tags: { emoji_id: string | null; emoji_name: string | null }[] }).available_tags;
  Object.assign(helpTags[0], { emoji_name: '❓' });
  Object.assign(helpTags[1], { emoji_id: emojiId('pixel_heart') });
  Object.assign(help, { default_reaction_emoji: { emoji_id: null, emoji_name: '👍' }, default_thread_rate_limit_per_user: 30,
    default_sort_order: 0, default_forum_layout: 1 });
  Object.assign(showcase, { default_reaction_emoji: { emoji_id: emojiId('harbor_wave'), emoji_name: null }, default_forum_layout: 2 });
  for (const n of ['Harbor Seal', 'Pixel Thumbs', 'Lighthouse']) addSticker(b, n, own);
  addEvent(b, 'Game Night', vc, humans[3], 2);
  addEvent(b, 'Monthly Town Hall', stage, own, 9);
  addEvent(b, 'Pixel Meetup', null, humans[4], 30);
  addAutomodRule(b, 'Block scam links', 1, own.id, modLog.id, [mod.id]);
  addAutomodRule(b, 'Mention spam', 5, own.id, modLog.id, [mod.id]);
  for (let i = 0; i < 12; i++) addBan(b, i % 3 ? 'Spam bot' : null);
  for (const n of ['airhorn', 'gg', 'sad trombone']) addSound(b, n, own);
  b.state.welcomeScreen = { description: 'Welcome to Pixel Harbor!', welcome_channels: [
    { channel_id: rules.id, description: 'Read the rules', emoji_id: null, emoji_name: '📜' },
    { channel_id: general.id, description: 'Say hi', emoji_id: emojiId('harbor_wave'), emoji_name: 'harbor_wave' },
    { channel_id: help.id, description: 'Ask for help', emoji_id: null, emoji_name: '❓' }] };
  b.state.onboarding = { guild_id: b.guildId, enabled: true, mode: 0, default_channel_ids: [rules.id, news.id, general.id],
    prompts: [{ id: b.newId(), type: 0, title: 'What brings you here?', single_select: false, required: false, in_onboarding: true,
      options: interests.map((r) => ({ id: b.newId(), title: r.name, description: null, channel_ids: [], role_ids: [r.id],
        emoji: { id: null, name: '✨', animated: false } })) },
    // Added after the first prompt's ids so the rest of the demo keeps its ids.
    { id: b.newId(), type: 1, title: 'Which channels do you want?', single_select: true, required: true, in_onboarding: false,
      options: [
        { id: b.newId(), title: 'Gaming', description: 'Game nights and LFG', channel_ids: [gaming.id, lfg.id], role_ids: [],
          emoji: { id: emojiId('sword'), name: 'sword', animated: false } },
        { id: b.newId(), title: 'Art', description: null, channel_ids: [art.id], role_ids: [interests[0].id],
          emoji: { id: null, name: '🎨', animated: false } }] }] } as unknown as APIGuildOnboarding;
  b.state.vanityUses = 0;
  if (options.extraMembers) {
    b.state.lazyMembers = new LazyMembers(options.extraMembers, 'pixel-harbor-grown', Date.UTC(2016, 0, 1), b.now - 86_400_000,
      [{ id: supporter.id, chance: 0.05 }, ...interests.map((r) => ({ id: r.id, chance: 0.21 }))], NAMES);
    b.state.lazyMembers.roleCounts();
  }
  return b.finish();
}
