import { AuditLogEvent } from 'discord-api-types/v10';
import type {
  APIAutoModerationRule, APIExtendedInvite, APIGuildIntegration, APIGuildScheduledEvent, APIRole, APISticker,
  APIUser, APIWebhook,
} from 'discord-api-types/v10';
import type { GuildBuilder } from './builder.js';
import type { FakeChannel } from './types.js';

const DAY = 86_400_000;

/** Adds a bot: its user, its managed role (tags.bot_id), its membership, integration and "bot add" audit entry. */
export function addBot(b: GuildBuilder, name: string, permissions: string, addedBy: string, user?: APIUser): APIRole {
  const bot = user ?? b.user(b.newId(), name, true);
  const role = b.role(name, permissions, { managed: true, tags: { bot_id: bot.id } });
  b.member(bot, [role.id], b.rng.int(10, 900));
  const integration = {
    id: b.newId(), name, type: 'discord', enabled: true, account: { id: bot.id, name },
    application: { id: bot.id, name, icon: null, description: `${name} bot`, bot },
    scopes: ['bot', 'applications.commands'], user: b.state.members.find((m) => m.user.id === addedBy)?.user,
  };
  b.state.integrations.push(integration as unknown as APIGuildIntegration);
  b.state.auditLog.push({
    id: b.idAt(b.now - b.rng.int(5, 800) * DAY), action_type: AuditLogEvent.BotAdd, target_id: bot.id, user_id: addedBy, changes: [],
  });
  for (const id of [addedBy, bot.id]) {
    const u = b.state.members.find((m) => m.user.id === id)?.user;
    if (u && !b.state.auditLogUsers.some((x) => x.id === id)) b.state.auditLogUsers.push(u);
  }
  return role;
}

/** An invite to `channel`; maxAge/maxUses 0 mean never expires / unlimited. */
export function addInvite(b: GuildBuilder, channel: FakeChannel, inviter: APIUser, maxAge: number, maxUses: number): APIExtendedInvite {
  const code = Array.from({ length: 8 }, () => b.rng.pick([...'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789'])).join('');
  const invite = {
    type: 0, code, guild: { id: b.guildId, name: b.state.guild.name, splash: null, banner: null, description: null, icon: null,
      features: b.state.guild.features, verification_level: b.state.guild.verification_level, vanity_url_code: null, nsfw_level: 0 },
    channel: { id: channel.id, name: channel.name, type: channel.type }, inviter,
    uses: b.rng.int(0, Math.max(1, maxUses || 300)), max_uses: maxUses, max_age: maxAge, temporary: false,
    created_at: new Date(b.now - b.rng.int(1, maxAge ? 6 : 500) * DAY).toISOString(),
    expires_at: null as string | null,
  };
  if (maxAge) invite.expires_at = new Date(Date.parse(invite.created_at) + maxAge * 1000).toISOString();
  b.state.invites.push(invite as unknown as APIExtendedInvite);
  return invite as unknown as APIExtendedInvite;
}

/** An incoming webhook WITH token and url, as Discord returns them to MANAGE_WEBHOOKS. */
export function addWebhook(b: GuildBuilder, channel: FakeChannel, name: string, creator: APIUser): APIWebhook {
  const id = b.newId();
  const token = Array.from({ length: 68 }, () => b.rng.pick([...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-'])).join('');
  const hook: APIWebhook = { id, type: 1, guild_id: b.guildId, channel_id: channel.id, name, avatar: null, application_id: null,
    user: creator, token, url: `https://discord.com/api/webhooks/${id}/${token}` };
  b.state.webhooks.push(hook);
  return hook;
}

export function addEmoji(b: GuildBuilder, name: string, creator: APIUser): void {
  b.state.guild.emojis.push({ id: b.newId(), name, roles: [], user: creator, require_colons: true, managed: false,
    animated: b.rng.chance(0.2), available: true });
}

export function addSticker(b: GuildBuilder, name: string, creator: APIUser): void {
  const s = { id: b.newId(), name, tags: 'smile', type: 2, format_type: 1, description: `${name} sticker`, available: true,
    guild_id: b.guildId, user: creator };
  b.state.stickers.push(s as APISticker);
  b.state.guild.stickers = b.state.stickers;
}

/** A scheduled event; voice/stage events point at `channel`, external ones carry a location. */
export function addEvent(b: GuildBuilder, name: string, channel: FakeChannel | null, creator: APIUser, inDays: number): void {
  const start = b.now + inDays * DAY + 18 * 3600_000;
  const ev = { id: b.newId(), guild_id: b.guildId, channel_id: channel?.id ?? null, creator_id: creator.id, creator, name,
    description: `${name} (everyone welcome)`, scheduled_start_time: new Date(start).toISOString(),
    scheduled_end_time: channel ? null : new Date(start + 2 * 3600_000).toISOString(), privacy_level: 2,
    status: 1, entity_type: channel ? (channel.type === 13 ? 1 : 2) : 3, entity_id: null,
    entity_metadata: channel ? null : { location: 'https://example.com/meetup' }, user_count: b.rng.int(3, 120), image: null,
    recurrence_rule: null };
  b.state.events.push(ev as unknown as APIGuildScheduledEvent);
}

/** A keyword automod rule; `exemptRoles` skip it, alerts go to `alertChannel`. */
export function addAutomodRule(b: GuildBuilder, name: string, triggerType: 1 | 3 | 4 | 5, creator: string,
  alertChannel: string | null, exemptRoles: string[], enabled = true): void {
  const metadata = triggerType === 1 ? { keyword_filter: ['free nitro', 'steam gift'], regex_patterns: [], allow_list: [] }
    : triggerType === 4 ? { presets: [1, 2, 3], allow_list: [] } : triggerType === 5 ? { mention_total_limit: 6, mention_raid_protection_enabled: true } : {};
  const actions: { type: number; metadata?: Record<string, unknown> }[] = [{ type: 1, metadata: { custom_message: 'Blocked by AutoMod' } }];
  if (alertChannel) actions.push({ type: 2, metadata: { channel_id: alertChannel } });
  b.state.automodRules.push({ id: b.newId(), guild_id: b.guildId, name, creator_id: creator, event_type: 1, trigger_type: triggerType,
    trigger_metadata: metadata, actions, enabled, exempt_roles: exemptRoles, exempt_channels: [] } as unknown as APIAutoModerationRule);
}

export function addBan(b: GuildBuilder, reason: string | null): void {
  b.state.bans.push({ user: b.user(b.idAt(b.randomTime(Date.UTC(2017, 0, 1), b.now - DAY)), `banned${b.state.bans.length}`), reason });
}

export function addSound(b: GuildBuilder, name: string, creator: APIUser): void {
  b.state.soundboardSounds.push({ name, sound_id: b.newId(), volume: 1, emoji_id: null, emoji_name: '🔔', guild_id: b.guildId,
    available: true, user: creator });
}
