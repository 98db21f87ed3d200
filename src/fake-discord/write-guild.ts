import { ChannelType } from 'discord-api-types/v10';
import type { APIGuildOnboarding } from 'discord-api-types/v10';
import { MISSING_PERMISSIONS, type Reply } from './errors.js';
import { botHas, botIsOwner } from './bot-perms.js';
import { nextId } from './ids.js';
import { BodyReader, asObject } from './write-body.js';
import { imageHash } from './write-roles.js';
import { ok, type WriteContext, type WriteRouteDef } from './write-route.js';
import type { FakeGuild } from './types.js';

const T = ChannelType;
/** The channel each settings field may name, as Discord checks it. */
const CHANNEL_FIELDS: Record<string, { types: number[]; what: string }> = {
  afk_channel_id: { types: [T.GuildVoice], what: 'a voice channel' },
  system_channel_id: { types: [T.GuildText], what: 'a text channel' },
  rules_channel_id: { types: [T.GuildText], what: 'a text channel' },
  public_updates_channel_id: { types: [T.GuildText], what: 'a text channel' },
  safety_alerts_channel_id: { types: [T.GuildText], what: 'a text channel' },
};
const IMAGE_FIELDS = ['icon', 'splash', 'discovery_splash', 'banner'] as const;
const DATA_URI = /^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/]+=*$/;

/** A channel id field: null clears it; otherwise the channel must be in this guild and of an allowed type. */
export function guildChannelRef(r: BodyReader, g: FakeGuild, key: string, types: number[] | null, what = 'a channel'): string | null | undefined {
  const id = r.snowflake(key, { nullable: true });
  if (!id) return id;
  const ch = g.channels.find((c) => c.id === id);
  if (!ch) { r.fail(key, 'CHANNEL_INVALID', 'Unknown channel'); return undefined; }
  if (types && !types.includes(ch.type)) { r.fail(key, 'CHANNEL_TYPE_INVALID', `Channel must be ${what}`); return undefined; }
  return id;
}

function editGuild({ guild: g, body }: WriteContext): Reply {
  const r = new BodyReader(asObject(body) ?? {});
  const f: Record<string, unknown> = {};
  const put = (key: string, v: unknown) => { if (v !== undefined) f[key] = v; };
  put('name', r.str('name', 2, 100));
  put('description', r.str('description', 0, 300, { nullable: true }));
  put('verification_level', r.choice('verification_level', [0, 1, 2, 3, 4]));
  put('default_message_notifications', r.choice('default_message_notifications', [0, 1]));
  put('explicit_content_filter', r.choice('explicit_content_filter', [0, 1, 2]));
  put('afk_timeout', r.choice('afk_timeout', [60, 300, 900, 1800, 3600]));
  put('system_channel_flags', r.int('system_channel_flags', 0, 2 ** 31 - 1));
  put('preferred_locale', r.str('preferred_locale', 2, 10));
  put('premium_progress_bar_enabled', r.bool('premium_progress_bar_enabled'));
  for (const [key, { types, what }] of Object.entries(CHANNEL_FIELDS)) put(key, guildChannelRef(r, g, key, types, what));
  for (const key of IMAGE_FIELDS) {
    const v = r.str(key, 0, 20_000_000, { nullable: true });
    if (typeof v === 'string' && !DATA_URI.test(v)) r.fail(key, 'IMAGE_INVALID', 'Invalid image data');
    else if (v !== undefined) f[key] = v === null ? null : imageHash(v);
  }
  if (r.has('features')) {
    const v = r.body.features;
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) r.fail('features', 'BASE_TYPE_ARRAY', 'Must be an array of strings.');
    else f.features = v;
  }
  const owner = r.snowflake('owner_id');
  const bad = r.reply();
  if (bad) return bad;
  // Only the owner hands the server over.
  if (owner !== undefined && owner !== g.guild.owner_id && !botIsOwner(g)) return MISSING_PERMISSIONS();
  if (owner) f.owner_id = owner;
  if ('icon' in f) f.icon_hash = f.icon;
  Object.assign(g.guild, f);
  return ok(g.guild);
}

function editWelcomeScreen({ guild: g, body }: WriteContext): Reply {
  const r = new BodyReader(asObject(body) ?? {});
  const description = r.str('description', 0, 140, { nullable: true });
  const enabled = r.bool('enabled');
  let channels: { channel_id: string; description: string; emoji_id: string | null; emoji_name: string | null }[] | undefined;
  const raw = r.body.welcome_channels;
  if (raw !== undefined && raw !== null) {
    if (!Array.isArray(raw) || raw.length > 5) r.fail('welcome_channels', 'BASE_TYPE_MAX_LENGTH', 'Must be 5 or fewer in length.');
    else {
      channels = [];
      raw.forEach((item, i) => {
        const c = r.child(`welcome_channels.${i}`, item);
        if (!c) return;
        const id = guildChannelRef(c, g, 'channel_id', null);
        const text = c.str('description', 1, 42, { required: true });
        const emojiId = c.snowflake('emoji_id', { nullable: true }) ?? null;
        const emojiName = c.str('emoji_name', 1, 100, { nullable: true }) ?? null;
        if (id && text) channels!.push({ channel_id: id, description: text, emoji_id: emojiId, emoji_name: emojiName });
      });
    }
  }
  const bad = r.reply();
  if (bad) return bad;
  const screen = g.welcomeScreen ?? { description: null, welcome_channels: [] };
  if (description !== undefined) screen.description = description;
  if (channels) screen.welcome_channels = channels;
  g.welcomeScreen = screen;
  if (enabled !== undefined) {
    const features = g.guild.features.filter((x) => x !== 'WELCOME_SCREEN_ENABLED');
    g.guild.features = (enabled ? [...features, 'WELCOME_SCREEN_ENABLED'] : features) as typeof g.guild.features;
  }
  return ok(screen);
}

function putOnboarding({ guild: g, body }: WriteContext): Reply {
  if (!botHas(g, 'ManageRoles')) return MISSING_PERMISSIONS();
  const r = new BodyReader(asObject(body) ?? {});
  const enabled = r.bool('enabled');
  const mode = r.choice('mode', [0, 1]);
  const defaults = r.snowflakes('default_channel_ids', 500);
  (defaults ?? []).forEach((id, i) => { if (!g.channels.some((c) => c.id === id)) r.fail(`default_channel_ids.${i}`, 'CHANNEL_INVALID', 'Unknown channel'); });
  const rawPrompts = r.body.prompts;
  const prompts: unknown[] = [];
  if (rawPrompts !== undefined && !Array.isArray(rawPrompts)) r.fail('prompts', 'BASE_TYPE_ARRAY', 'Must be an array.');
  for (const [i, item] of (Array.isArray(rawPrompts) ? rawPrompts : []).entries()) {
    const p = r.child(`prompts.${i}`, item);
    if (!p) continue;
    const options: unknown[] = [];
    const rawOptions = Array.isArray(p.body.options) ? p.body.options : [];
    if (!Array.isArray(p.body.options)) p.fail('options', 'BASE_TYPE_REQUIRED', 'This field is required');
    for (const [j, o] of rawOptions.entries()) {
      const c = p.child(`options.${j}`, o);
      if (!c) continue;
      const roleIds = c.snowflakes('role_ids', 50) ?? [];
      const channelIds = c.snowflakes('channel_ids', 50) ?? [];
      roleIds.forEach((id, k) => { if (!g.guild.roles.some((x) => x.id === id)) c.fail(`role_ids.${k}`, 'ROLE_INVALID', 'Unknown role'); });
      channelIds.forEach((id, k) => { if (!g.channels.some((x) => x.id === id)) c.fail(`channel_ids.${k}`, 'CHANNEL_INVALID', 'Unknown channel'); });
      const emojiId = c.snowflake('emoji_id', { nullable: true }) ?? null;
      const emojiName = c.str('emoji_name', 1, 100, { nullable: true }) ?? null;
      options.push({ id: c.snowflake('id') ?? nextId(g), title: c.str('title', 1, 50, { required: true }) ?? '',
        description: c.str('description', 0, 100, { nullable: true }) ?? null, channel_ids: channelIds, role_ids: roleIds,
        emoji: { id: emojiId, name: emojiName, animated: c.bool('emoji_animated') ?? false } });
    }
    prompts.push({ id: p.snowflake('id') ?? nextId(g), type: p.choice('type', [0, 1]) ?? 0, title: p.str('title', 1, 100, { required: true }) ?? '',
      single_select: p.bool('single_select') ?? false, required: p.bool('required') ?? false, in_onboarding: p.bool('in_onboarding') ?? true, options });
  }
  const bad = r.reply();
  if (bad) return bad;
  const next = { ...g.onboarding } as APIGuildOnboarding;
  if (enabled !== undefined) next.enabled = enabled;
  if (mode !== undefined) next.mode = mode as APIGuildOnboarding['mode'];
  if (defaults) next.default_channel_ids = defaults;
  if (rawPrompts !== undefined) next.prompts = prompts as APIGuildOnboarding['prompts'];
  g.onboarding = next;
  return ok(next);
}

export const GUILD_ROUTES: WriteRouteDef[] = [
  { method: 'PATCH', pattern: '/guilds/:guild', bucket: 'guild-write', needs: 'ManageGuild', handle: editGuild },
  { method: 'PATCH', pattern: '/guilds/:guild/welcome-screen', bucket: 'welcome-screen-write', needs: 'ManageGuild', handle: editWelcomeScreen },
  { method: 'PUT', pattern: '/guilds/:guild/onboarding', bucket: 'onboarding-write', needs: 'ManageGuild', handle: putOnboarding },
];
