import { ChannelType } from 'discord-api-types/v10';
import { bitsOf } from '../discord/permissions.js';
import { GuildBuilder, startOfUtcDay } from './builder.js';
import { LazyMembers } from './lazy-members.js';
import { addAutomodRule, addBan, addBot, addEmoji, addEvent, addInvite, addSound, addSticker, addWebhook } from './extras.js';
import type { FakeChannel, FakeGuild, GuildSpec } from './types.js';

const WORDS = ['pixel', 'harbor', 'nova', 'ember', 'frost', 'lumen', 'quartz', 'echo', 'drift', 'maple', 'orbit', 'raven', 'sable', 'tidal', 'vivid', 'zephyr'];
export const MEMBER_PERMS = bitsOf(['ViewChannel', 'SendMessages', 'ReadMessageHistory', 'AddReactions', 'Connect', 'Speak', 'EmbedLinks', 'AttachFiles', 'UseApplicationCommands', 'CreatePublicThreads', 'SendMessagesInThreads', 'ChangeNickname']);
export const MOD_PERMS = bitsOf(['KickMembers', 'BanMembers', 'ManageMessages', 'ModerateMembers', 'ManageThreads', 'ViewAuditLog', 'MuteMembers', 'MoveMembers']);
/** The exporter bot's needs: read everything it exports (no Administrator). */
export const EXPORTER_PERMS = bitsOf(['ViewChannel', 'ReadMessageHistory', 'ManageGuild', 'ManageWebhooks', 'BanMembers', 'ViewAuditLog', 'ManageThreads', 'ManageChannels']);

/** Seeded, deterministic guild of the given size: same spec, same payloads. */
export function generateGuild(spec: GuildSpec = {}): FakeGuild {
  const s = { seed: 1, members: 50, roles: 8, text: 6, voice: 2, categories: 3, announcement: 1, stage: 1, forum: 1, media: 0,
    threadsPerChannel: 1, archivedThreadsPerChannel: 2, invites: 3, webhooks: 2, emojis: 5, stickers: 2, events: 2,
    automodRules: 2, bans: 3, ...spec };
  const b = new GuildBuilder(s.seed, s.id, s.name ?? `Guild ${s.seed}`, s.now ?? startOfUtcDay());
  const word = () => b.rng.pick(WORDS);

  const custom = Array.from({ length: s.roles }, (_, i) =>
    b.role(i === 0 ? 'Admin' : i === 1 ? 'Moderator' : `${word()}-${i}`, String(i === 0 ? bitsOf(['Administrator']) : i === 1 ? MOD_PERMS : MEMBER_PERMS), { hoist: i < 2 }));

  const humans = Math.max(0, s.members - (s.members >= 5 ? 2 : 0));
  // On demand: the owner is built (bots and the audit log refer to it), every other member is made per request.
  const built = s.membersOnDemand ? Math.min(1, humans) : humans;
  if (s.membersOnDemand && humans > built) {
    b.state.lazyMembers = new LazyMembers(humans - built, s.seed, Date.UTC(2016, 0, 1), b.now - 86_400_000,
      custom.map((r, j) => ({ id: r.id, chance: j === 0 ? 0 : j === 1 ? 0.05 : 0.3 })), WORDS);
    // Counted now, while the guild is made, rather than on the first GET .../roles/member-counts an export waits for.
    b.state.lazyMembers.roleCounts();
  }
  for (let i = 0; i < built; i++) {
    const user = b.user(b.idAt(b.randomTime(Date.UTC(2016, 0, 1), b.now - 86_400_000)), `${word()}${word()}${i}`);
    const roles = custom.filter((_r, j) => (i === 0 && j === 0) || (j > 0 && b.rng.chance(j === 1 ? 0.05 : 0.3))).map((r) => r.id);
    b.member(user, roles, b.rng.int(1, 1500));
  }
  const owner = b.state.members[0]?.user ?? b.state.botUser;
  b.state.guild.owner_id = owner.id;
  if (s.members >= 5) {
    addBot(b, 'Server Exporter', String(EXPORTER_PERMS), owner.id, b.state.botUser);
    addBot(b, `${word()} bot`, String(MEMBER_PERMS), owner.id);
  }

  const cats = Array.from({ length: s.categories }, (_, i) => b.channel(ChannelType.GuildCategory, `${word()} ${i}`));
  let n = 0;
  const parent = () => (cats.length ? cats[n++ % cats.length].id : null);
  const make = (type: FakeChannel['type'], count: number, prefix: string) =>
    Array.from({ length: count }, (_, i) => b.channel(type, `${prefix}-${i}`, { parentId: parent(), lastMessageDaysAgo: b.rng.int(0, 60), topic: null }));
  const text = make(ChannelType.GuildText, s.text, 'text');
  const voice = make(ChannelType.GuildVoice, s.voice, 'voice');
  const news = make(ChannelType.GuildAnnouncement, s.announcement, 'news');
  const stage = make(ChannelType.GuildStageVoice, s.stage, 'stage');
  const forum = make(ChannelType.GuildForum, s.forum, 'forum');
  const media = make(ChannelType.GuildMedia, s.media, 'media');
  if (text[0] && custom[1]) text[0].permission_overwrites = [b.overwrite(b.guildId, 'role', 0n, bitsOf(['SendMessages'])), b.overwrite(custom[1].id, 'role', bitsOf(['SendMessages']), 0n)];
  if (text[1] && b.state.members[0]) text[1].permission_overwrites = [b.overwrite(b.state.members[0].user.id, 'member', bitsOf(['ManageMessages']), 0n)];

  for (const ch of [...text, ...news, ...forum, ...media]) {
    for (let i = 0; i < s.threadsPerChannel; i++) b.thread(ch, `${ch.name} thread ${i}`, false, null);
    // Archived threads step back ~6 h each so archive_timestamps are distinct and spread over time.
    for (let i = 0; i < s.archivedThreadsPerChannel; i++) {
      const priv = ch.type === ChannelType.GuildText && i % 4 === 3;
      b.thread(ch, `${ch.name} old ${i}`, priv, b.now - (i + 1) * 6 * 3600_000 - b.rng.int(0, 3_000_000));
    }
  }
  const anyText = text[0] ?? news[0];
  if (anyText) {
    for (let i = 0; i < s.invites; i++) addInvite(b, anyText, owner, i === 0 ? 0 : 604800, i === 0 ? 0 : 25);
    for (let i = 0; i < s.webhooks; i++) addWebhook(b, anyText, `hook ${i}`, owner);
  }
  for (let i = 0; i < s.emojis; i++) addEmoji(b, `${word()}_${i}`, owner);
  for (let i = 0; i < s.stickers; i++) addSticker(b, `${word()} ${i}`, owner);
  for (let i = 0; i < s.events; i++) addEvent(b, `Event ${i}`, voice[i] ?? stage[i] ?? null, owner, i + 1);
  for (let i = 0; i < s.automodRules; i++) addAutomodRule(b, `Rule ${i}`, i % 2 ? 4 : 1, owner.id, text[0]?.id ?? null, custom[1] ? [custom[1].id] : []);
  for (let i = 0; i < s.bans; i++) addBan(b, i % 2 ? null : 'spam');
  addSound(b, 'airhorn', owner);
  return b.finish();
}
